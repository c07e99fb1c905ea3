/**
 * The alphabet: how every code point folds to a symbol of the automaton.
 *
 * Most normalization is a map from one code point to one symbol (case, width, accents,
 * Traditional→Simplified, look-alike letters). The compiler computes that map once from data
 * packages and stores it in the binary (`bmp` for the Basic Multilingual Plane, a sorted list for
 * the rest), so at query time folding costs one array read per code point and no string copies.
 *
 * Table values at or above `SPECIAL_BASE` are classes, not symbols.
 */

/** Dropped entirely: zero-width and bidi controls, variation selectors, combining accents. */
export const SKIP = 0xffff;
/** White space and characters that only separate (unknown emoji, controls). */
export const SPACE = 0xfffe;
/** Punctuation: a word separator, or nothing when it splits a word into letters (`i.v.o.r.y`, `象*牙`). */
export const PUNCT = 0xfffd;
/** A letter of a space-delimited script that no term uses. */
export const OTHER_LETTER = 0xfffc;
/** A character of a script without spaces (Han, kana, Hangul, Thai…) that no term uses. */
export const OTHER_NOSPACE = 0xfffb;
export const SPECIAL_BASE = 0xfff0;

/** Symbols 1..3 are fixed; the lexicon's own characters start at FIRST_SYMBOL. */
export const SYM_SPACE = 1;
export const SYM_OTHER_LETTER = 2;
export const SYM_OTHER_NOSPACE = 3;
export const FIRST_SYMBOL = 4;

/** Per-symbol flags. */
export const F_LETTER = 1; // a letter of a space-delimited script: needs word boundaries
export const F_NOSPACE = 2; // Han, kana, Hangul, Thai, emoji…: no word boundaries
export const F_DIGIT = 4;
export const F_COLLAPSE = 8; // a run of it folds to one (`ivoooory`); Latin, Greek, Cyrillic only
export const F_KANA = 16; // katakana: a katakana term must not start or end inside a katakana word (ペット in カーペット)

export interface Alphabet {
  /** Table value per BMP code point: a symbol (< SPECIAL_BASE) or a class. */
  bmp: Uint16Array;
  /** Sorted astral code points with a value other than OTHER_NOSPACE, and their values. */
  astralKeys: Uint32Array;
  astralVals: Uint16Array;
  /** Flags per symbol. */
  flags: Uint8Array;
  /** For digit symbols read as letters inside a word (`1v0ry`): the letter's symbol, else 0. */
  leet: Uint16Array;
  /** The canonical code point of each symbol (for `explain` and tests). */
  chars: Uint32Array;
  /** Symbols of `a` and `s`, what `@` and `$` read as inside a word. */
  leetAt: number;
  leetDollar: number;
}

export function lookup(a: Alphabet, cp: number): number {
  if (cp < 0x10000) return a.bmp[cp]!;
  const keys = a.astralKeys;
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid]!;
    if (k === cp) return a.astralVals[mid]!;
    if (k < cp) lo = mid + 1;
    else hi = mid - 1;
  }
  return OTHER_NOSPACE;
}
