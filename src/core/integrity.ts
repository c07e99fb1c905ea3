/**
 * Is a loaded lexicon safe to run? The checksum proves a binary is the one its builder wrote, not
 * that the builder wrote a sound one: a buggy or hostile compiler could sign arrays that send the
 * matcher round a failure cycle forever, read past an array, or report spans before the text.
 * This walks every table once (linear in its size, run before a KV swap, never per query) and
 * names the first rule broken. What it guarantees, each rule for a loop or a read in the matcher:
 *
 *  - every alphabet value is a symbol or one of the five classes, every symbol's tables have an
 *    entry, `a` and `s` (what `@` and `$` read as) are symbols, and each symbol stands for a code
 *    point (explain spells the text back);
 *  - every state's parent chain reaches the root, and its children stay inside the double array;
 *  - every failure link goes to a strictly shallower state, so failure and output walks end at
 *    the root, whose word has no output bits;
 *  - output bits agree with the output tables, each pattern's chain of patterns only goes forward,
 *    and a pattern's length is the depth of the state where it ends (so spans start inside the text);
 *  - every pattern names an entry, every entry a role, action, category and language that exist,
 *    and the string offsets stay inside the strings.
 */
import { FIRST_SYMBOL, OTHER_LETTER, OTHER_NOSPACE, PUNCT, SKIP, SPACE } from "./alphabet";
import { BASE_SHIFT, DICT, OUT } from "./automaton";
import { ACTIONS, type Lexicon, ROLE, ROLES } from "./lexicon";


/** The first broken rule, as a sentence, or null when the lexicon is sound. */
export function structuralError(lex: Lexicon): string | null {
  return alphabetError(lex) ?? automatonError(lex) ?? entryError(lex);
}

function alphabetError(lex: Lexicon): string | null {
  const { bmp, astralKeys, astralVals, flags, leet, chars } = lex.alphabet;
  const size = flags.length;
  if (size < FIRST_SYMBOL || leet.length !== size || chars.length !== size) return "the alphabet's per-symbol tables disagree on its size";
  // A table value is a symbol or one of the five classes; anything else would reach the automaton
  // as a symbol past the alphabet.
  const bad = (v: number) => v === 0 || (v >= size && v !== SKIP && v !== SPACE && v !== PUNCT && v !== OTHER_LETTER && v !== OTHER_NOSPACE);
  for (let cp = 0; cp < bmp.length; cp++) if (bad(bmp[cp]!)) return `code point U+${cp.toString(16).toUpperCase().padStart(4, "0")} folds to symbol ${bmp[cp]}, outside the alphabet`;
  if (astralVals.length !== astralKeys.length) return "the astral alphabet's keys and values differ in number";
  for (let k = 0; k < astralKeys.length; k++) {
    if (k > 0 && astralKeys[k]! <= astralKeys[k - 1]!) return "the astral alphabet's keys are not in ascending order";
    if (bad(astralVals[k]!)) return `an astral code point folds to symbol ${astralVals[k]}, outside the alphabet`;
  }
  for (let s = 0; s < size; s++) if (leet[s]! >= size) return `symbol ${s} reads as leet symbol ${leet[s]}, outside the alphabet`;
  // `@` and `$` inside a word read as the symbols of `a` and `s`.
  if (bmp[0x61]! >= size || bmp[0x73]! >= size) return "the letters a and s are not symbols of the alphabet";
  // Explain spells the normalized text back from each symbol's code point.
  for (let s = 0; s < size; s++) if (chars[s]! > 0x10ffff) return `symbol ${s} stands for ${chars[s]}, which is not a code point`;
  return null;
}

function automatonError(lex: Lexicon): string | null {
  const { da, fail, outState, outPat, patNext, patLen } = lex.automaton;
  const slots = fail.length;
  const size = lex.alphabet.flags.length;
  const patterns = patLen.length;
  if (da[0] !== -1 || da[1]! >> BASE_SHIFT !== 0 || (da[1]! & (OUT | DICT)) !== 0 || fail[0] !== 0) return "the root state is malformed";
  if (slots < size) return "the double array is shorter than the alphabet";
  const used = (t: number) => t === 0 || da[2 * t] !== -1;

  // Depth of every state along its parent chain; -2 marks a chain being walked (a cycle if met again).
  const depth = new Int32Array(slots).fill(-1);
  depth[0] = 0;
  const path: number[] = [];
  for (let t = 1; t < slots; t++) {
    if (!used(t) || depth[t]! >= 0) continue;
    let u = t;
    while (depth[u]! < 0) {
      if (depth[u] === -2) return `slot ${u}'s parent chain is a cycle`;
      const p = da[2 * u]!;
      if (p < 0 || p >= slots || !used(p)) return `slot ${u} has a parent that is not a state`;
      const c = u - (da[2 * p + 1]! >> BASE_SHIFT);
      if (c < 1 || c >= size) return `slot ${u} is not a child of its parent on any symbol`;
      depth[u] = -2;
      path.push(u);
      u = p;
    }
    for (let d = depth[u]!; path.length > 0; ) depth[path.pop()!] = ++d;
  }

  for (let t = 0; t < slots; t++) {
    if (!used(t)) continue;
    const w = da[2 * t + 1]!;
    const base = w >> BASE_SHIFT;
    if (base < 0 || base + size > slots) return `slot ${t}'s children would lie outside the double array`;
    if (t === 0) continue;
    const f = fail[t]!;
    if (f < 0 || f >= slots || !used(f) || depth[f]! >= depth[t]!) return `slot ${t}'s failure link does not go to a shallower state`;
    const dict = (w & OUT) !== 0 || (da[2 * f + 1]! & DICT) !== 0;
    if (dict !== ((w & DICT) !== 0)) return `slot ${t}'s output bit disagrees with its failure chain`;
  }

  if (outPat.length !== outState.length) return "the output tables differ in length";
  if (patNext.length !== patterns || lex.patEntry.length !== patterns || lex.patFlags.length !== patterns) return "the per-pattern tables disagree on the number of patterns";
  const seen = new Uint8Array(patterns);
  let outs = 0;
  for (let t = 0; t < slots; t++) if (used(t) && da[2 * t + 1]! & OUT) outs++;
  if (outs !== outState.length) return "the states marked with an output are not the output table's states";
  for (let k = 0; k < outState.length; k++) {
    const t = outState[k]!;
    if (t < 0 || t >= slots || (k > 0 && t <= outState[k - 1]!) || !used(t) || !(da[2 * t + 1]! & OUT)) return "the output table's states are not ascending states marked with an output";
    for (let p = outPat[k]!; p !== -1; p = patNext[p]!) {
      if (p < 0 || p >= patterns || seen[p]) return `pattern ${p} is out of range or in two output chains`;
      seen[p] = 1;
      if (patLen[p] !== depth[t]) return `pattern ${p}'s length is not the depth of the state where it ends`;
      const next = patNext[p]!;
      if (next !== -1 && next <= p) return `pattern ${p}'s output chain goes backwards`;
    }
  }
  for (let p = 0; p < patterns; p++) if (!seen[p]) return `pattern ${p} ends at no state`;
  return null;
}

function entryError(lex: Lexicon): string | null {
  const entries = lex.entRole.length;
  const { categories, languages } = lex.meta;
  if (lex.entAction.length !== entries || lex.entCategory.length !== entries || lex.entLang.length !== entries || lex.entFlags.length !== entries) return "the per-entry tables disagree on the number of entries";
  for (let p = 0; p < lex.patEntry.length; p++) {
    const e = lex.patEntry[p]!;
    if (e < 0 || e >= entries) return `pattern ${p} names entry ${e}, which does not exist`;
  }
  for (let e = 0; e < entries; e++) {
    if (lex.entRole[e]! >= ROLES.length || lex.entAction[e]! >= ACTIONS.length) return `entry ${e} has an unknown role or action`;
    // Only terms have a category (the others store 255).
    const cat = lex.entCategory[e]!;
    if ((lex.entRole[e] === ROLE.term ? cat >= categories.length : cat !== 255 && cat >= categories.length) || lex.entLang[e]! >= languages.length) return `entry ${e} names a category or language the metadata does not list`;
  }
  // Each entry's id and term: offsets ascending inside the strings, none empty.
  const off = lex.entStrings;
  if (off.length !== 2 * entries + 1 || off[0] !== 0 || off[2 * entries]! > lex.strings.length) return "the string offsets do not cover the entries' ids and terms";
  for (let k = 0; k < 2 * entries; k++) if (off[k + 1]! <= off[k]!) return `entry ${k >> 1} has an empty ${k & 1 ? "term" : "id"}`;
  return messagesError(lex);
}

/** Warnings are built from these on the request path, so a missing field would fail a request. */
function messagesError(lex: Lexicon): string | null {
  let all: Record<string, unknown>;
  try {
    all = lex.messages();
  } catch {
    return "the warning messages are not valid JSON";
  }
  if (!all || typeof all !== "object" || !all.en) return "the warning messages have no English (en) set to fall back on";
  const str = (v: unknown) => typeof v === "string";
  for (const [locale, m] of Object.entries(all) as [string, Record<string, any>][]) {
    const ok =
      m && str(m.locale) && (m.dir === "ltr" || m.dir === "rtl") && str(m.reportUrl) && str(m.blockedNotice) &&
      m.ui && ["learnMore", "report", "continue", "goBack", "close"].every((k) => str(m.ui[k])) &&
      m.default && str(m.default.title) && str(m.default.body) && str(m.default.learnMoreUrl) &&
      m.categories && typeof m.categories === "object" &&
      Object.values(m.categories as Record<string, any>).every((c) => c && str(c.title) && str(c.body) && (c.learnMoreUrl === undefined || str(c.learnMoreUrl)));
    if (!ok) return `the warning messages for "${locale}" lack a field a warning needs`;
  }
  return null;
}
