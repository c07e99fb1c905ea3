/**
 * The HTTP API (docs/api.md, GET /openapi.json): a thin Hono adapter over
 * src/core. Validation lives in validate.ts and body.ts, errors in errors.ts, the lexicon choice
 * (bundled or KV) in lexicon-store.ts. Query text is never logged.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import type { Lexicon } from "../core/lexicon";
import type { CheckOptions, CheckResult } from "../core/types";
import { requireAdmin } from "./admin";
import { BATCH_BODY_LIMIT, CHECK_BODY_LIMIT, readJson } from "./body";
import { ApiError, errorResponse, json } from "./errors";
import { type KVReader, type LexiconStore, refreshSecondsFrom } from "./lexicon-store";
import { openapi } from "./openapi";
import { type CheckInput, parseBatchBody, parseCheckBody, parseCheckParams } from "./validate";

export interface Env {
  /** KV namespace with `lexicon:current` and `lexicon:v:<version>` (docs/storage-schema.md). */
  LEXICON?: KVNamespace;
  /** Workers secret enabling POST /v1/admin/refresh. */
  ADMIN_TOKEN?: string;
  /** Comma-separated origins allowed by CORS, or "*" (default). */
  ALLOWED_ORIGINS?: string;
  /** Seconds between KV reads of `lexicon:current` per isolate (default 30). */
  LEXICON_REFRESH_SECONDS?: string;
  /** Optional Workers Rate Limiting binding (`[[ratelimits]]` in wrangler.toml): without it, no limit. */
  RATE_LIMITER?: RateLimiter;
  /** Seconds a client told 429 is asked to wait (`Retry-After`; default 60, the binding's longer period). */
  RATE_LIMIT_RETRY_SECONDS?: string;
}

/** What the app needs of the Rate Limiting binding. */
export interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/** The engine calls the app makes (injectable so tests can make one fail). */
export interface AppEngine {
  check(lex: Lexicon, q: string, opts?: CheckOptions): CheckResult;
  resolveLocale(available: readonly string[], requested?: string | null, acceptLanguage?: string | null): string;
}

export interface StaticAsset {
  body: string;
  type: string;
}

export interface AppDeps {
  store: LexiconStore;
  engine: AppEngine;
  /** Front-end files by path: "/", "/widget.js", … */
  assets: Record<string, StaticAsset>;
}

type AppEnv = { Bindings: Env };

/** Path → methods, for 405 + Allow. HEAD is answered wherever GET is. */
const ROUTES: Record<string, string[]> = {
  "/v1/check": ["GET", "HEAD", "POST", "OPTIONS"],
  "/v1/check/batch": ["POST", "OPTIONS"],
  "/v1/lexicon": ["GET", "HEAD", "OPTIONS"],
  "/v1/admin/refresh": ["POST", "OPTIONS"],
  "/healthz": ["GET", "HEAD", "OPTIONS"],
  "/openapi.json": ["GET", "HEAD", "OPTIONS"],
};

const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
/** The demo page loads its script, style and the widget as files from this origin; no inline script. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // The widget uses constructable stylesheets; its <style> fallback (older browsers) needs 'unsafe-inline'.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

function allowedOrigins(env: Env | undefined): string[] {
  const raw = env?.ALLOWED_ORIGINS ?? "*";
  const list = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length ? list : ["*"];
}

function publicResult(r: CheckResult): Omit<CheckResult, "lexiconVersion"> {
  const { lexiconVersion: _v, ...rest } = r;
  return rest;
}

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const { store, engine, assets } = deps;
  const app = new Hono<AppEnv>();

  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: undefined,
      crossOriginResourcePolicy: false, // the API and widget.js are meant to be used cross-origin
      xFrameOptions: "DENY",
      overwrite: false,
    }),
  );
  app.use(
    "*",
    cors({
      origin: (origin, c) => {
        if (c.req.path === "/widget.js") return "*"; // the component is usable from any page
        const list = allowedOrigins(c.env);
        if (list.includes("*")) return "*";
        return list.includes(origin) ? origin : null;
      },
      allowMethods: ["GET", "HEAD", "POST", "OPTIONS"],
      allowHeaders: ["Content-Type", "Authorization", "Accept-Language"],
      maxAge: 86400,
    }),
  );

  // Start a background KV refresh when due; never on the request path.
  app.use("*", async (c, next) => {
    const ctx = executionCtx(c);
    if (ctx) store.maybeRefresh(c.env?.LEXICON as KVReader | undefined, refreshSecondsFrom(c.env?.LEXICON_REFRESH_SECONDS), (p) => ctx.waitUntil(p));
    await next();
  });

  // Per-client rate limit on the API, when the operator binds one. A platform calling from a few
  // servers needs a generous limit, so the limit lives in wrangler.toml, not here. If the binding
  // itself fails, the request is served: a warning service must not take search down with it.
  app.use("/v1/*", async (c, next) => {
    const limiter = c.env?.RATE_LIMITER;
    if (limiter) {
      let allowed = true;
      try {
        allowed = (await limiter.limit({ key: c.req.header("cf-connecting-ip") ?? "unknown" })).success;
      } catch (err) {
        console.error(JSON.stringify({ event: "rate_limiter_error", name: err instanceof Error ? err.name : typeof err }));
      }
      if (!allowed) {
        const wait = String(Math.max(1, Math.floor(Number(c.env?.RATE_LIMIT_RETRY_SECONDS ?? "60")) || 60));
        throw new ApiError("rate_limited", `Too many requests from this client; wait ${wait} s and retry (or batch queries with POST /v1/check/batch).`, { "retry-after": wait });
      }
    }
    await next();
  });

  const acceptLanguage = (c: Context<AppEnv>) => c.req.header("accept-language")?.slice(0, 512) ?? null;

  const runCheck = (lex: Lexicon, input: CheckInput, accept: string | null): CheckResult => {
    const locale = engine.resolveLocale(lex.info.locales, input.locale ?? null, accept);
    const opts: CheckOptions = { locale };
    if (input.kind) opts.kind = input.kind;
    if (input.explain) opts.explain = true;
    return engine.check(lex, input.q, opts);
  };

  const noStore = { "cache-control": "no-store", "content-security-policy": API_CSP };

  app.get("/v1/check", (c) => {
    const input = parseCheckParams(new URL(c.req.url).searchParams);
    return json(runCheck(store.lexicon, input, acceptLanguage(c)), 200, noStore);
  });

  app.post("/v1/check", async (c) => {
    const input = parseCheckBody(await readJson(c.req.raw, CHECK_BODY_LIMIT));
    return json(runCheck(store.lexicon, input, acceptLanguage(c)), 200, noStore);
  });

  app.post("/v1/check/batch", async (c) => {
    const batch = parseBatchBody(await readJson(c.req.raw, BATCH_BODY_LIMIT));
    const lex = store.lexicon; // one lexicon for the whole batch, even if a swap happens meanwhile
    const accept = acceptLanguage(c);
    const results = batch.items.map((it) =>
      publicResult(runCheck(lex, { q: it.q, kind: it.kind, locale: batch.locale, explain: batch.explain }, accept)),
    );
    return json({ lexiconVersion: lex.info.version, results }, 200, noStore);
  });

  app.get("/healthz", () => json({ ok: true, lexiconVersion: store.lexicon.info.version }, 200, noStore));

  app.get("/v1/lexicon", () => json(store.status(), 200, noStore));

  app.post("/v1/admin/refresh", async (c) => {
    await requireAdmin(c.req.header("authorization"), c.env?.ADMIN_TOKEN);
    const report = await store.refreshNow(c.env?.LEXICON as KVReader | undefined);
    return json({ ...report, lexicon: store.status() }, 200, noStore);
  });

  app.get("/openapi.json", () => json(openapi, 200, { "cache-control": "public, max-age=300", "content-security-policy": API_CSP }));

  for (const [path, asset] of Object.entries(assets)) {
    app.get(path, () => {
      const headers: Record<string, string> = { "content-type": asset.type, "cache-control": "public, max-age=300" };
      headers["content-security-policy"] = asset.type.startsWith("text/html") ? PAGE_CSP : API_CSP;
      return new Response(asset.body, { headers });
    });
  }

  // Known path, other method: 405 with Allow.
  for (const [path, methods] of Object.entries(ROUTES)) {
    app.all(path, () => {
      throw new ApiError("method_not_allowed", `${path} accepts ${methods.filter((m) => m !== "OPTIONS").join(", ")}.`, {
        allow: methods.join(", "),
      });
    });
  }
  for (const path of Object.keys(assets)) {
    app.all(path, () => {
      throw new ApiError("method_not_allowed", `${path} accepts GET and HEAD.`, { allow: "GET, HEAD, OPTIONS" });
    });
  }

  app.notFound((c) =>
    errorResponse(new ApiError("not_found", `No route for ${c.req.method} ${new URL(c.req.url).pathname}; see /openapi.json for the API.`)),
  );

  app.onError((err) => {
    if (err instanceof ApiError) return errorResponse(err);
    // A server fault. Log what kind of fault and where, never the message (it could carry query text).
    const frames = (err instanceof Error && err.stack ? err.stack.split("\n").slice(1, 6) : []).map((l) => l.trim());
    console.error(JSON.stringify({ event: "internal_error", name: err instanceof Error ? err.name : typeof err, frames }));
    return errorResponse(new ApiError("internal_error", "The server failed to answer this request; try again, and report it if it persists."));
  });

  return app;
}

function executionCtx(c: Context<AppEnv>): ExecutionContext | undefined {
  try {
    return c.executionCtx as ExecutionContext;
  } catch {
    return undefined; // app.request() in a unit test: no context
  }
}
