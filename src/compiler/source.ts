/**
 * Read `lexicon/` into entries, examples and messages, validating as it goes. Every error names
 * the file and line it comes from; reading goes on after an error so one build reports them all.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from "yaml";
import type { CategoryMeta, LocaleMessages } from "../core/lexicon";
import type { Decision, Kind } from "../core/types";
import type { CompileError, SourceEntry } from "./compile";

export interface Example {
  q: string;
  expect: Decision;
  kind?: Kind;
  locale?: string;
  where: string;
}

export interface LexiconSource {
  name: string;
  categories: CategoryMeta[];
  languages: string[];
  /** Per language, connector words searchers drop from multi-word terms (lexicon.yaml `connectors`). */
  connectors: Record<string, string[]>;
  /** Emoji that stand for species words, with the words (lexicon.yaml `emoji`). */
  emoji: Record<string, string[]>;
  locales: string[];
  entries: SourceEntry[];
  examples: Example[];
  messages: Record<string, LocaleMessages>;
  /** All source text, for the version fingerprint. */
  text: string;
  errors: CompileError[];
}

type Field = { required?: boolean; type: "string" | "boolean" | "strings" | "list" | "map"; values?: readonly string[] };
type Shape = Record<string, Field>;

const str = (required = false, values?: readonly string[]): Field => ({ required, type: "string", values });
const EXAMPLE: Shape = { q: str(true), expect: str(true, ["allow", "warn", "block"]), kind: str(false, ["query", "hashtag"]), locale: str(), note: str() };
const COMMON = { lang: str(true), note: str(true), variants: { type: "strings" } as Field, id: str(), match: str(false, ["word", "substring"]), pinyin: str(false, ["auto", "joined", "spaced", "mixed", "none"]) };
const TERM: Shape = { term: str(true), action: str(true, ["warn", "block", "context"]), ...COMMON };
const TRADE: Shape = { term: str(true), scope: str(false, ["any", "same-language"]), ...COMMON };
const CONTEXT: Shape = { term: str(true), ...COMMON };
const EXCEPTION: Shape = { phrase: str(true), reason: str(true), lang: str(true), variants: { type: "strings" }, id: str(), match: str(false, ["word", "substring"]), pinyin: COMMON.pinyin };
const CATEGORY_FILE: Shape = { category: str(true), name: str(true), cites: str(true), generic: { type: "boolean" }, terms: { type: "list", required: true }, examples: { type: "list" } };
const MANIFEST: Shape = { name: str(true), categories: { type: "strings", required: true }, languages: { type: "strings", required: true }, connectors: { type: "map" }, emoji: { type: "map" }, locales: { type: "strings", required: true } };
/** Limits of a warning's title and body (lexicon/schema/messages.schema.json). */
const TITLE_MAX = 40;
const BODY_MAX = 300;
const UI_KEYS = ["learnMore", "report", "continue", "goBack", "close"] as const;

/** The `.yaml` files of a lexicon folder's subfolder, sorted (none when it is missing). */
function yamlFiles(dir: string, sub: string): string[] {
  return existsSync(join(dir, sub)) ? readdirSync(join(dir, sub)).filter((f) => f.endsWith(".yaml")).sort() : [];
}

/** A YAML node as plain JavaScript (a list as an array, a scalar as its value). */
function toJs(v: Node | null): unknown {
  return v && "toJSON" in v ? (v as { toJSON(): unknown }).toJSON() : v;
}

class Reader {
  errors: CompileError[] = [];
  texts: string[] = [];
  constructor(readonly root: string) {}

  load(file: string): { doc: unknown; at: (n: Node | null | undefined) => string; node: Node | null } | null {
    const path = join(this.root, file);
    const rel = relative(process.cwd(), path) || path;
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      this.errors.push({ where: rel, message: "file is missing" });
      return null;
    }
    this.texts.push(`${file}\n${text}`);
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
    const at = (n: Node | null | undefined) => `${rel}:${n?.range ? lc.linePos(n.range[0]).line : 1}`;
    for (const e of doc.errors) this.errors.push({ where: `${rel}:${e.linePos?.[0]?.line ?? 1}`, message: e.message.split("\n")[0]! });
    if (doc.errors.length) return null;
    return { doc: doc.toJS(), at, node: doc.contents as Node | null };
  }

  /** Check a map against its shape; returns the plain object or null. */
  check(node: unknown, shape: Shape, at: (n: Node | null | undefined) => string, what: string): Record<string, unknown> | null {
    if (!isMap(node)) {
      this.errors.push({ where: at(node as Node), message: `${what} must be a mapping of fields` });
      return null;
    }
    const obj: Record<string, unknown> = {};
    let ok = true;
    for (const pair of (node as YAMLMap).items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const field = shape[key];
      const where = at((pair.key as Node) ?? node);
      if (!field) {
        this.errors.push({ where, message: `unknown field "${key}" in ${what} (allowed: ${Object.keys(shape).join(", ")})` });
        ok = false;
        continue;
      }
      const v = pair.value as Node | null;
      const js = toJs(v);
      const bad = (m: string) => {
        this.errors.push({ where: at(v ?? (pair.key as Node)), message: `${what} field "${key}" ${m}` });
        ok = false;
      };
      if (field.type === "string") {
        if (typeof js !== "string" && typeof js !== "number") bad("must be text");
        else if (String(js).trim() === "") bad("must not be empty");
        else if (field.values && !field.values.includes(String(js))) bad(`must be one of ${field.values.join(", ")}; got "${js}"`);
        else obj[key] = String(js);
      } else if (field.type === "boolean") {
        if (typeof js !== "boolean") bad("must be true or false");
        else obj[key] = js;
      } else if (field.type === "strings") {
        if (!Array.isArray(js) || js.some((x) => typeof x !== "string" && typeof x !== "number")) bad("must be a list of text");
        else obj[key] = js.map(String);
      } else if (field.type === "list") {
        if (!isSeq(v)) bad("must be a list");
        else obj[key] = v;
      } else obj[key] = v;
    }
    for (const [k, f] of Object.entries(shape)) {
      if (f.required && !(k in obj) && ok) {
        this.errors.push({ where: at(node as Node), message: `${what} is missing required field "${k}"` });
        ok = false;
      }
    }
    return ok ? obj : null;
  }
}

export function slug(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/['’`]/g, "")
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/** Read and validate the whole lexicon folder. */
export function readLexicon(dir = "lexicon"): LexiconSource {
  const r = new Reader(dir);
  const out: LexiconSource = { name: "", categories: [], languages: [], connectors: {}, emoji: {}, locales: [], entries: [], examples: [], messages: {}, text: "", errors: r.errors };
  const manifest = r.load("lexicon.yaml");
  if (!manifest) return out;
  const m = r.check(manifest.node, MANIFEST, manifest.at, "lexicon.yaml");
  if (!m) return out;
  out.name = m.name as string;
  out.languages = m.languages as string[];
  out.locales = m.locales as string[];
  // English is where every warning falls back to (a locale the messages lack): it must be there.
  if (!out.locales.includes("en")) r.errors.push({ where: manifest.at(manifest.node), message: `lexicon.yaml: locales must include "en", the fallback for every warning (it lists ${out.locales.join(", ")})` });
  const langs = new Set(out.languages);
  const ids = new Map<string, string>();
  // Tables of word lists: `connectors` by language, `emoji` by emoji.
  const lists = (field: "connectors" | "emoji", what: string, keyOk: (k: string) => string | null, listOk: (k: string, words: string[]) => string | null = () => null): Record<string, string[]> => {
    const out: Record<string, string[]> = {};
    if (m[field] === undefined) return out;
    const node = m[field] as Node | null;
    if (!isMap(node)) {
      r.errors.push({ where: manifest.at(node), message: `lexicon.yaml: ${field} must map ${what} to a list of words` });
      return out;
    }
    for (const pair of (node as YAMLMap).items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const where = manifest.at((pair.key as Node) ?? node);
      const js = toJs(pair.value as Node | null);
      const bad = keyOk(k);
      if (bad) r.errors.push({ where, message: `lexicon.yaml: ${field}: ${bad}` });
      else if (!Array.isArray(js) || js.length === 0 || js.some((w) => typeof w !== "string" || w.trim() === "")) r.errors.push({ where, message: `lexicon.yaml: ${field} of "${k}" must be a list of words` });
      else {
        const badList = listOk(k, js as string[]);
        if (badList) r.errors.push({ where, message: `lexicon.yaml: ${field}: ${badList}` });
        else out[k] = js as string[];
      }
    }
    return out;
  };
  out.connectors = lists("connectors", "a language", (k) => (langs.has(k) ? null : `unknown language "${k}" (languages lists ${out.languages.join(", ")})`));
  // One pictograph shown as an emoji: the scanner skips joiners and selectors, so a joined sequence
  // (🐻‍❄️) or a flag could never be matched as written, and © or ™ are not species.
  // The first word is the English one (forms.ts `emojiEnglish`): it stands for the species word
  // that starts a Chinese, Japanese or Thai term (`rhino角`), so a reordered list would silently
  // generate forms like `犀角` from `犀牛角`.
  out.emoji = lists(
    "emoji",
    "an emoji",
    (k) => (/^\p{Emoji_Presentation}$/u.test(k) ? null : `"${k}" must be a single emoji (no joined sequence, flag or variation selector)`),
    (k, words) => (/^[a-z]+( [a-z]+)*$/.test(words[0]!.trim()) ? null : `the list of "${k}" must start with its English word in lowercase ASCII (it stands for the species in terms like rhino角), not "${words[0]}"`),
  );

  const examples = (list: unknown, at: (n: Node | null | undefined) => string, file: string) => {
    if (!isSeq(list)) return;
    for (const item of list.items) {
      const ex = r.check(item, EXAMPLE, at, `example in ${file}`);
      if (ex) out.examples.push({ q: ex.q as string, expect: ex.expect as Decision, kind: ex.kind as Kind | undefined, locale: ex.locale as string | undefined, where: at(item as Node) });
    }
  };
  const entry = (role: SourceEntry["role"], o: Record<string, unknown>, where: string, prefix: string, category?: string) => {
    const term = (o.term ?? o.phrase) as string;
    const lang = o.lang as string;
    if (!langs.has(lang)) {
      r.errors.push({ where, message: `unknown language "${lang}" (lexicon.yaml lists ${out.languages.join(", ")})` });
      return;
    }
    let id = `${prefix}/${(o.id as string | undefined) ?? slug(term)}`;
    if (ids.has(id) && !o.id) id = `${id}-${lang.toLowerCase()}`;
    if (ids.has(id)) {
      r.errors.push({ where, message: `duplicate id "${id}" (also at ${ids.get(id)}); give one of them an explicit \`id\`` });
      return;
    }
    ids.set(id, where);
    out.entries.push({
      role,
      id,
      term,
      lang,
      category,
      action: role === "term" ? (o.action as SourceEntry["action"]) : undefined,
      variants: o.variants as string[] | undefined,
      match: o.match as SourceEntry["match"],
      pinyin: o.pinyin as SourceEntry["pinyin"],
      sameLanguage: o.scope === "same-language",
      where,
    });
  };
  const listOf = (file: string, key: string, shape: Shape, role: SourceEntry["role"], prefix: string) => {
    const f = r.load(file);
    if (!f) return;
    const top = r.check(f.node, { [key]: { type: "list", required: true }, examples: { type: "list" } }, f.at, file);
    if (!top) return;
    for (const item of (top[key] as { items: unknown[] }).items) {
      const o = r.check(item, shape, f.at, `${key} entry`);
      if (o) entry(role, o, f.at(item as Node), prefix);
    }
    examples(top.examples, f.at, file);
  };

  // Categories.
  const files = yamlFiles(dir, "categories");
  const listed = m.categories as string[];
  for (const id of listed) if (!files.includes(`${id}.yaml`)) r.errors.push({ where: `${join(dir, "lexicon.yaml")}`, message: `category "${id}" has no file categories/${id}.yaml` });
  for (const file of files) {
    const id = file.replace(/\.yaml$/, "");
    const f = r.load(`categories/${file}`);
    if (!f) continue;
    if (!listed.includes(id)) r.errors.push({ where: f.at(f.node), message: `category "${id}" is not listed in lexicon.yaml` });
    const c = r.check(f.node, CATEGORY_FILE, f.at, `categories/${file}`);
    if (!c) continue;
    if (c.category !== id) r.errors.push({ where: f.at(f.node), message: `category is "${c.category}" but the file is named ${file}` });
    out.categories.push({ id, name: c.name as string, cites: c.cites as string, ...(c.generic ? { generic: true } : {}) });
    for (const item of (c.terms as { items: unknown[] }).items) {
      const o = r.check(item, TERM, f.at, "term");
      if (o) entry("term", o, f.at(item as Node), id, id);
    }
    examples(c.examples, f.at, file);
  }
  // Keep the manifest's category order (it is the order of category indexes).
  out.categories.sort((x, y) => listed.indexOf(x.id) - listed.indexOf(y.id));

  listOf("trade-intent.yaml", "trade", TRADE, "trade", "trade-intent");
  listOf("context.yaml", "context", CONTEXT, "context", "context");
  listOf("exceptions.yaml", "exceptions", EXCEPTION, "exception", "exception");

  // Messages. A file the manifest does not list would be silently unused: say so, as for categories.
  for (const file of yamlFiles(dir, "messages")) {
    const locale = file.replace(/\.yaml$/, "");
    if (!out.locales.includes(locale)) r.errors.push({ where: `${join(dir, "messages", file)}:1`, message: `messages/${file} is not used: add "${locale}" to locales in lexicon.yaml` });
  }
  for (const locale of out.locales) {
    const f = r.load(`messages/${locale}.yaml`);
    if (!f) continue;
    const msg = f.doc as LocaleMessages;
    const where = f.at(f.node);
    const need = (cond: boolean, message: string) => cond || r.errors.push({ where, message: `messages/${locale}.yaml: ${message}` });
    if (!need(typeof msg === "object" && msg !== null, "must be a mapping")) continue;
    need(msg.locale === locale, `locale must be "${locale}"`);
    need(msg.dir === "ltr" || msg.dir === "rtl", "dir must be ltr or rtl");
    need(typeof msg.reportUrl === "string" && /^https:\/\//.test(msg.reportUrl), "reportUrl must be an https URL");
    need(typeof msg.blockedNotice === "string", "blockedNotice is missing");
    const text = (v: unknown) => typeof v === "string" && v.trim() !== "";
    need(text(msg.default?.title) && text(msg.default?.body) && /^https:\/\//.test(msg.default?.learnMoreUrl ?? ""), "default needs a text title, a text body and an https learnMoreUrl");
    for (const k of UI_KEYS) need(typeof msg.ui?.[k] === "string", `ui.${k} is missing`);
    // The dialog has room for a one-line heading and a short paragraph (the limits of messages.schema.json,
    // in code points as JSON Schema counts them): a longer text would be cut off on a phone.
    const fits = (what: string, v: unknown, max: number) => typeof v !== "string" || need([...v].length <= max, `${what} is ${[...v].length} characters; at most ${max}`);
    fits("default title", msg.default?.title, TITLE_MAX);
    fits("default body", msg.default?.body, BODY_MAX);
    for (const c of out.categories) {
      const t = msg.categories?.[c.id];
      need(text(t?.title) && text(t?.body), `category "${c.id}" needs a text title and a text body`);
      fits(`category "${c.id}" title`, t?.title, TITLE_MAX);
      fits(`category "${c.id}" body`, t?.body, BODY_MAX);
      if (t?.learnMoreUrl) need(/^https:\/\//.test(t.learnMoreUrl), `category "${c.id}" learnMoreUrl must be https`);
    }
    out.messages[locale] = msg;
  }
  out.text = r.texts.join("\n");
  return out;
}
