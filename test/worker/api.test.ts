/**
 * The HTTP API over the small test lexicon (test/worker/fixtures/lexicon, version test-1):
 * every route, every error code, odd texts, batch limits, locale fallback, CORS and the 500 shape.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CheckResult } from "../../src/core/types";
import { errorOf, makeApp, postJson, realEngine, resultOf } from "./helpers";
import { FORMAT } from "../../src/core/binary";

const app = makeApp();
const get = (q: string, extra = "") => app.fetch(`/v1/check?q=${encodeURIComponent(q)}${extra}`);
const post = (body: unknown, headers?: Record<string, string>) => app.fetch("/v1/check", postJson(body, headers));
const batch = (body: unknown, headers?: Record<string, string>) => app.fetch("/v1/check/batch", postJson(body, headers));

function expectOffsets(q: string, r: Pick<CheckResult, "matches">) {
  for (const m of r.matches) {
    expect(q.slice(m.start, m.end)).toBe(m.text);
    expect(m.start).toBeLessThan(m.end);
  }
}

describe("GET and POST /v1/check", () => {
  it("warns on a term alone: canProceed true, offsets into the original text", async () => {
    const res = await get("ivory bangle");
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const r = await resultOf(res);
    expect(r.decision).toBe("warn");
    expect(r.lexiconVersion).toBe("test-1");
    expect(r.reasons).toContain("term");
    expect(r.matches.map((m) => m.entry)).toEqual(["elephant-ivory/ivory-bangle"]);
    expect(r.warning?.canProceed).toBe(true);
    expect(r.warning?.locale).toBe("en");
    expect(r).not.toHaveProperty("explain");
    expectOffsets("ivory bangle", r);
  });

  it("blocks a term with trade intent: canProceed false", async () => {
    const r = await resultOf(await get("ivory bangle for sale"));
    expect(r.decision).toBe("block");
    expect(r.reasons).toEqual(expect.arrayContaining(["term", "trade_intent"]));
    expect(r.warning?.canProceed).toBe(false);
  });

  it("allows with warning null and no matches", async () => {
    const r = await resultOf(await get("weather tomorrow"));
    expect(r).toEqual({ decision: "allow", lexiconVersion: "test-1", reasons: [], matches: [], warning: null });
    const ex = await resultOf(await get("ivory coast football"));
    expect(ex.decision).toBe("allow");
    expect(ex.warning).toBeNull();
  });

  it("POST gives the same answer as GET", async () => {
    for (const q of ["ivory bangle", "buy rhino horn", "hello", "#ivoryforsale"]) {
      expect(await resultOf(await post({ q }))).toEqual(await resultOf(await get(q)));
    }
  });

  it("infers kind from a leading # or ＃, and kind can be given", async () => {
    const a = await resultOf(await get("#ivoryforsale", "&explain=1"));
    expect(a.explain?.kind).toBe("hashtag");
    expect(a.decision).toBe("block");
    const b = await resultOf(await get("＃ivoryforsale", "&explain=1"));
    expect(b.explain?.kind).toBe("hashtag");
    const c = await resultOf(await get("ivory", "&explain=1"));
    expect(c.explain?.kind).toBe("query");
    const d = await resultOf(await get("ivoryforsale", "&kind=hashtag&explain=1"));
    expect(d.explain?.kind).toBe("hashtag");
    const e = await resultOf(await post({ q: "#ivory", kind: "query", explain: true }));
    expect(e.explain?.kind).toBe("query");
  });

  it("explain adds the normalized text and raw hits, including suppressed ones", async () => {
    const r = await resultOf(await post({ q: "ivory coast", explain: true }));
    expect(r.explain).toBeDefined();
    expect(typeof r.explain!.normalized).toBe("string");
    expect(r.explain!.hits.some((h) => h.suppressedBy !== null)).toBe(true);
    for (const h of r.explain!.hits) expect("ivory coast".slice(h.start, h.end)).toBe(h.text);
    expect((await resultOf(await get("ivory", "&explain=0"))).explain).toBeUndefined();
    expect((await resultOf(await get("ivory", "&explain=true"))).explain).toBeDefined();
  });

  it("q.slice(start, end) === text for every match, whatever the text around it", async () => {
    const qs = [
      "ivory bangle",
      "  IVORY   Bangle  ",
      "😀😀 ivory bangle 😀",
      "\u200Fivory bangle\u200E for sale",
      "ｉｖｏｒｙ ｂａｎｇｌｅ",
      "i\u200Bvory bangle",
      "🐘 象牙 出售 ivory",
      "a\u0000ivory\u0001bangle\u0007",
      "ivoire à vendre",
      "\u202Erhino horn\u202C",
      "#RhinoHornForSale",
      "犀牛角出售",
    ];
    for (const q of qs) {
      for (const res of [await get(q), await post({ q })]) {
        const r = await resultOf(res);
        expectOffsets(q, r);
      }
    }
    const r = await resultOf(await get("😀😀 ivory bangle 😀"));
    expect(r.matches[0]).toMatchObject({ text: "ivory bangle", start: 5, end: 17 });
  });
});

describe("odd text never crashes", () => {
  it("lone surrogates, NUL and control characters, RTL marks, lone #", async () => {
    const qs = ["\uD800", "ivory \uDC00 bangle", "\uD83D", "\u0000", "\u0000\u0001\u001F\u007F", "\u200F\u200E\u202B", "#", "＃", "##", "#\u0000", "\uFEFFivory", "\u0301\u0301ivory"];
    for (const q of qs) {
      const r = await resultOf(await post({ q }));
      expect(["allow", "warn", "block"]).toContain(r.decision);
      expectOffsets(q, r);
    }
    expect((await resultOf(await get("#"))).decision).toBe("allow");
  });

  it("1000 emoji are 2000 UTF-16 units: query_too_long; 500 emoji are fine", async () => {
    const e1000 = "😀".repeat(1000);
    expect(await errorOf(await get(e1000))).toMatchObject({ status: 400, code: "query_too_long" });
    expect(await errorOf(await post({ q: e1000 }))).toMatchObject({ status: 400, code: "query_too_long" });
    expect((await resultOf(await get("😀".repeat(500)))).decision).toBe("allow");
  });

  it("exactly 1000 units is accepted, 1001 is too long", async () => {
    expect((await get("a".repeat(1000))).status).toBe(200);
    expect(await errorOf(await get("a".repeat(1001)))).toMatchObject({ status: 400, code: "query_too_long" });
  });

  it("a long adversarial text answers", async () => {
    const q = "ivory ".repeat(166).slice(0, 1000);
    const r = await resultOf(await post({ q }));
    expect(r.decision).toBe("warn");
    expectOffsets(q, r);
  });
});

describe("errors", () => {
  it("missing_query: absent, empty, whitespace only, null", async () => {
    for (const path of ["/v1/check", "/v1/check?q=", "/v1/check?q=%20%20%20", "/v1/check?q=%09%0A", "/v1/check?q=%E3%80%80"]) {
      expect(await errorOf(await app.fetch(path))).toMatchObject({ status: 400, code: "missing_query" });
    }
    for (const body of [{}, { q: "" }, { q: "   " }, { q: null }]) {
      expect(await errorOf(await post(body))).toMatchObject({ status: 400, code: "missing_query" });
    }
  });

  it("invalid_kind", async () => {
    expect(await errorOf(await get("ivory", "&kind=tag"))).toMatchObject({ status: 400, code: "invalid_kind" });
    expect(await errorOf(await post({ q: "ivory", kind: "HASHTAG" }))).toMatchObject({ status: 400, code: "invalid_kind" });
    expect(await errorOf(await post({ q: "ivory", kind: 1 }))).toMatchObject({ status: 400, code: "invalid_kind" });
    // An empty kind= (an HTML form's "auto") means absent.
    expect((await get("ivory", "&kind=")).status).toBe(200);
  });

  it("invalid_locale", async () => {
    for (const l of ["zh_TW", "e", "en--US", "!!", "en-", "x".repeat(70), "12"]) {
      expect(await errorOf(await get("ivory", `&locale=${encodeURIComponent(l)}`))).toMatchObject({ status: 400, code: "invalid_locale" });
    }
    expect(await errorOf(await post({ q: "ivory", locale: 7 }))).toMatchObject({ status: 400, code: "invalid_locale" });
    expect(await errorOf(await post({ q: "ivory", locale: "fr CA" }))).toMatchObject({ status: 400, code: "invalid_locale" });
  });

  it("invalid_parameter for a bad explain value", async () => {
    expect(await errorOf(await get("ivory", "&explain=maybe"))).toMatchObject({ status: 400, code: "invalid_parameter" });
  });

  it("invalid_json: not JSON, empty, not UTF-8", async () => {
    expect(await errorOf(await post("{q: ivory}"))).toMatchObject({ status: 400, code: "invalid_json" });
    expect(await errorOf(await post(""))).toMatchObject({ status: 400, code: "invalid_json" });
    const bytes = new Uint8Array([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]); // {"q":"\xff\xfe"}
    const res = await app.fetch("/v1/check", { method: "POST", headers: { "content-type": "application/json" }, body: bytes });
    expect(await errorOf(res)).toMatchObject({ status: 400, code: "invalid_json" });
  });

  it("invalid_body: wrong shape or types", async () => {
    for (const body of ["[1,2]", '"ivory"', "null", "42"]) {
      expect(await errorOf(await post(body))).toMatchObject({ status: 400, code: "invalid_body" });
    }
    expect(await errorOf(await post({ q: 5 }))).toMatchObject({ status: 400, code: "invalid_body" });
    expect(await errorOf(await post({ q: ["ivory"] }))).toMatchObject({ status: 400, code: "invalid_body" });
    expect(await errorOf(await post({ q: "ivory", explain: "yes" }))).toMatchObject({ status: 400, code: "invalid_body" });
    // Unknown fields are ignored (clients may be newer than the server).
    expect((await post({ q: "ivory", future: 1 })).status).toBe(200);
  });

  it("unsupported_media_type without a JSON content type", async () => {
    const noType = await app.fetch("/v1/check", { method: "POST", body: JSON.stringify({ q: "ivory" }) });
    expect(await errorOf(noType)).toMatchObject({ status: 415, code: "unsupported_media_type" });
    const form = await app.fetch("/v1/check", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "q=ivory" });
    expect(await errorOf(form)).toMatchObject({ status: 415, code: "unsupported_media_type" });
    const batchText = await app.fetch("/v1/check/batch", { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" });
    expect(await errorOf(batchText)).toMatchObject({ status: 415, code: "unsupported_media_type" });
    // Parameters and +json are fine.
    expect((await post({ q: "ivory" }, { "content-type": "application/json; charset=UTF-8" })).status).toBe(200);
  });

  it("payload_too_large: declared Content-Length and the bytes actually sent", async () => {
    const big = JSON.stringify({ q: "ivory", pad: "x".repeat(17 * 1024) });
    expect(await errorOf(await post(big))).toMatchObject({ status: 413, code: "payload_too_large" });
    // A streamed body has no Content-Length: the limit is enforced while reading.
    const chunk = new TextEncoder().encode(" ".repeat(4096));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"q":"ivory","pad":"'));
        if (sent > 64) {
          controller.enqueue(new TextEncoder().encode('"}'));
          controller.close();
          return;
        }
        sent++;
        controller.enqueue(chunk);
      },
    });
    const res = await app.fetch("/v1/check", { method: "POST", headers: { "content-type": "application/json" }, body: stream });
    expect(await errorOf(res)).toMatchObject({ status: 413, code: "payload_too_large" });
    expect(sent).toBeLessThan(64); // stopped reading early
  });

  it("not_found", async () => {
    for (const path of ["/nope", "/v1", "/v1/check/", "/v1/checks", "/v2/check?q=ivory"]) {
      expect(await errorOf(await app.fetch(path))).toMatchObject({ status: 404, code: "not_found" });
    }
  });

  it("method_not_allowed with Allow", async () => {
    const del = await app.fetch("/v1/check?q=ivory", { method: "DELETE" });
    expect(del.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
    expect(await errorOf(del)).toMatchObject({ status: 405, code: "method_not_allowed" });
    const getBatch = await app.fetch("/v1/check/batch");
    expect(getBatch.headers.get("allow")).toBe("POST, OPTIONS");
    expect(await errorOf(getBatch)).toMatchObject({ status: 405, code: "method_not_allowed" });
    for (const [path, method] of [["/healthz", "POST"], ["/v1/lexicon", "PUT"], ["/v1/admin/refresh", "GET"], ["/openapi.json", "POST"], ["/", "POST"], ["/widget.js", "DELETE"]] as const) {
      const res = await app.fetch(path, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get("allow")).toBeTruthy();
      expect((await errorOf(res)).code).toBe("method_not_allowed");
    }
  });

  it("every error body has exactly {error: {code, message}} and the JSON content type", async () => {
    const res = await app.fetch("/v1/check");
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["error"]);
    expect(Object.keys(body.error as object).sort()).toEqual(["code", "message"]);
  });
});

describe("POST /v1/check/batch", () => {
  it("answers in item order, with one lexiconVersion", async () => {
    const qs = ["ivory bangle", "hello", "ivory bangle for sale", "#ivoryforsale", "rhino horn"];
    const res = await batch({ items: qs.map((q) => ({ q })) });
    const body = (await res.json()) as { lexiconVersion: string; results: CheckResult[] };
    expect(res.status).toBe(200);
    expect(body.lexiconVersion).toBe("test-1");
    expect(body.results.map((r) => r.decision)).toEqual(["warn", "allow", "block", "block", "warn"]);
    for (const [i, r] of body.results.entries()) {
      expect(r).not.toHaveProperty("lexiconVersion");
      const single = await resultOf(await get(qs[i]!));
      const { lexiconVersion: _v, ...rest } = single;
      expect(r).toEqual(rest);
      expectOffsets(qs[i]!, r);
    }
  });

  it("accepts 1 and 1000 items; refuses 0 and 1001", async () => {
    expect((await batch({ items: [{ q: "ivory" }] })).status).toBe(200);
    const many = Array.from({ length: 1000 }, (_, i) => ({ q: i % 3 === 0 ? "ivory bangle" : `item ${i}` }));
    const res = await batch({ items: many });
    const body = (await res.json()) as { results: CheckResult[] };
    expect(body.results).toHaveLength(1000);
    body.results.forEach((r, i) => expect(r.decision).toBe(i % 3 === 0 ? "warn" : "allow"));
    expect(await errorOf(await batch({ items: [] }))).toMatchObject({ status: 400, code: "batch_empty" });
    const tooMany = Array.from({ length: 1001 }, () => ({ q: "x" }));
    expect(await errorOf(await batch({ items: tooMany }))).toMatchObject({ status: 400, code: "batch_too_large" });
  });

  it("validates the shape and every item, naming the item", async () => {
    expect(await errorOf(await batch({}))).toMatchObject({ code: "invalid_body" });
    expect(await errorOf(await batch({ items: "ivory" }))).toMatchObject({ code: "invalid_body" });
    expect(await errorOf(await batch([{ q: "ivory" }]))).toMatchObject({ code: "invalid_body" });
    const e1 = await errorOf(await batch({ items: [{ q: "a" }, { q: "b" }, {}] }));
    expect(e1).toMatchObject({ status: 400, code: "missing_query" });
    expect(e1.message).toContain("items[2]");
    expect(await errorOf(await batch({ items: [{ q: "a" }, "b"] }))).toMatchObject({ code: "invalid_body" });
    expect(await errorOf(await batch({ items: [{ q: "a".repeat(1001) }] }))).toMatchObject({ code: "query_too_long" });
    expect(await errorOf(await batch({ items: [{ q: "a", kind: "x" }] }))).toMatchObject({ code: "invalid_kind" });
    expect(await errorOf(await batch({ items: [{ q: "a" }], locale: "zh_TW" }))).toMatchObject({ code: "invalid_locale" });
    expect(await errorOf(await batch("nope"))).toMatchObject({ code: "invalid_json" });
  });

  it("applies the batch locale and per-item kind", async () => {
    const res = await batch({ items: [{ q: "ivory" }, { q: "#ivoryforsale", kind: "hashtag" }], locale: "fr-CA", explain: true });
    const body = (await res.json()) as { results: CheckResult[] };
    expect(body.results[0]!.warning?.locale).toBe("fr");
    expect(body.results[1]!.explain?.kind).toBe("hashtag");
  });

  it("refuses a body over 4 MiB", async () => {
    const items = Array.from({ length: 1000 }, () => ({ q: "象".repeat(1000), pad: "x".repeat(2000) }));
    expect(await errorOf(await batch({ items }))).toMatchObject({ status: 413, code: "payload_too_large" });
  });

  it("1000 items of 1000 CJK characters fit", async () => {
    const items = Array.from({ length: 1000 }, () => ({ q: "象".repeat(1000) }));
    expect((await batch({ items })).status).toBe(200);
  });
});

describe("locale", () => {
  const localeOf = async (extra: string, headers: Record<string, string> = {}) =>
    (await resultOf(await app.fetch(`/v1/check?q=ivory${extra}`, { headers }))).warning!.locale;

  it("follows the fallback chain", async () => {
    const cases: Record<string, string> = {
      en: "en",
      "en-GB": "en",
      fr: "fr",
      "fr-CA": "fr",
      "zh-TW": "zh-Hant",
      "zh-HK": "zh-Hant",
      "zh-MO": "zh-Hant",
      "zh-Hant": "zh-Hant",
      "zh-Hant-SG": "zh-Hant",
      "zh-CN": "zh-Hans",
      "zh-SG": "zh-Hans",
      zh: "zh-Hans",
      "zh-Hans-HK": "zh-Hans",
      "ZH-tw": "zh-Hant",
      ar: "ar",
      de: "en",
      "de-CH": "en",
    };
    for (const [asked, got] of Object.entries(cases)) expect(await localeOf(`&locale=${asked}`), asked).toBe(got);
  });

  it("uses Accept-Language with q-values when locale is absent or unavailable", async () => {
    expect(await localeOf("", { "accept-language": "fr-CA,fr;q=0.9,en;q=0.8" })).toBe("fr");
    expect(await localeOf("", { "accept-language": "de;q=1, ar;q=0.9, fr;q=0.5" })).toBe("ar");
    expect(await localeOf("", { "accept-language": "fr;q=0.2, zh-TW;q=0.8" })).toBe("zh-Hant");
    expect(await localeOf("", { "accept-language": "de, ja" })).toBe("en");
    expect(await localeOf("", { "accept-language": "*" })).toBe("en");
    expect(await localeOf("", { "accept-language": "garbage;;;q=x,,," })).toBe("en");
    // The parameter wins when it is available...
    expect(await localeOf("&locale=zh-CN", { "accept-language": "fr" })).toBe("zh-Hans");
    // ...and Accept-Language is next when it is not.
    expect(await localeOf("&locale=de", { "accept-language": "fr" })).toBe("fr");
  });

  it("POST body locale and rtl direction", async () => {
    const r = await resultOf(await post({ q: "ivory", locale: "ar-EG" }));
    expect(r.warning).toMatchObject({ locale: "ar", dir: "rtl" });
  });
});

describe("status, docs and front-end routes", () => {
  it("GET /healthz", async () => {
    const res = await app.fetch("/healthz");
    expect(await res.json()).toEqual({ ok: true, lexiconVersion: "test-1" });
  });

  it("HEAD answers like GET without a body", async () => {
    const res = await app.fetch("/healthz", { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });

  it("GET /v1/lexicon", async () => {
    const body = (await (await app.fetch("/v1/lexicon")).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ version: "test-1", source: "bundled", format: FORMAT, entries: expect.any(Number) });
    expect(body.categories).toEqual(["elephant-ivory", "rhino-horn"]);
    expect(body.languages).toEqual(expect.arrayContaining(["en", "fr"]));
    expect(body.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(body).toHaveProperty("lastCheckedAt");
    expect(body).toHaveProperty("lastError");
  });

  it("GET /openapi.json", async () => {
    const res = await app.fetch("/openapi.json");
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/v1/check", "/v1/check/batch", "/healthz", "/v1/lexicon", "/v1/admin/refresh"]));
  });

  it("GET / is HTML with a CSP; GET /widget.js is JavaScript usable from any origin", async () => {
    const page = await app.fetch("/");
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const js = await app.fetch("/widget.js", { headers: { origin: "https://shop.example" } });
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(js.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("secure headers on API responses", async () => {
    const res = await app.fetch("/healthz");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("CORS", () => {
  it("answers a preflight for any origin by default", async () => {
    const res = await app.fetch("/v1/check", {
      method: "OPTIONS",
      headers: { origin: "https://shop.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("content-type");
  });

  it("honours ALLOWED_ORIGINS, on answers and errors alike", async () => {
    const limited = makeApp({ env: { ALLOWED_ORIGINS: "https://a.example, https://b.example" } });
    const ok = await limited.fetch("/v1/check?q=ivory", { headers: { origin: "https://b.example" } });
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://b.example");
    expect(ok.headers.get("vary")).toContain("Origin");
    const other = await limited.fetch("/v1/check?q=ivory", { headers: { origin: "https://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const err = await limited.fetch("/v1/check", { headers: { origin: "https://a.example" } });
    expect(err.status).toBe(400);
    expect(err.headers.get("access-control-allow-origin")).toBe("https://a.example");
    const pre = await limited.fetch("/v1/check/batch", { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST" } });
    expect(pre.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("server faults", () => {
  afterEach(() => vi.restoreAllMocks());

  it("a fault inside a handler is a 500 internal_error without a stack trace, and the query is not logged", async () => {
    const secret = "SECRET-QUERY-TEXT ivory bangle";
    const logged: string[] = [];
    for (const level of ["log", "error", "warn", "info", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    }
    const failing = makeApp({
      engine: {
        ...realEngine,
        check: (_lex, q) => {
          throw new TypeError(`engine exploded on ${q}`);
        },
      },
    });
    for (const res of [
      await failing.fetch(`/v1/check?q=${encodeURIComponent(secret)}`),
      await failing.fetch("/v1/check", postJson({ q: secret })),
      await failing.fetch("/v1/check/batch", postJson({ items: [{ q: secret }] })),
    ]) {
      expect(res.status).toBe(500);
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: { code: "internal_error", message: expect.any(String) } });
      expect(text).not.toContain("exploded");
      expect(text).not.toContain("SECRET");
      expect(text).not.toMatch(/\bat\s.+:\d+/);
    }
    expect(logged.length).toBeGreaterThan(0); // the fault was logged...
    for (const line of logged) expect(line).not.toContain("SECRET"); // ...without the query
  });

  it("normal traffic logs nothing that contains the query", async () => {
    const logged: string[] = [];
    for (const level of ["log", "error", "warn", "info", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    }
    await get("PRIVATE-WORDS ivory bangle for sale");
    await post({ q: "PRIVATE-WORDS 象牙" });
    await batch({ items: [{ q: "PRIVATE-WORDS" }] });
    await get("x".repeat(2000) + "PRIVATE-WORDS");
    for (const line of logged) expect(line).not.toContain("PRIVATE-WORDS");
  });
});

describe("rate limit (optional RATE_LIMITER binding)", () => {
  afterEach(() => vi.restoreAllMocks());

  /** A stand-in for the Workers Rate Limiting binding: `limit` requests per key, then refusals. */
  function limiter(limit: number) {
    const seen = new Map<string, number>();
    const keys: string[] = [];
    return {
      keys,
      async limit({ key }: { key: string }) {
        keys.push(key);
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        return { success: n <= limit };
      },
    };
  }
  const from = (ip: string): RequestInit => ({ headers: { "cf-connecting-ip": ip } });

  it("answers 429 rate_limited with Retry-After past the limit, per client IP", async () => {
    const rl = limiter(2);
    const app = makeApp({ env: { RATE_LIMITER: rl, RATE_LIMIT_RETRY_SECONDS: "10" } });
    expect((await app.fetch("/v1/check?q=ivory", from("192.0.2.1"))).status).toBe(200);
    expect((await app.fetch("/v1/check", { ...postJson({ q: "ivory" }), headers: { "content-type": "application/json", "cf-connecting-ip": "192.0.2.1" } })).status).toBe(200);
    const res = await app.fetch("/v1/check/batch", { ...postJson({ items: [{ q: "ivory" }] }), headers: { "content-type": "application/json", "cf-connecting-ip": "192.0.2.1" } });
    expect(await errorOf(res)).toMatchObject({ status: 429, code: "rate_limited" });
    expect(res.headers.get("retry-after")).toBe("10");
    // Another client keeps its own budget.
    expect((await app.fetch("/v1/check?q=ivory", from("198.51.100.7"))).status).toBe(200);
    expect(rl.keys).toEqual(["192.0.2.1", "192.0.2.1", "192.0.2.1", "198.51.100.7"]);
  });

  it("leaves /healthz and the front end alone, and limits nothing when no limiter is bound", async () => {
    const app = makeApp({ env: { RATE_LIMITER: limiter(0) } });
    expect((await app.fetch("/healthz")).status).toBe(200);
    expect((await app.fetch("/widget.js")).status).toBe(200);
    expect((await app.fetch("/v1/lexicon")).status).toBe(429);
    const open = makeApp();
    for (let i = 0; i < 5; i++) expect((await open.fetch("/v1/check?q=ivory")).status).toBe(200);
  });

  it("serves the request when the limiter itself fails, and logs no query", async () => {
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    const broken = { limit: async () => Promise.reject(new Error("limiter down")) };
    const app = makeApp({ env: { RATE_LIMITER: broken } });
    const res = await app.fetch("/v1/check?q=SECRET%20ivory%20bangle");
    expect((await resultOf(res)).decision).toBe("warn");
    expect(logged.join("\n")).toContain("rate_limiter_error");
    expect(logged.join("\n")).not.toContain("SECRET");
  });
});
