/**
 * The deployed entry (src/worker/index.ts) as wrangler.toml configures it, through
 * `exports.default.fetch`: the bundled build/lexicon.bin, the front-end files, and the wiring to the
 * LEXICON KV binding. Decisions here depend on the product lexicon, so only sure ones are asserted.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import test2 from "../../build/test-fixtures/test-2.bin";
import type { CheckResult } from "../../src/core/types";
import { store } from "../../src/worker/index";
import type { KVReader, LexiconStatus } from "../../src/worker/lexicon-store";
import { FORMAT } from "../../src/core/binary";

const KV = (env as unknown as { LEXICON: KVNamespace }).LEXICON;
const worker = (exports as unknown as { default: Fetcher }).default;
const fetch = (path: string, init?: RequestInit) => worker.fetch(new Request(`http://127.0.0.1:8787${path}`, init));

describe("the Worker entry", () => {
  it("does not touch the bundled lexicon at startup, only on first use", async () => {
    expect(store.loaded).toBe(false); // importing the entry (isolate startup) left it alone
    await fetch("/healthz");
    expect(store.loaded).toBe(true);
  });

  it("serves the bundled lexicon", async () => {
    const s = (await (await fetch("/v1/lexicon")).json()) as LexiconStatus;
    expect(s.source).toBe("bundled");
    expect(s.entries).toBeGreaterThan(0);
    const h = (await (await fetch("/healthz")).json()) as { ok: boolean; lexiconVersion: string };
    expect(h).toEqual({ ok: true, lexiconVersion: s.version });
  });

  it("answers checks with the contract's shape", async () => {
    const warn = (await (await fetch("/v1/check?q=ivory%20bangle")).json()) as CheckResult;
    expect(warn.decision).toBe("warn");
    expect(warn.warning?.canProceed).toBe(true);
    for (const m of warn.matches) expect("ivory bangle".slice(m.start, m.end)).toBe(m.text);
    const block = (await (await fetch("/v1/check?q=ivory%20bangle%20for%20sale")).json()) as CheckResult;
    expect(block.decision).toBe("block");
    expect(block.warning?.canProceed).toBe(false);
    const allow = (await (await fetch("/v1/check?q=weather%20tomorrow")).json()) as CheckResult;
    expect(allow).toMatchObject({ decision: "allow", warning: null, matches: [] });
  });

  it("serves the demo page, the widget and the demo's files", async () => {
    const page = await fetch("/");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toMatch(/<html/i);
    const widget = await fetch("/widget.js");
    expect(widget.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await widget.text()).toMatch(/export /);
    expect((await fetch("/demo.js")).headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect((await fetch("/demo.css")).headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  it("admin refresh is refused when ADMIN_TOKEN is not configured", async () => {
    const res = await fetch("/v1/admin/refresh", { method: "POST", headers: { authorization: "Bearer anything" } });
    expect(res.status).toBe(403);
  });

  it("follows lexicon:current in the LEXICON namespace", async () => {
    await KV.put("lexicon:v:test-2", test2, { metadata: { format: FORMAT } });
    await KV.put("lexicon:current", "test-2");
    // The entry re-reads KV in waitUntil at most every LEXICON_REFRESH_SECONDS (30 s), and this
    // isolate already did at its first request; make it read now, through the entry's own store.
    await store.refresh(KV as unknown as KVReader);
    const s = (await (await fetch("/v1/lexicon")).json()) as LexiconStatus;
    expect(s).toMatchObject({ version: "test-2", source: "kv", lastError: null });
    expect(((await (await fetch("/v1/check?q=mammoth%20tusk")).json()) as CheckResult).lexiconVersion).toBe("test-2");
  });
});
