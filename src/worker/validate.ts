/**
 * Request validation for the check endpoints: turns query parameters or a parsed JSON body into
 * a `CheckInput`, or throws an `ApiError` naming the field and what to send instead.
 * Never echoes the query text back (it may be sensitive, and it may be 1000 units long).
 */
import { isValidLocale } from "../core";
import type { Kind } from "../core/types";
import { ApiError } from "./errors";

export const MAX_QUERY_UNITS = 1000;
export const MAX_BATCH_ITEMS = 1000;

export interface CheckInput {
  q: string;
  /** undefined = infer from a leading `#` / `＃`. */
  kind: Kind | undefined;
  /** The caller's requested locale (well-formed BCP 47), or undefined. */
  locale: string | undefined;
  explain: boolean;
}

export interface BatchInput {
  items: { q: string; kind: Kind | undefined }[];
  locale: string | undefined;
  explain: boolean;
}

const where = (field: string, index?: number) => (index === undefined ? field : `items[${index}].${field}`);

export function validateQuery(q: unknown, index?: number): string {
  if (q === undefined || q === null) throw new ApiError("missing_query", `Send the text to check in "${where("q", index)}".`);
  if (typeof q !== "string") throw new ApiError("invalid_body", `"${where("q", index)}" must be a string.`);
  if (q.trim() === "") throw new ApiError("missing_query", `"${where("q", index)}" is empty or only whitespace; send the text to check.`);
  if (q.length > MAX_QUERY_UNITS) {
    throw new ApiError("query_too_long", `"${where("q", index)}" is ${q.length} UTF-16 code units long; the limit is ${MAX_QUERY_UNITS}.`);
  }
  return q;
}

export function validateKind(kind: unknown, index?: number): Kind | undefined {
  if (kind === undefined || kind === null) return undefined;
  if (kind === "query" || kind === "hashtag") return kind;
  throw new ApiError("invalid_kind", `"${where("kind", index)}" must be "query" or "hashtag" (or left out to infer it from a leading #).`);
}

/** A locale must be a well-formed BCP 47 tag (`en`, `zh-TW`, `zh-Hant-HK`, `fr-CA`); `zh_TW` is not. */
export function validateLocale(locale: unknown): string | undefined {
  if (locale === undefined || locale === null) return undefined;
  if (typeof locale !== "string" || !isValidLocale(locale.trim())) {
    throw new ApiError("invalid_locale", '"locale" must be a well-formed BCP 47 language tag such as "en", "fr-CA" or "zh-TW".');
  }
  return locale.trim();
}

function explainParam(v: string | undefined): boolean {
  if (v === undefined) return false;
  const s = v.trim().toLowerCase();
  if (s === "" || s === "1" || s === "true") return true;
  if (s === "0" || s === "false") return false;
  throw new ApiError("invalid_parameter", '"explain" must be 1, true, 0 or false.');
}

function explainField(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === "boolean") return v;
  throw new ApiError("invalid_body", '"explain" must be a boolean (true or false).');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * `GET /v1/check?q=…&kind=…&locale=…&explain=1`. Unknown parameters are ignored; an empty `kind=` or
 * `locale=` (an HTML form's "automatic" choice) counts as absent.
 */
export function parseCheckParams(params: URLSearchParams): CheckInput {
  const q = validateQuery(params.get("q") ?? undefined);
  const kind = validateKind(params.get("kind") || undefined);
  const locale = validateLocale(params.get("locale") || undefined);
  return { q, kind, locale, explain: explainParam(params.get("explain") ?? undefined) };
}

/** `POST /v1/check` body. Unknown fields are ignored (clients may be newer than the server). */
export function parseCheckBody(body: unknown): CheckInput {
  if (!isObject(body)) throw new ApiError("invalid_body", 'The body must be a JSON object like {"q": "ivory bangle"}.');
  return {
    q: validateQuery(body.q),
    kind: validateKind(body.kind),
    locale: validateLocale(body.locale),
    explain: explainField(body.explain),
  };
}

/** `POST /v1/check/batch` body: {"items": [{"q", "kind"?}, …], "locale"?, "explain"?}, 1 to 1000 items. */
export function parseBatchBody(body: unknown): BatchInput {
  if (!isObject(body)) throw new ApiError("invalid_body", 'The body must be a JSON object like {"items": [{"q": "ivory bangle"}]}.');
  const items = body.items;
  if (items === undefined || items === null) throw new ApiError("invalid_body", 'The body needs an "items" array of {"q": TEXT} objects.');
  if (!Array.isArray(items)) throw new ApiError("invalid_body", '"items" must be an array of {"q": TEXT} objects.');
  if (items.length === 0) throw new ApiError("batch_empty", '"items" is empty; send 1 to 1000 items.');
  if (items.length > MAX_BATCH_ITEMS) {
    throw new ApiError("batch_too_large", `"items" has ${items.length} entries; the limit is ${MAX_BATCH_ITEMS}. Split it into several requests.`);
  }
  const locale = validateLocale(body.locale);
  const explain = explainField(body.explain);
  const out: BatchInput["items"] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const item: unknown = items[i];
    if (!isObject(item)) throw new ApiError("invalid_body", `"items[${i}]" must be an object like {"q": TEXT}.`);
    out[i] = { q: validateQuery(item.q, i), kind: validateKind(item.kind, i) };
  }
  return { items: out, locale, explain };
}
