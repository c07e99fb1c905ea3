/**
 * A loaded lexicon: views on a compiled binary plus lazily decoded strings and messages.
 */
import type { Alphabet } from "./alphabet";
import type { Automaton } from "./automaton";
import { FORMAT, LexiconFormatError, type RawSections, readBinary } from "./binary";
import type { EntryRole, LexiconInfo, TermAction } from "./types";

export const ROLES: EntryRole[] = ["term", "trade", "context", "exception"];
export const ROLE = { term: 0, trade: 1, context: 2, exception: 3 } as const;
export const ACTIONS: TermAction[] = ["warn", "block", "context"];
export const ACTION = { warn: 0, block: 1, context: 2 } as const;
/** Pattern flags. */
export const P_WORD = 1; // word-bounded where the pattern starts or ends with a letter
export const P_GENERATED = 2; // pinyin or joined form made by the compiler
/** Entry flags. */
export const E_SAME_LANGUAGE = 1; // trade word that counts only beside a term of its language

/** Languages whose words fold together: Chinese scripts and pinyin; Malay and Indonesian. */
export function languageGroup(lang: string): string {
  if (lang.startsWith("zh")) return "zh";
  if (lang === "id" || lang === "ms") return "ms";
  return lang;
}

export interface CategoryMeta {
  id: string;
  name: string;
  cites: string;
  generic?: boolean;
}

export interface Meta {
  version: string;
  builtAt: string;
  languages: string[];
  categories: CategoryMeta[];
  locales: string[];
  entries: number;
  patterns: number;
}

export interface LocaleMessages {
  locale: string;
  name: string;
  dir: "ltr" | "rtl";
  ui: { learnMore: string; report: string; continue: string; goBack: string; close: string };
  reportUrl: string;
  blockedNotice: string;
  default: { title: string; body: string; learnMoreUrl: string };
  categories: Record<string, { title: string; body: string; learnMoreUrl?: string }>;
}

export interface Lexicon extends LexiconTables {
  info: LexiconInfo;
  meta: Meta;
  /** `<category>/<slug>` of an entry (decoded on first use). */
  entryId(e: number): string;
  /** The entry's written term. */
  entryTerm(e: number): string;
  messages(): Record<string, LocaleMessages>;
  /** The binary itself (for KV upload and checksums). */
  bytes: Uint8Array;
}

/** The typed arrays a lexicon is made of: the compiler's in-memory build, or views on a binary. */
export interface LexiconTables {
  alphabet: Alphabet;
  automaton: Automaton;
  patEntry: Int32Array;
  patFlags: Uint8Array;
  entRole: Uint8Array;
  entAction: Uint8Array;
  entCategory: Uint8Array;
  entLang: Uint8Array;
  entFlags: Uint8Array;
  entStrings: Uint32Array;
  strings: Uint8Array;
}

/** Take views on a compiled lexicon. Throws LexiconFormatError on a bad header or section table. */
export function loadLexicon(bin: ArrayBuffer | Uint8Array): Lexicon {
  const r = readBinary(bin);
  type Name = Parameters<RawSections["get"]>[0];
  const u8 = (n: Name) => r.get(n, Uint8Array, 1);
  const u16 = (n: Name) => r.get(n, Uint16Array, 2);
  const i32 = (n: Name) => r.get(n, Int32Array, 4);
  const u32 = (n: Name) => r.get(n, Uint32Array, 4);
  const bmp = u16("bmp");
  if (bmp.length !== 0x10000) throw new LexiconFormatError("bad_section", "Lexicon binary alphabet table has the wrong size.");
  const tables: LexiconTables = {
    alphabet: {
      bmp,
      astralKeys: u32("astralKeys"),
      astralVals: u16("astralVals"),
      flags: u8("symFlags"),
      leet: u16("symLeet"),
      chars: u32("symChars"),
      leetAt: bmp[0x61]!,
      leetDollar: bmp[0x73]!,
    },
    automaton: {
      da: i32("da"),
      fail: i32("fail"),
      outState: i32("outState"),
      outPat: i32("outPat"),
      patNext: i32("patNext"),
      patLen: u16("patLen"),
    },
    patEntry: i32("patEntry"),
    patFlags: u8("patFlags"),
    entRole: u8("entRole"),
    entAction: u8("entAction"),
    entCategory: u8("entCategory"),
    entLang: u8("entLang"),
    entFlags: u8("entFlags"),
    entStrings: u32("entStrings"),
    strings: u8("strings"),
  };
  if (tables.automaton.da.length !== 2 * tables.automaton.fail.length) throw new LexiconFormatError("bad_section", "Lexicon binary automaton sections disagree on their number of slots.");
  let meta: Meta;
  try {
    meta = JSON.parse(r.text("meta")) as Meta;
  } catch {
    throw new LexiconFormatError("bad_section", "Lexicon binary metadata is not valid JSON.");
  }
  if (meta.version !== r.version) throw new LexiconFormatError("bad_section", `Lexicon binary header says version "${r.version}" but its metadata says "${meta.version}".`);
  return assembleLexicon(tables, meta, () => r.text("messages"), r.checksum, r.bytes);
}

/** A lexicon from its tables (shared by `loadLexicon` and the compiler's fresh build). */
export function assembleLexicon(t: LexiconTables, meta: Meta, messagesText: () => string, checksum: string, bytes: Uint8Array): Lexicon {
  const decoder = new TextDecoder();
  const cache = new Map<number, string>();
  const str = (k: number): string => {
    let s = cache.get(k);
    if (s === undefined) {
      s = decoder.decode(t.strings.subarray(t.entStrings[k]!, t.entStrings[k + 1]!));
      cache.set(k, s);
    }
    return s;
  };
  let messages: Record<string, LocaleMessages> | undefined;
  return {
    info: {
      version: meta.version,
      checksum,
      format: FORMAT,
      builtAt: meta.builtAt,
      entries: meta.entries,
      languages: meta.languages,
      categories: meta.categories.map((c) => c.id),
      locales: meta.locales,
    },
    meta,
    alphabet: t.alphabet,
    automaton: t.automaton,
    patEntry: t.patEntry,
    patFlags: t.patFlags,
    entRole: t.entRole,
    entAction: t.entAction,
    entCategory: t.entCategory,
    entLang: t.entLang,
    entFlags: t.entFlags,
    entStrings: t.entStrings,
    strings: t.strings,
    entryId: (e) => str(2 * e),
    entryTerm: (e) => str(2 * e + 1),
    messages: () => (messages ??= JSON.parse(messagesText()) as Record<string, LocaleMessages>),
    bytes,
  };
}

export interface EntryListing {
  id: string;
  role: EntryRole;
  category: string | null;
  lang: string;
  action: TermAction | null;
  term: string;
}

/** Every entry of a lexicon (for `lexicon diff`). */
export function listEntries(lex: Lexicon): EntryListing[] {
  const out: EntryListing[] = [];
  for (let e = 0; e < lex.entRole.length; e++) {
    const role = ROLES[lex.entRole[e]!]!;
    out.push({
      id: lex.entryId(e),
      role,
      category: role === "term" ? lex.meta.categories[lex.entCategory[e]!]!.id : null,
      lang: lex.meta.languages[lex.entLang[e]!]!,
      action: role === "term" ? ACTIONS[lex.entAction[e]!]! : null,
      term: lex.entryTerm(e),
    });
  }
  return out;
}
