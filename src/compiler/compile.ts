/**
 * Compile lexicon entries into the binary: alphabet, patterns (written and generated forms),
 * automaton, entry tables, strings, metadata and messages.
 *
 * Every written form and every generated one (forms.ts: pinyin, connector-free, emoji; here:
 * hashtag-joined) goes through the runtime's own `scan`, with the alphabet the binary will carry,
 * so a pattern is exactly what a query containing it scans to.
 */
import { createHash } from "node:crypto";
import {
  type Alphabet,
  F_COLLAPSE,
  F_DIGIT,
  F_KANA,
  F_LETTER,
  F_NOSPACE,
  FIRST_SYMBOL,
  OTHER_LETTER,
  OTHER_NOSPACE,
  PUNCT,
  SKIP,
  SPACE,
  SYM_SPACE,
} from "../core/alphabet";
import { buildAutomaton, search } from "../core/automaton";
import { CHECKSUM_OFFSET, checksumBody, writeBinary } from "../core/binary";
import { structuralError } from "../core/integrity";
import { ACTION, assembleLexicon, languageGroup, type CategoryMeta, E_SAME_LANGUAGE, type Lexicon, type LocaleMessages, type Meta, P_GENERATED, P_WORD, ROLE, loadLexicon } from "../core/lexicon";
import { scan } from "../core/normalize";
import type { EntryRole, TermAction } from "../core/types";
import { ASTRAL_RANGES, collapses, foldOf, foldTable } from "./fold";
import { asciiForms, emojiEnglish, emojiForms, emojiWords, pinyinForms, withoutConnectors } from "./forms";

export interface SourceEntry {
  role: EntryRole;
  /** Full id, e.g. `elephant-ivory/ivory-bangle`. */
  id: string;
  term: string;
  lang: string;
  category?: string;
  action?: TermAction;
  variants?: string[];
  match?: "word" | "substring";
  pinyin?: "auto" | "joined" | "spaced" | "mixed" | "none";
  sameLanguage?: boolean;
  /** `file:line` for error messages. */
  where?: string;
}

export interface CompileInput {
  entries: SourceEntry[];
  categories: CategoryMeta[];
  languages: string[];
  /** Per language, the words joining a multi-word term that searchers leave out (`de`, `of`, `ya`). */
  connectors?: Record<string, string[]>;
  /** Emoji that stand for species words in listings (`🐘`: elephant, 象, ช้าง, …). */
  emoji?: Record<string, string[]>;
  locales: string[];
  messages: Record<string, LocaleMessages>;
  version: string;
  builtAt: string;
}

export interface CompileError {
  where: string;
  message: string;
}

export interface Compiled {
  bin: Uint8Array;
  /** Views on `bin`, as the Worker loads it. */
  lex: Lexicon;
  /** The same lexicon straight from the compiler's in-memory tables, never serialized. */
  fresh: Lexicon;
  /** Each pattern as the folded text the automaton matches (for the differential oracle). */
  patternTexts: string[];
  errors: CompileError[];
  patterns: number;
}

const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t" };
const KATAKANA = /^[\p{Script=Katakana}\u30fc]$/u;

interface Pattern {
  seq: Int32Array;
  entry: number;
  flags: number;
  generated: boolean;
}

export function compile(input: CompileInput): Compiled {
  const errors: CompileError[] = [];
  const { entries } = input;

  // 1. Every written form, the pinyin of Chinese forms, German spelled without umlauts
  //    (`Schildkroete`), and for terms and exceptions the forms without connectors
  //    (`cuerno rinoceronte`) and with emoji for species words (`🐘 tusk`).
  const forms: { entry: number; text: string; generated: boolean }[] = [];
  const emoji = emojiWords(input.emoji);
  const english = emojiEnglish(input.emoji);
  entries.forEach((e, i) => {
    const named = e.role === "term" || e.role === "exception";
    const generate = (texts: readonly string[]) => {
      for (const text of texts) forms.push({ entry: i, text, generated: true });
    };
    for (const text of [e.term, ...(e.variants ?? [])]) {
      forms.push({ entry: i, text, generated: false });
      generate(pinyinForms(e, text));
      const ascii = asciiForms(e, text);
      generate(ascii);
      if (!named) continue;
      for (const spelling of [text, ...ascii]) {
        const short = withoutConnectors(spelling, input.connectors?.[e.lang]);
        generate(short);
        for (const t of [spelling, ...short]) generate(emojiForms(t, emoji, english));
      }
    }
  });

  // 2. The alphabet: the canonical characters the forms use, plus a–z and 0–9.
  const alphabet = buildAlphabet(forms.map((f) => f.text));

  // 3. Patterns: scan each form; add the joined form of multi-word Latin phrases (`#ivoryforsale`).
  const patterns: Pattern[] = [];
  const seen = new Map<string, number[]>(); // sequence → pattern indexes
  const add = (seq: Int32Array, entry: number, generated: boolean): void => {
    const key = seq.join(",");
    const priors = seen.get(key) ?? [];
    const e = entries[entry]!;
    for (const prior of priors) {
      const p = patterns[prior]!;
      if (p.entry === entry || generated) return;
      const o = entries[p.entry]!;
      if (p.generated) return; // a generated form never displaces nor blocks a written one
      // Homographs of different languages may coexist (`ban` en, `bán` vi): the decision picks by language.
      if (languageGroup(o.lang) !== languageGroup(e.lang) && o.role !== "term" && e.role !== "term") continue;
      const conflict = o.role !== e.role || o.action !== e.action;
      errors.push({
        where: e.where ?? e.id,
        message: `${conflict ? "conflicting" : "duplicate"} entry: "${e.term}" (${e.role}${e.action ? ` ${e.action}` : ""}) normalizes like "${o.term}" (${o.role}${o.action ? ` ${o.action}` : ""}) at ${o.where ?? o.id}`,
      });
      return;
    }
    seen.set(key, [...priors, patterns.length]);
    patterns.push({ seq, entry, flags: (e.match === "substring" ? 0 : P_WORD) | (generated ? P_GENERATED : 0), generated });
  };
  const joined: { seq: Int32Array; entry: number }[] = [];
  for (const f of forms.sort((x, y) => Number(x.generated) - Number(y.generated))) {
    const sc = scan(alphabet, f.text);
    const seq = sc.sym.slice(0, sc.n);
    if (seq.length === 0) {
      const e = entries[f.entry]!;
      errors.push({ where: e.where ?? e.id, message: `"${f.text}" normalizes to nothing (only separators or invisible characters)` });
      continue;
    }
    add(seq, f.entry, f.generated);
    const j = joinWords(seq, alphabet);
    if (j) joined.push({ seq: j, entry: f.entry });
  }
  for (const j of joined) add(j.seq, j.entry, true);

  // 4. The automaton and the tables.
  const auto = buildAutomaton(
    patterns.map((p) => p.seq),
    alphabet.flags.length,
  );

  // 5. An exception must shadow a term.
  const byEntry = new Map<number, Pattern[]>();
  for (const p of patterns) if (entries[p.entry]!.role === "exception") byEntry.set(p.entry, [...(byEntry.get(p.entry) ?? []), p]);
  entries.forEach((e, i) => {
    if (e.role !== "exception") return;
    const own = byEntry.get(i) ?? [];
    const shadows = own.some((p) => {
      const h = search(auto, p.seq, p.seq.length);
      for (let k = 0; k < h.n; k++) if (entries[patterns[h.pat[k]!]!.entry]!.role === "term") return true;
      return false;
    });
    if (!shadows) errors.push({ where: e.where ?? e.id, message: `exception "${e.term}" shadows no term: it contains no term of any category, so it can be removed` });
  });

  const catIndex = new Map(input.categories.map((c, i) => [c.id, i]));
  const langIndex = new Map(input.languages.map((l, i) => [l, i]));
  const n = entries.length;
  const entRole = new Uint8Array(n);
  const entAction = new Uint8Array(n);
  const entCategory = new Uint8Array(n);
  const entLang = new Uint8Array(n);
  const entFlags = new Uint8Array(n);
  const enc = new TextEncoder();
  const strParts: Uint8Array[] = [];
  const entStrings = new Uint32Array(2 * n + 1);
  let off = 0;
  entries.forEach((e, i) => {
    entRole[i] = ROLE[e.role];
    entAction[i] = e.action ? ACTION[e.action] : 0;
    entCategory[i] = e.category ? (catIndex.get(e.category) ?? 255) : 255;
    entLang[i] = langIndex.get(e.lang) ?? 0;
    entFlags[i] = e.sameLanguage ? E_SAME_LANGUAGE : 0;
    for (const [k, s] of [
      [2 * i, e.id],
      [2 * i + 1, e.term],
    ] as const) {
      const b = enc.encode(s);
      entStrings[k] = off;
      strParts.push(b);
      off += b.length;
    }
  });
  entStrings[2 * n] = off;
  const strings = new Uint8Array(off);
  let o = 0;
  for (const b of strParts) {
    strings.set(b, o);
    o += b.length;
  }
  const meta: Meta = {
    version: input.version,
    builtAt: input.builtAt,
    languages: input.languages,
    categories: input.categories,
    locales: input.locales,
    entries: n,
    patterns: patterns.length,
  };
  const patEntry = Int32Array.from(patterns, (p) => p.entry);
  const patFlags = Uint8Array.from(patterns, (p) => p.flags);
  const messagesJson = JSON.stringify(input.messages);
  const bin = writeBinary(input.version, {
    meta: enc.encode(JSON.stringify(meta)),
    messages: enc.encode(messagesJson),
    bmp: alphabet.bmp,
    astralKeys: alphabet.astralKeys,
    astralVals: alphabet.astralVals,
    symFlags: alphabet.flags,
    symLeet: alphabet.leet,
    symChars: alphabet.chars,
    da: auto.da,
    fail: auto.fail,
    outState: auto.outState,
    outPat: auto.outPat,
    patNext: auto.patNext,
    patLen: auto.patLen,
    patEntry,
    patFlags,
    entRole,
    entAction,
    entCategory,
    entLang,
    entFlags,
    entStrings,
    strings,
  });
  bin.set(createHash("sha256").update(checksumBody(bin)).digest(), CHECKSUM_OFFSET);
  const lex = loadLexicon(bin);
  // A Worker runs this check before trusting a binary from KV; failing it here is a compiler bug,
  // so refuse to hand the binary on.
  const broken = structuralError(lex);
  if (broken) throw new Error(`internal compiler error: the binary built is unsound (${broken})`);
  const fresh = assembleLexicon(
    { alphabet, automaton: auto, patEntry, patFlags, entRole, entAction, entCategory, entLang, entFlags, entStrings, strings },
    meta,
    () => messagesJson,
    lex.info.checksum,
    bin,
  );
  const patternTexts = patterns.map((p) => String.fromCodePoint(...Array.from(p.seq, (s) => (s === SYM_SPACE ? 0x20 : alphabet.chars[s]!))));
  return { bin, lex, fresh, patternTexts, errors, patterns: patterns.length };
}

/** `for sale` → `forsale`: multi-word phrases of space-delimited scripts as hashtags write them. */
function joinWords(seq: Int32Array, a: Alphabet): Int32Array | null {
  let spaces = 0;
  for (let i = 1; i + 1 < seq.length; i++) {
    if (seq[i] === SYM_SPACE && a.flags[seq[i - 1]!]! & F_LETTER && a.flags[seq[i + 1]!]! & F_LETTER) spaces++;
  }
  if (!spaces) return null;
  const out = seq.filter((s, i) => !(s === SYM_SPACE && i > 0 && i + 1 < seq.length && a.flags[seq[i - 1]!]! & F_LETTER && a.flags[seq[i + 1]!]! & F_LETTER));
  // The scanner folds a letter doubled at the seam (`gading gajah` typed `gadinggajah`) to one.
  return out.filter((s, i) => !(i > 0 && out[i - 1] === s && a.flags[s]! & F_COLLAPSE));
}

/** Build the alphabet the binary carries from the forms it must recognize. */
export function buildAlphabet(texts: string[]): Alphabet {
  const { bmp: folds, astral } = foldTable();
  const used = new Set<number>();
  for (const c of "abcdefghijklmnopqrstuvwxyz0123456789") used.add(c.codePointAt(0)!);
  // All katakana, so every katakana character carries F_KANA and katakana word edges are seen.
  for (let cp = 0x30a1; cp <= 0x30fc; cp++) if (foldOf(cp).canon === cp) used.add(cp);
  for (const t of texts) {
    for (const ch of t) {
      const f = foldOf(ch.codePointAt(0)!);
      if (f.cls === "letter" || f.cls === "nospace" || f.cls === "digit" || f.cls === "emoji") used.add(f.canon);
    }
  }
  const chars = [...used].sort((x, y) => x - y);
  const size = FIRST_SYMBOL + chars.length;
  if (size >= 0xfff0) throw new Error(`the lexicon uses ${chars.length} distinct characters; the alphabet holds at most ${0xfff0 - FIRST_SYMBOL}`);
  const symOf = new Map(chars.map((c, i) => [c, FIRST_SYMBOL + i]));
  const flags = new Uint8Array(size);
  const leet = new Uint16Array(size);
  const charsArr = new Uint32Array(size);
  charsArr[1] = 0x20;
  flags[2] = F_LETTER;
  flags[3] = F_NOSPACE;
  for (const [c, s] of symOf) {
    const f = foldOf(c);
    charsArr[s] = c;
    flags[s] = f.cls === "letter" ? F_LETTER | (collapses(c) ? F_COLLAPSE : 0) : f.cls === "digit" ? F_DIGIT : F_NOSPACE | (KATAKANA.test(String.fromCodePoint(c)) ? F_KANA : 0);
    const l = LEET[String.fromCodePoint(c)];
    if (l) leet[s] = symOf.get(l.codePointAt(0)!)!;
  }
  const value = (f: { canon: number; cls: string }): number => {
    switch (f.cls) {
      case "skip":
        return SKIP;
      case "space":
        return SPACE;
      case "punct":
        return PUNCT;
      default: {
        const s = symOf.get(f.canon);
        if (s !== undefined) return s;
        return f.cls === "letter" ? OTHER_LETTER : f.cls === "emoji" ? SPACE : OTHER_NOSPACE;
      }
    }
  };
  const bmp = new Uint16Array(0x10000);
  for (let cp = 0; cp < 0x10000; cp++) bmp[cp] = value(folds[cp]!);
  const keys: number[] = [];
  const vals: number[] = [];
  for (const [lo, hi] of ASTRAL_RANGES) {
    for (let cp = lo; cp <= hi; cp++) {
      const v = value(astral.get(cp)!);
      if (v !== OTHER_NOSPACE) keys.push(cp), vals.push(v);
    }
  }
  return {
    bmp,
    astralKeys: Uint32Array.from(keys),
    astralVals: Uint16Array.from(vals),
    flags,
    leet,
    chars: charsArr,
    leetAt: symOf.get(0x61)!,
    leetDollar: symOf.get(0x73)!,
  };
}

/** sha256 hex of a string (source fingerprints for versions). */
export function sha256Hex(s: string | Uint8Array): string {
  return createHash("sha256").update(s).digest("hex");
}

/**
 * Compile a bare list of terms (benchmarks, tests): every term its own entry in one category,
 * with English placeholder messages.
 */
export function compileTerms(
  terms: { term: string; lang: string; role?: EntryRole; category?: string; action?: TermAction; match?: "word" | "substring"; pinyin?: SourceEntry["pinyin"] }[],
  opts: { version?: string; pinyin?: boolean } = {},
): Compiled {
  const categories = [...new Set(terms.map((t) => t.category ?? "test"))].map((id) => ({ id, name: id, cites: "" }));
  const languages = [...new Set(terms.map((t) => t.lang))];
  const msg = { title: "Protect wildlife", body: "Test message.", learnMoreUrl: "https://cites.org/" };
  const messages: Record<string, LocaleMessages> = {
    en: {
      locale: "en",
      name: "English",
      dir: "ltr",
      ui: { learnMore: "Learn more", report: "Report", continue: "Continue", goBack: "Go back", close: "Close" },
      reportUrl: "https://example.org/report",
      blockedNotice: "Results are hidden.",
      default: msg,
      categories: Object.fromEntries(categories.map((c) => [c.id, msg])),
    },
  };
  const entries: SourceEntry[] = terms.map((t, i) => ({
    role: t.role ?? "term",
    id: `${t.category ?? "test"}/${i}`,
    term: t.term,
    lang: t.lang,
    category: (t.role ?? "term") === "term" ? (t.category ?? "test") : undefined,
    action: (t.role ?? "term") === "term" ? (t.action ?? "warn") : undefined,
    match: t.match,
    pinyin: t.pinyin ?? (opts.pinyin ? "auto" : "none"),
    where: `term ${i}`,
  }));
  return compile({ entries, categories, languages, locales: ["en"], messages, version: opts.version ?? "test", builtAt: new Date(0).toISOString() });
}
