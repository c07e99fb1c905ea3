/**
 * The OpenAPI 3.1 description of the HTTP API, served at GET /openapi.json.
 * test/worker/openapi.test.ts validates real responses against these schemas, so keep them true.
 */

const errorCodes = [
  "missing_query",
  "query_too_long",
  "invalid_kind",
  "invalid_locale",
  "invalid_parameter",
  "invalid_json",
  "invalid_body",
  "batch_empty",
  "batch_too_large",
  "unauthorized",
  "admin_disabled",
  "not_found",
  "method_not_allowed",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "internal_error",
];

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (schema: object) => ({ "application/json": { schema } });
const errorResponse = (description: string) => ({ description, content: jsonContent(ref("Error")) });

const commonErrors = {
  "500": errorResponse("Server fault (`internal_error`); no stack trace."),
};
/** Routes under /v1/, where an operator's rate limiter (if bound) applies. */
const v1Errors = {
  "429": errorResponse("Too many requests from this client (`rate_limited`, with `Retry-After`), only where the operator bound a rate limiter."),
  ...commonErrors,
};
const postErrors = {
  "413": errorResponse("Body over the size limit (`payload_too_large`)."),
  "415": errorResponse("Body not sent as `application/json` (`unsupported_media_type`)."),
};

const localeParam = {
  name: "locale",
  in: "query",
  required: false,
  description: "BCP 47 tag for the warning text; falls back zh-TW → zh-Hant, zh-CN/zh → zh-Hans, fr-CA → fr, then Accept-Language, then en.",
  schema: { type: "string", examples: ["fr-CA"] },
};
const acceptLanguage = {
  name: "Accept-Language",
  in: "header",
  required: false,
  description: "Used (with q-values) when `locale` is absent or has no warning text.",
  schema: { type: "string" },
};

export const openapi = {
  openapi: "3.1.0",
  info: {
    title: "wildlife-sentinel",
    version: "1.0.0",
    description:
      "Decides allow / warn / block for a search query or hashtag that may be looking for illegal wildlife products, and gives the warning to show. Offsets are UTF-16 code units into the original query.",
    license: { name: "Apache-2.0", identifier: "Apache-2.0" },
  },
  servers: [{ url: "http://127.0.0.1:8787", description: "npm start" }],
  paths: {
    "/v1/check": {
      get: {
        operationId: "checkGet",
        summary: "Check one query or hashtag",
        parameters: [
          { name: "q", in: "query", required: true, description: "1 to 1000 UTF-16 code units, not only whitespace.", schema: { type: "string", minLength: 1, maxLength: 1000 } },
          { name: "kind", in: "query", required: false, description: "Defaults to `hashtag` when q starts with # or ＃, else `query`.", schema: ref("Kind") },
          localeParam,
          { name: "explain", in: "query", required: false, description: "1/true adds an `explain` object.", schema: { type: "string", enum: ["", "0", "1", "true", "false"] } },
          acceptLanguage,
        ],
        responses: {
          "200": { description: "The decision.", content: jsonContent(ref("CheckResult")) },
          "400": errorResponse("`missing_query`, `query_too_long`, `invalid_kind`, `invalid_locale` or `invalid_parameter`."),
          ...v1Errors,
        },
      },
      post: {
        operationId: "checkPost",
        summary: "Check one query or hashtag (JSON body)",
        parameters: [acceptLanguage],
        requestBody: { required: true, content: jsonContent(ref("CheckRequest")) },
        responses: {
          "200": { description: "The decision.", content: jsonContent(ref("CheckResult")) },
          "400": errorResponse("`missing_query`, `query_too_long`, `invalid_kind`, `invalid_locale`, `invalid_json` or `invalid_body`."),
          ...postErrors,
          ...v1Errors,
        },
      },
    },
    "/v1/check/batch": {
      post: {
        operationId: "checkBatch",
        summary: "Check 1 to 1000 queries (autocomplete suggestions, feeds)",
        parameters: [acceptLanguage],
        requestBody: { required: true, content: jsonContent(ref("BatchRequest")) },
        responses: {
          "200": { description: "One result per item, in item order.", content: jsonContent(ref("BatchResult")) },
          "400": errorResponse("`batch_empty`, `batch_too_large`, `invalid_json`, `invalid_body`, or an item's `missing_query`, `query_too_long`, `invalid_kind`; `invalid_locale`."),
          ...postErrors,
          ...v1Errors,
        },
      },
    },
    "/healthz": {
      get: {
        operationId: "health",
        summary: "Liveness and the lexicon version served",
        responses: { "200": { description: "Up.", content: jsonContent(ref("Health")) }, ...commonErrors },
      },
    },
    "/v1/lexicon": {
      get: {
        operationId: "lexicon",
        summary: "The lexicon served, where it came from, and the last KV refresh problem",
        responses: { "200": { description: "Lexicon status.", content: jsonContent(ref("LexiconStatus")) }, ...v1Errors },
      },
    },
    "/v1/admin/refresh": {
      post: {
        operationId: "adminRefresh",
        summary: "Re-read KV now",
        security: [{ adminToken: [] }],
        responses: {
          "200": { description: "What the refresh did.", content: jsonContent(ref("RefreshReport")) },
          "401": errorResponse("Missing or wrong bearer token (`unauthorized`)."),
          "403": errorResponse("No ADMIN_TOKEN secret is configured (`admin_disabled`)."),
          ...v1Errors,
        },
      },
    },
    "/openapi.json": {
      get: {
        operationId: "openapi",
        summary: "This document",
        responses: { "200": { description: "OpenAPI 3.1 document.", content: jsonContent({ type: "object" }) } },
      },
    },
    "/": {
      get: {
        operationId: "demo",
        summary: "Demo search page using the warning component",
        responses: { "200": { description: "HTML page.", content: { "text/html": { schema: { type: "string" } } } } },
      },
    },
    "/widget.js": {
      get: {
        operationId: "widget",
        summary: "The warning component as an ES module",
        responses: { "200": { description: "JavaScript module.", content: { "text/javascript": { schema: { type: "string" } } } } },
      },
    },
  },
  components: {
    securitySchemes: {
      adminToken: { type: "http", scheme: "bearer", description: "The ADMIN_TOKEN Workers secret." },
    },
    schemas: {
      Kind: { type: "string", enum: ["query", "hashtag"] },
      Decision: { type: "string", enum: ["allow", "warn", "block"] },
      CheckRequest: {
        type: "object",
        required: ["q"],
        properties: {
          q: { type: "string", minLength: 1, maxLength: 1000 },
          kind: ref("Kind"),
          locale: { type: "string" },
          explain: { type: "boolean" },
        },
      },
      BatchRequest: {
        type: "object",
        required: ["items"],
        properties: {
          items: {
            type: "array",
            minItems: 1,
            maxItems: 1000,
            items: { type: "object", required: ["q"], properties: { q: { type: "string", minLength: 1, maxLength: 1000 }, kind: ref("Kind") } },
          },
          locale: { type: "string" },
          explain: { type: "boolean" },
        },
      },
      Match: {
        type: "object",
        additionalProperties: false,
        required: ["entry", "category", "action", "text", "start", "end"],
        properties: {
          entry: { type: "string", description: "`<category>/<slug>`" },
          category: { type: "string" },
          action: { type: "string", enum: ["warn", "block", "context"] },
          text: { type: "string", description: "q.slice(start, end)" },
          start: { type: "integer", minimum: 0 },
          end: { type: "integer", minimum: 0 },
        },
      },
      Warning: {
        type: "object",
        additionalProperties: false,
        required: ["locale", "category", "title", "body", "learnMoreUrl", "reportUrl", "canProceed", "labels", "dir"],
        properties: {
          locale: { type: "string" },
          category: { type: "string" },
          title: { type: "string" },
          body: { type: "string" },
          learnMoreUrl: { type: "string" },
          reportUrl: { type: "string" },
          canProceed: { type: "boolean", description: "true for warn, false for block" },
          labels: {
            type: "object",
            additionalProperties: false,
            required: ["learnMore", "report", "continue", "goBack", "close"],
            properties: {
              learnMore: { type: "string" },
              report: { type: "string" },
              continue: { type: "string" },
              goBack: { type: "string" },
              close: { type: "string" },
            },
          },
          dir: { type: "string", enum: ["ltr", "rtl"] },
        },
      },
      RawHit: {
        type: "object",
        additionalProperties: false,
        required: ["entry", "role", "category", "lang", "text", "start", "end", "suppressedBy"],
        properties: {
          entry: { type: "string" },
          role: { type: "string", enum: ["term", "trade", "context", "exception"] },
          category: { type: "string" },
          lang: { type: "string" },
          text: { type: "string" },
          start: { type: "integer", minimum: 0 },
          end: { type: "integer", minimum: 0 },
          suppressedBy: { type: ["string", "null"] },
        },
      },
      Explain: {
        type: "object",
        additionalProperties: false,
        required: ["normalized", "kind", "locale", "hits", "rules"],
        properties: {
          normalized: { type: "string" },
          kind: ref("Kind"),
          locale: { type: "string" },
          hits: { type: "array", items: ref("RawHit") },
          rules: { type: "array", items: { type: "string" } },
        },
      },
      CheckResult: {
        type: "object",
        additionalProperties: false,
        required: ["decision", "lexiconVersion", "reasons", "matches", "warning"],
        properties: {
          decision: ref("Decision"),
          lexiconVersion: { type: "string" },
          reasons: { type: "array", items: { type: "string", pattern: "^[a-z][a-z0-9_]*$" } },
          matches: { type: "array", items: ref("Match") },
          warning: { oneOf: [ref("Warning"), { type: "null" }] },
          explain: ref("Explain"),
        },
      },
      BatchItemResult: {
        type: "object",
        additionalProperties: false,
        required: ["decision", "reasons", "matches", "warning"],
        properties: {
          decision: ref("Decision"),
          reasons: { type: "array", items: { type: "string", pattern: "^[a-z][a-z0-9_]*$" } },
          matches: { type: "array", items: ref("Match") },
          warning: { oneOf: [ref("Warning"), { type: "null" }] },
          explain: ref("Explain"),
        },
      },
      BatchResult: {
        type: "object",
        additionalProperties: false,
        required: ["lexiconVersion", "results"],
        properties: {
          lexiconVersion: { type: "string" },
          results: { type: "array", minItems: 1, maxItems: 1000, items: ref("BatchItemResult") },
        },
      },
      Health: {
        type: "object",
        additionalProperties: false,
        required: ["ok", "lexiconVersion"],
        properties: { ok: { type: "boolean", const: true }, lexiconVersion: { type: "string" } },
      },
      LexiconError: {
        type: "object",
        additionalProperties: false,
        required: ["version", "code", "message"],
        properties: {
          version: { type: ["string", "null"], description: "The rejected version, when the problem concerns one." },
          code: { type: "string", pattern: "^[a-z][a-z0-9_]*$" },
          message: { type: "string" },
        },
      },
      LexiconStatus: {
        type: "object",
        additionalProperties: false,
        required: ["version", "source", "checksum", "format", "builtAt", "entries", "languages", "categories", "locales", "lastCheckedAt", "lastError"],
        properties: {
          version: { type: "string" },
          source: { type: "string", enum: ["bundled", "kv"] },
          checksum: { type: "string", pattern: "^[0-9a-f]{64}$" },
          format: { type: "integer", minimum: 1 },
          builtAt: { type: "string" },
          entries: { type: "integer", minimum: 0 },
          languages: { type: "array", items: { type: "string" } },
          categories: { type: "array", items: { type: "string" } },
          locales: { type: "array", items: { type: "string" } },
          lastCheckedAt: { type: ["string", "null"], description: "ISO time of the last KV read of lexicon:current in this isolate." },
          lastError: { oneOf: [ref("LexiconError"), { type: "null" }] },
        },
      },
      RefreshReport: {
        type: "object",
        additionalProperties: false,
        required: ["before", "after", "changed", "lastCheckedAt", "lastError", "lexicon"],
        properties: {
          before: ref("ServedVersion"),
          after: ref("ServedVersion"),
          changed: { type: "boolean" },
          lastCheckedAt: { type: ["string", "null"] },
          lastError: { oneOf: [ref("LexiconError"), { type: "null" }] },
          lexicon: ref("LexiconStatus"),
        },
      },
      ServedVersion: {
        type: "object",
        additionalProperties: false,
        required: ["version", "source"],
        properties: { version: { type: "string" }, source: { type: "string", enum: ["bundled", "kv"] } },
      },
      Error: {
        type: "object",
        additionalProperties: false,
        required: ["error"],
        properties: {
          error: {
            type: "object",
            additionalProperties: false,
            required: ["code", "message"],
            properties: { code: { type: "string", enum: errorCodes }, message: { type: "string", minLength: 1 } },
          },
        },
      },
    },
  },
} as const;
