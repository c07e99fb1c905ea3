/**
 * Keeps GET /openapi.json true: real responses of every route are validated against the schema
 * the document declares for their path, method and status, with a small JSON Schema checker
 * (the subset the document uses: $ref, type (incl. arrays of types), enum, const, properties,
 * required, additionalProperties: false, items, minItems/maxItems, minLength/maxLength, minimum,
 * pattern, oneOf).
 */
import { describe, expect, it } from "vitest";
import { openapi } from "../../src/worker/openapi";
import { makeApp, postJson } from "./helpers";

type Schema = Record<string, unknown>;
const doc = openapi as unknown as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>>; components: { schemas: Record<string, Schema> } };

function resolve(s: Schema): Schema {
  const ref = s.$ref as string | undefined;
  if (!ref) return s;
  const name = ref.replace("#/components/schemas/", "");
  const target = doc.components.schemas[name];
  if (!target) throw new Error(`dangling $ref ${ref}`);
  return resolve(target);
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

/** Returns a list of problems ("path: what"); empty when valid. */
export function validate(value: unknown, schema: Schema, path = "$"): string[] {
  const s = resolve(schema);
  const errs: string[] = [];
  if (s.oneOf) {
    const passing = (s.oneOf as Schema[]).filter((sub) => validate(value, sub, path).length === 0).length;
    if (passing !== 1) errs.push(`${path}: matches ${passing} of oneOf`);
    return errs;
  }
  if (s.type) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    const t = typeOf(value);
    if (!types.includes(t) && !(t === "integer" && types.includes("number"))) return [`${path}: is ${t}, expected ${types.join("|")}`];
  }
  if (s.enum && !(s.enum as unknown[]).includes(value)) errs.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if ("const" in s && value !== s.const) errs.push(`${path}: not const ${JSON.stringify(s.const)}`);
  if (typeof value === "string") {
    if (typeof s.minLength === "number" && value.length < s.minLength) errs.push(`${path}: shorter than ${s.minLength}`);
    if (typeof s.maxLength === "number" && value.length > s.maxLength) errs.push(`${path}: longer than ${s.maxLength}`);
    if (typeof s.pattern === "string" && !new RegExp(s.pattern, "u").test(value)) errs.push(`${path}: does not match ${s.pattern}`);
  }
  if (typeof value === "number" && typeof s.minimum === "number" && value < s.minimum) errs.push(`${path}: below ${s.minimum}`);
  if (Array.isArray(value)) {
    if (typeof s.minItems === "number" && value.length < s.minItems) errs.push(`${path}: fewer than ${s.minItems} items`);
    if (typeof s.maxItems === "number" && value.length > s.maxItems) errs.push(`${path}: more than ${s.maxItems} items`);
    if (s.items) value.forEach((v, i) => errs.push(...validate(v, s.items as Schema, `${path}[${i}]`)));
  }
  if (typeOf(value) === "object") {
    const obj = value as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const r of (s.required ?? []) as string[]) if (!(r in obj)) errs.push(`${path}: missing ${r}`);
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) errs.push(...validate(v, props[k]!, `${path}.${k}`));
      else if (s.additionalProperties === false) errs.push(`${path}: unexpected property ${k}`);
    }
  }
  return errs;
}

function schemaFor(path: string, method: string, status: number, type = "application/json"): Schema {
  const op = doc.paths[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`openapi.json does not describe ${method} ${path}`);
  const resp = op.responses[String(status)];
  if (!resp) throw new Error(`openapi.json does not describe status ${status} for ${method} ${path}`);
  const c = resp.content?.[type];
  if (!c) throw new Error(`openapi.json has no ${type} content for ${status} ${method} ${path}`);
  return c.schema;
}

describe("the schema checker itself", () => {
  it("rejects what it should", () => {
    const s = doc.components.schemas.Match!;
    expect(validate({ entry: "a/b", category: "a", action: "warn", text: "x", start: 0, end: 1 }, s)).toEqual([]);
    expect(validate({ entry: "a/b", category: "a", action: "warn", text: "x", start: 0 }, s)).toContain("$: missing end");
    expect(validate({ entry: "a/b", category: "a", action: "nope", text: "x", start: 0, end: 1 }, s).length).toBe(1);
    expect(validate({ entry: "a/b", category: "a", action: "warn", text: "x", start: 0, end: 1, extra: 1 }, s)).toContain("$: unexpected property extra");
    expect(validate({ error: { code: "made_up", message: "m" } }, doc.components.schemas.Error!).length).toBe(1);
    expect(validate({ warning: 3 }, { properties: { warning: { oneOf: [{ type: "null" }, { type: "string" }] } } })).toHaveLength(1);
    expect(validate(1.5, { type: "integer" })).toHaveLength(1);
  });

  it("every $ref in the document resolves", () => {
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") {
        for (const [k, x] of Object.entries(v)) {
          if (k === "$ref") resolve({ $ref: x });
          else walk(x);
        }
      }
    };
    expect(() => walk(doc)).not.toThrow();
  });
});

describe("real responses match openapi.json", () => {
  const app = makeApp({ env: { ADMIN_TOKEN: "test-admin-token" } });
  const cases: { name: string; path: string; method: string; docPath: string; init?: RequestInit; type?: string }[] = [
    { name: "warn", path: "/v1/check?q=ivory%20bangle", method: "GET", docPath: "/v1/check" },
    { name: "block + explain", path: "/v1/check?q=ivory%20bangle%20for%20sale&explain=1&locale=ar", method: "GET", docPath: "/v1/check" },
    { name: "allow", path: "/v1/check?q=hello", method: "GET", docPath: "/v1/check" },
    { name: "allowlisted + explain", path: "/v1/check", method: "POST", docPath: "/v1/check", init: postJson({ q: "ivory coast", explain: true }) },
    { name: "hashtag", path: "/v1/check", method: "POST", docPath: "/v1/check", init: postJson({ q: "#ivoryforsale", locale: "zh-TW" }) },
    { name: "missing_query", path: "/v1/check", method: "GET", docPath: "/v1/check" },
    { name: "invalid_locale", path: "/v1/check?q=a&locale=zh_TW", method: "GET", docPath: "/v1/check" },
    { name: "invalid_json", path: "/v1/check", method: "POST", docPath: "/v1/check", init: postJson("{") },
    { name: "415", path: "/v1/check", method: "POST", docPath: "/v1/check", init: { method: "POST", body: "{}" } },
    { name: "413", path: "/v1/check", method: "POST", docPath: "/v1/check", init: postJson({ q: "a", pad: "x".repeat(20000) }) },
    { name: "batch", path: "/v1/check/batch", method: "POST", docPath: "/v1/check/batch", init: postJson({ items: [{ q: "ivory" }, { q: "hello" }, { q: "ivory for sale" }], explain: true }) },
    { name: "batch_empty", path: "/v1/check/batch", method: "POST", docPath: "/v1/check/batch", init: postJson({ items: [] }) },
    { name: "healthz", path: "/healthz", method: "GET", docPath: "/healthz" },
    { name: "lexicon", path: "/v1/lexicon", method: "GET", docPath: "/v1/lexicon" },
    { name: "refresh", path: "/v1/admin/refresh", method: "POST", docPath: "/v1/admin/refresh", init: { method: "POST", headers: { authorization: "Bearer test-admin-token" } } },
    { name: "refresh 401", path: "/v1/admin/refresh", method: "POST", docPath: "/v1/admin/refresh", init: { method: "POST" } },
    { name: "demo page", path: "/", method: "GET", docPath: "/", type: "text/html" },
    { name: "widget", path: "/widget.js", method: "GET", docPath: "/widget.js", type: "text/javascript" },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.method} ${c.path.slice(0, 60)}`, async () => {
      const res = await app.fetch(c.path, { method: c.method, ...c.init });
      const type = c.type ?? "application/json";
      expect(res.headers.get("content-type")?.split(";")[0]).toBe(type);
      const schema = schemaFor(c.docPath, c.method, res.status, type);
      const body = type === "application/json" ? await res.json() : await res.text();
      expect(validate(body, schema)).toEqual([]);
    });
  }

  it("refresh 403 when no ADMIN_TOKEN is configured", async () => {
    const closed = makeApp({ env: { ADMIN_TOKEN: undefined } });
    const res = await closed.fetch("/v1/admin/refresh", { method: "POST" });
    expect(res.status).toBe(403);
    expect(validate(await res.json(), schemaFor("/v1/admin/refresh", "POST", 403))).toEqual([]);
  });

  it("every error code the document lists is one the tests have seen or the server can send", async () => {
    const codes = (doc.components.schemas.Error as { properties: { error: { properties: { code: { enum: string[] } } } } }).properties.error.properties.code.enum;
    const { ERROR_STATUS } = await import("../../src/worker/errors");
    expect([...codes].sort()).toEqual(Object.keys(ERROR_STATUS).sort());
  });
});
