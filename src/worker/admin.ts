/**
 * Bearer-token check for /v1/admin/*. The token is a Workers secret (`wrangler secret put ADMIN_TOKEN`).
 * Both sides are hashed with SHA-256 and the digests compared in constant time, so neither the
 * token's length nor its prefix leaks through timing. The token is never echoed or logged.
 */
import { ApiError } from "./errors";

const encoder = new TextEncoder();

async function digest(s: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(s)));
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  const subtle = crypto.subtle as SubtleCrypto & { timingSafeEqual?: (a: ArrayBufferView, b: ArrayBufferView) => boolean };
  if (a.byteLength !== b.byteLength) return false; // digests: always equal length
  if (typeof subtle.timingSafeEqual === "function") return subtle.timingSafeEqual(a, b);
  let diff = 0;
  for (let i = 0; i < a.byteLength; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Throws 403 admin_disabled when no token is configured, 401 unauthorized when the request's is wrong. */
export async function requireAdmin(authorization: string | undefined | null, configured: string | undefined): Promise<void> {
  if (!configured) {
    throw new ApiError("admin_disabled", "Admin endpoints are disabled: set the ADMIN_TOKEN secret (wrangler secret put ADMIN_TOKEN) to enable them.");
  }
  const m = /^Bearer[ \t]+(\S.*?)[ \t]*$/i.exec(authorization ?? "");
  const unauthorized = new ApiError("unauthorized", 'Send "Authorization: Bearer <ADMIN_TOKEN>" with a valid token.', {
    "www-authenticate": 'Bearer realm="wildlife-sentinel admin"',
  });
  if (!m) throw unauthorized;
  const [given, expected] = await Promise.all([digest(m[1]!), digest(configured)]);
  if (!constantTimeEqual(given, expected)) throw unauthorized;
}
