/**
 * Reading a JSON request body safely: media type first (415), then size, measured twice —
 * the declared Content-Length (refused before reading) and the bytes actually streamed
 * (refused as soon as they pass the limit, so a lying or absent Content-Length cannot make
 * the Worker buffer more than `limit` bytes) — then strict UTF-8 and JSON (400 invalid_json).
 */
import { ApiError } from "./errors";

export const CHECK_BODY_LIMIT = 16 * 1024; // 16 KiB: one query of ≤ 1000 UTF-16 units, escaped, fits easily
export const BATCH_BODY_LIMIT = 4 * 1024 * 1024; // 4 MiB: 1000 items of 1000 CJK characters fit

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export function isJsonMediaType(contentType: string | null | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

function tooLarge(limit: number): ApiError {
  return new ApiError("payload_too_large", `The request body is larger than ${limit} bytes; send less (split a batch into several requests).`);
}

/** Read at most `limit` bytes of the body; throws payload_too_large past it. */
export async function readLimited(req: Request, limit: number): Promise<Uint8Array> {
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) throw tooLarge(limit);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

/** Parse a POST body as JSON: 415 without a JSON media type, 413 over `limit`, 400 invalid_json. */
export async function readJson(req: Request, limit: number): Promise<unknown> {
  if (!isJsonMediaType(req.headers.get("content-type"))) {
    throw new ApiError("unsupported_media_type", 'Send the body as JSON with the header "Content-Type: application/json".');
  }
  const bytes = await readLimited(req, limit);
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new ApiError("invalid_json", "The request body is not valid UTF-8.");
  }
  if (text.trim() === "") throw new ApiError("invalid_json", "The request body is empty; send a JSON object.");
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("invalid_json", "The request body is not valid JSON.");
  }
}
