/** Shared helpers for the workerd tests: a fresh app over the test lexicon, and request shortcuts. */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import test1 from "../../build/test-fixtures/test-1.bin";
import test2 from "../../build/test-fixtures/test-2.bin";
import { check, loadLexicon, resolveLocale, verifyLexicon } from "../../src/core";
import type { CheckResult } from "../../src/core/types";
import { type AppEngine, createApp, type Env } from "../../src/worker/app";
import { LexiconStore, type StoreOptions } from "../../src/worker/lexicon-store";

export { test1, test2 };

export const realEngine: AppEngine = { check, resolveLocale };

export function makeStore(opts: Partial<StoreOptions> = {}): LexiconStore {
  return new LexiconStore({
    bundled: () => loadLexicon(test1),
    engine: { load: loadLexicon, verify: verifyLexicon, smoke: (lex) => void check(lex, "ivory bangle for sale") },
    ...opts,
  });
}

export interface TestApp {
  store: LexiconStore;
  /** Send a request; waits for the response and for anything it left in waitUntil. */
  fetch(path: string, init?: RequestInit, envOverride?: Partial<Env>): Promise<Response>;
  /** Like fetch, but returns as soon as the response is ready (background work keeps running). */
  fetchNoWait(path: string, init?: RequestInit, envOverride?: Partial<Env>): Promise<{ res: Response; done: Promise<void> }>;
}

export function makeApp(opts: { store?: LexiconStore; engine?: AppEngine; env?: Partial<Env> } = {}): TestApp {
  const store = opts.store ?? makeStore();
  const app = createApp({
    store,
    engine: opts.engine ?? realEngine,
    assets: {
      "/": { body: "<!doctype html><title>demo</title>", type: "text/html; charset=utf-8" },
      "/widget.js": { body: "export {};", type: "text/javascript; charset=utf-8" },
    },
  });
  const baseEnv = { ...(env as unknown as Env), ...opts.env };
  const fetchNoWait = async (path: string, init?: RequestInit, envOverride?: Partial<Env>) => {
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request(`http://sentinel.test${path}`, init), { ...baseEnv, ...envOverride }, ctx);
    return { res, done: waitOnExecutionContext(ctx) };
  };
  return {
    store,
    fetchNoWait,
    async fetch(path, init, envOverride) {
      const { res, done } = await fetchNoWait(path, init, envOverride);
      await done;
      return res;
    },
  };
}

export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) };
}

export async function errorOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, code: body.error.code, message: body.error.message };
}

export async function resultOf(res: Response): Promise<CheckResult> {
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${await res.text()}`);
  return (await res.json()) as CheckResult;
}
