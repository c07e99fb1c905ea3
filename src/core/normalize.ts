/**
 * Normalization: text → the symbol stream the automaton reads, with the original UTF-16 span of
 * every symbol. The compiler runs every term through this same function, so a term and a query
 * are folded identically.
 *
 * Pass 1 folds each code point through the alphabet (case, width, accents, Traditional→Simplified,
 * look-alikes) and drops the invisible ones (zero-width, joiners, variation selectors).
 * Pass 2 needs a little context, so it works on the folded run:
 *  - leetspeak: inside a word that has a letter, 0 1 3 4 5 7 @ $ read as o i e a s t a s (`1v0ry`);
 *  - separators inside a word vanish when they split it into single letters (`i.v.o.r.y`, `r-h-i-n-o`,
 *    `i v o r y`), and always between characters of scripts without spaces (`象 牙`, `象*牙`, `ง า`);
 *    any other run of separators becomes one space;
 *  - a letter repeated folds to one (`ivoooory`; Latin, Greek and Cyrillic only, so 猩猩 stays);
 *  - word starts in hashtags are marked (`#IvoryForSale`) for segmentation.
 *
 * The output lives in module-level buffers reused by the next call: consume it before calling again.
 */
import * as A from "./alphabet";
import type { Alphabet } from "./alphabet";

// Local copies of the alphabet's constants: a module namespace read per character costs a
// getter call when the code runs through a CommonJS transform (tsx, some test runners).
const SKIP = A.SKIP;
const SPACE = A.SPACE;
const PUNCT = A.PUNCT;
const OTHER_LETTER = A.OTHER_LETTER;
const OTHER_NOSPACE = A.OTHER_NOSPACE;
const SYM_SPACE = A.SYM_SPACE;
const SYM_OTHER_LETTER = A.SYM_OTHER_LETTER;
const SYM_OTHER_NOSPACE = A.SYM_OTHER_NOSPACE;
const F_LETTER = A.F_LETTER;
const F_DIGIT = A.F_DIGIT;
const F_COLLAPSE = A.F_COLLAPSE;
const F_NOSPACE = A.F_NOSPACE;
const lookupAstral = A.lookup;
const SPECIAL_BASE = A.SPECIAL_BASE;

/** Kinds of folded characters in pass 2. */
const K_LETTER = 1;
const K_NOSPACE = 2;
const K_DIGIT = 3;
const K_SPACE = 4;
const K_PUNCT = 5;
const K_HASH = 6;
const K_LEETP = 7; // `@` or `$`: a letter inside a word, else punctuation

/** Output flags per symbol. */
export const O_HASHTAG = 1; // inside a hashtag
export const O_WORDSTART = 2; // a word starts here inside a hashtag (camelCase or letter/digit change)
export const O_JOINED = 4; // a separator vanished just before this symbol (`象 牙`, `カワウソ ペット`)

export interface Scan {
  /** Number of symbols. */
  n: number;
  sym: Int32Array;
  /** UTF-16 span of each symbol in the original text. */
  start: Int32Array;
  end: Int32Array;
  flags: Uint8Array;
}

let cap = 0;
let rawSymBuf = new Int32Array(0);
let rawKindBuf = new Uint8Array(0);
let rawStartBuf = new Int32Array(0);
let rawEndBuf = new Int32Array(0);
let runBack = new Int32Array(0);
let runFwd = new Int32Array(0);
let rawCount = 0;
const out: Scan = { n: 0, sym: new Int32Array(0), start: new Int32Array(0), end: new Int32Array(0), flags: new Uint8Array(0) };

function grow(len: number): void {
  if (len <= cap) return;
  cap = Math.max(len, cap * 2, 256);
  rawSymBuf = new Int32Array(cap);
  rawKindBuf = new Uint8Array(cap);
  rawStartBuf = new Int32Array(cap);
  rawEndBuf = new Int32Array(cap);
  runBack = new Int32Array(cap);
  runFwd = new Int32Array(cap);
  out.sym = new Int32Array(cap);
  out.start = new Int32Array(cap);
  out.end = new Int32Array(cap);
  out.flags = new Uint8Array(cap);
}

function isUpper(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0x391 && c <= 0x3a9) || (c >= 0x410 && c <= 0x42f);
}

/**
 * Scan `text`. `hashtag` marks the whole text as one hashtag (kind=hashtag); otherwise only the
 * words that follow a `#` are hashtags.
 */
export function scan(a: Alphabet, text: string, hashtag = false): Scan {
  return scanPlain(a, text, hashtag) ?? scanGeneral(a, text, hashtag);
}

/**
 * The fast path: one pass for text made of words, spaces and a leading `#`, which is most queries.
 * Returns null at the first character that needs context (punctuation, a leet digit, a one-letter
 * word, a space between characters of scripts without spaces): `scanGeneral` then does it all.
 * Where it answers, it answers exactly as `scanGeneral` does (a property test holds them equal).
 */
function scanPlain(a: Alphabet, text: string, hashtag: boolean): Scan | null {
  const len = text.length;
  grow(len + 1);
  const flags = a.flags;
  const bmp = a.bmp;
  const leet = a.leet;
  const oSym = out.sym;
  const oStart = out.start;
  const oEnd = out.end;
  const oFlags = out.flags;
  let m = 0;
  let inTag = hashtag;
  let prevKind = 0; // kind of the previous kept character (0: none yet)
  let prevUpper = false;
  let run = 0; // letters and digits since the last separator
  let last = 0; // the last symbol emitted (0: none)
  let beforeSpace = 0; // the symbol before the last space emitted
  for (let i = 0; i < len; ) {
    const st = i;
    const cp = codePointAt(text, i, len);
    i += cp > 0xffff ? 2 : 1;
    const v = cp < 0x10000 ? bmp[cp]! : lookupAstral(a, cp);
    let kind: number;
    let sym = v;
    if (v < SPECIAL_BASE) {
      // A symbol of the lexicon's alphabet: the common case, first.
      const f = flags[v]!;
      if (f & F_LETTER) kind = K_LETTER;
      else if (f & F_DIGIT) {
        if (leet[v]) return null;
        kind = K_DIGIT;
      } else kind = K_NOSPACE;
    } else if (v === SPACE) {
      if (prevKind === K_LETTER && run === 1) return null; // `i v o r y` may follow
      if (m > 0) {
        if (last === SYM_SPACE) {
          if (prevKind === K_SPACE) oEnd[m - 1] = i;
        } else {
          oSym[m] = SYM_SPACE;
          oStart[m] = st;
          oEnd[m] = i;
          oFlags[m] = 0;
          m++;
          beforeSpace = last;
          last = SYM_SPACE;
        }
      }
      if (!hashtag) inTag = false;
      prevKind = K_SPACE;
      prevUpper = false;
      run = 0;
      continue;
    } else if (v === SKIP) {
      if (isVoicingMark(cp)) return null;
      continue;
    } else if (v === PUNCT) {
      if ((cp === 0x23 || cp === 0xff03) && prevKind === 0) {
        inTag = true;
        prevKind = K_HASH;
        continue;
      }
      return null;
    } else if (v === OTHER_LETTER) (kind = K_LETTER), (sym = SYM_OTHER_LETTER);
    else (kind = K_NOSPACE), (sym = SYM_OTHER_NOSPACE);
    // A space between two characters of scripts without spaces (`象 牙`) may vanish.
    if (prevKind === K_SPACE && kind === K_NOSPACE && last === SYM_SPACE && flags[beforeSpace]! & F_NOSPACE) return null;
    run++;
    // Case only matters inside a hashtag (camelCase word starts); once out of one, the fast path
    // never enters another.
    const upper = inTag && isUpper(cp);
    if (sym === last && flags[sym]! & F_COLLAPSE) {
      oEnd[m - 1] = i;
      prevKind = kind;
      prevUpper = upper;
      continue;
    }
    let f = inTag ? O_HASHTAG : 0;
    if (inTag && prevKind !== 0 && ((prevKind === K_LETTER && upper && !prevUpper) || (kind === K_LETTER && prevKind === K_DIGIT) || (kind === K_DIGIT && prevKind === K_LETTER))) {
      f |= O_WORDSTART;
    }
    oSym[m] = sym;
    oStart[m] = st;
    oEnd[m] = i;
    oFlags[m] = f;
    m++;
    last = sym;
    prevKind = kind;
    prevUpper = upper;
  }
  if (last === SYM_SPACE) m--;
  out.n = m;
  return out;
}

/** The general path: every rule, in passes. */
export function scanGeneral(a: Alphabet, text: string, hashtag = false): Scan {
  const len = text.length;
  grow(len + 1);
  const flags = a.flags;
  const bmp = a.bmp;
  // Locals, not the module's `let`s: V8 then keeps them in registers across the loops.
  const rawSym = rawSymBuf;
  const rawKind = rawKindBuf;
  const rawStart = rawStartBuf;
  const rawEnd = rawEndBuf;
  // Pass 1: fold code points. Most queries need none of the later fix-ups; note which they need.
  let n = 0;
  let maybeLeet = false;
  let maybeJoin = false;
  for (let i = 0; i < len; ) {
    const st = i;
    const cp = codePointAt(text, i, len);
    i += cp > 0xffff ? 2 : 1;
    const v = cp < 0x10000 ? bmp[cp]! : lookupAstral(a, cp);
    if (v === SKIP) {
      // A separate voicing mark after kana (`ﾍﾟ`, `か゛`) makes one voiced kana, as NFC would.
      if (isVoicingMark(cp) && n > 0 && rawKind[n - 1] === K_NOSPACE) {
        const voiced = composeVoiced(text.charCodeAt(rawStart[n - 1]!), cp);
        const vv = voiced < 0 ? SKIP : bmp[voiced]!;
        if (vv < A.SPECIAL_BASE) (rawSym[n - 1] = vv), (rawEnd[n - 1] = i);
      }
      continue;
    }
    let kind: number;
    let sym = v;
    if (v === SPACE) kind = K_SPACE;
    else if (v === PUNCT) {
      kind = cp === 0x23 || cp === 0xff03 ? K_HASH : cp === 0x40 || cp === 0x24 ? K_LEETP : cp === 0x21 && bangIsLetter(a, text, i, n > 0 ? rawKind[n - 1]! : K_SPACE) ? K_LEETP : K_PUNCT;
      maybeJoin = true;
      if (kind === K_LEETP) maybeLeet = true;
    }
    else if (v === OTHER_LETTER) (kind = K_LETTER), (sym = SYM_OTHER_LETTER);
    else if (v === OTHER_NOSPACE) (kind = K_NOSPACE), (sym = SYM_OTHER_NOSPACE);
    else {
      const f = flags[v]!;
      kind = f & F_LETTER ? K_LETTER : f & F_DIGIT ? K_DIGIT : K_NOSPACE;
      if (f & F_DIGIT && a.leet[v]) maybeLeet = true;
    }
    // A space after a one-letter word (`i v o r y`) or between characters of scripts without spaces.
    if (kind === K_SPACE && n > 0 && !maybeJoin) {
      const pk = rawKind[n - 1];
      if (pk === K_NOSPACE || (pk === K_LETTER && (n === 1 || rawKind[n - 2] !== K_LETTER))) maybeJoin = true;
    }
    // A space is an ordinary symbol too (terms have spaces), but pass 2 decides where it stays.
    rawSym[n] = sym;
    rawKind[n] = kind;
    rawStart[n] = st;
    rawEnd[n] = i;
    n++;
  }

  // Leetspeak: in a run of letters, digits and inner @ $ that has a letter, read the digits as letters.
  for (let i = 0; maybeLeet && i < n; ) {
    if (!isWordish(i, n)) {
      i++;
      continue;
    }
    let j = i;
    let hasLetter = false;
    while (j < n && isWordish(j, n)) {
      if (rawKind[j] === K_LETTER) hasLetter = true;
      j++;
    }
    if (hasLetter) {
      for (let k = i; k < j; k++) {
        if (rawKind[k] === K_DIGIT) {
          const l = a.leet[rawSym[k]!]!;
          if (l) (rawSym[k] = l), (rawKind[k] = K_LETTER);
        } else if (rawKind[k] === K_LEETP) {
          const c = text.charCodeAt(rawStart[k]!);
          rawSym[k] = c === 0x40 ? a.leetAt : c === 0x24 ? a.leetDollar : bmp[0x69]!; // `!` reads as i
          rawKind[k] = K_LETTER;
        }
      }
    }
    i = j;
  }

  // Lengths of letter/digit runs, backwards and forwards, for the separator rules.
  if (maybeJoin) {
    for (let i = 0; i < n; i++) {
      const k = rawKind[i];
      runBack[i] = k === K_LETTER || k === K_DIGIT ? (i > 0 ? runBack[i - 1]! : 0) + 1 : 0;
    }
    for (let i = n - 1; i >= 0; i--) {
      const k = rawKind[i];
      runFwd[i] = k === K_LETTER || k === K_DIGIT ? (i + 1 < n ? runFwd[i + 1]! : 0) + 1 : 0;
    }
  }

  // Pass 2: emit symbols.
  const oSym = out.sym;
  const oStart = out.start;
  const oEnd = out.end;
  const oFlags = out.flags;
  let m = 0;
  let inTag = hashtag;
  let joined = 0;
  rawCount = n;
  for (let i = 0; i < n; ) {
    const kind = rawKind[i]!;
    if (kind === K_LETTER || kind === K_NOSPACE || kind === K_DIGIT) {
      const s = rawSym[i]!;
      if (m > 0 && oSym[m - 1] === s && flags[s]! & F_COLLAPSE) {
        oEnd[m - 1] = rawEnd[i]!;
        i++;
        continue;
      }
      let f = (inTag ? O_HASHTAG : 0) | joined;
      joined = 0;
      if (inTag && i > 0) {
        const pk = rawKind[i - 1];
        if (
          (pk === K_LETTER && isUpper(text.charCodeAt(rawStart[i]!)) && !isUpper(text.charCodeAt(rawStart[i - 1]!))) ||
          (kind === K_LETTER && pk === K_DIGIT) ||
          (kind === K_DIGIT && pk === K_LETTER)
        ) {
          f |= O_WORDSTART;
        }
      }
      oSym[m] = s;
      oStart[m] = rawStart[i]!;
      oEnd[m] = rawEnd[i]!;
      oFlags[m] = f;
      m++;
      i++;
      continue;
    }
    // A run of separators i..j-1.
    let j = i;
    let spaces = 0;
    let hash = false;
    let tagOpens = false; // a `#` after the run's last space: the next word is a hashtag
    while (j < n) {
      const k = rawKind[j];
      if (k === K_SPACE) spaces++, (tagOpens = false);
      else if (k === K_HASH) (hash = true), (tagOpens = true);
      else if (k !== K_PUNCT && k !== K_LEETP) break;
      j++;
    }
    if (maybeJoin && !hash && i > 0 && j < n && joinable(i - 1, j, j - i, spaces)) {
      joined = O_JOINED;
      i = j;
      continue;
    }
    if (m > 0 && oSym[m - 1] !== SYM_SPACE) {
      oSym[m] = SYM_SPACE;
      oStart[m] = rawStart[i]!;
      oEnd[m] = rawEnd[j - 1]!;
      oFlags[m] = 0;
      m++;
    }
    if (tagOpens) inTag = true;
    else if (spaces > 0 && !hashtag) inTag = false;
    i = j;
  }
  // Trailing space carries no information.
  if (m > 0 && oSym[m - 1] === SYM_SPACE) m--;
  out.n = m;
  return out;
}

/**
 * The code point at UTF-16 index i (a lone surrogate stands for itself); the caller steps by 2 past
 * an astral one. Small enough that V8 inlines it: measured as fast as the lines written out.
 */
export function codePointAt(text: string, i: number, len: number): number {
  const cp = text.charCodeAt(i);
  if ((cp & 0xfc00) === 0xd800 && i + 1 < len) {
    const lo = text.charCodeAt(i + 1);
    if ((lo & 0xfc00) === 0xdc00) return 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
  }
  return cp;
}

/** A separate kana voicing mark (゙ ゚ ゛ ゜ ﾞ ﾟ): joins the kana before it, so it needs the general path. */
export function isVoicingMark(cp: number): boolean {
  return cp === 0x3099 || cp === 0x309a || cp === 0x309b || cp === 0x309c || cp === 0xff9e || cp === 0xff9f;
}

/** The voiced kana of `base` + a voicing mark, or -1. Rare, so done with NFC at the time. */
function composeVoiced(base: number, mark: number): number {
  const m = mark === 0x309a || mark === 0x309c || mark === 0xff9f ? "\u309a" : "\u3099";
  const s = (String.fromCharCode(base).normalize("NFKC") + m).normalize("NFC");
  return s.length === 1 ? s.charCodeAt(0) : -1;
}

/**
 * `!` is the letter i before a letter, inside a word or at its start (`t!ger`, `!vory`), and
 * punctuation everywhere else (`ivory!`, `wow!!`): unlike `@` and `$` it ends sentences.
 */
function bangIsLetter(a: Alphabet, text: string, next: number, prevKind: number): boolean {
  if (prevKind !== K_LETTER && prevKind !== K_SPACE) return false;
  const v = next < text.length ? a.bmp[text.charCodeAt(next)]! : SPACE;
  return v === OTHER_LETTER || (v < A.SPECIAL_BASE && (a.flags[v]! & F_LETTER) !== 0);
}

function isWordish(i: number, n: number): boolean {
  const rawKind = rawKindBuf;
  const k = rawKind[i];
  if (k === K_LETTER || k === K_DIGIT) return true;
  // `@` and `$` are letters beside a letter (`p@ngolin`, `$cales`, `vent@`), not beside numbers
  // only (`$100`, `100$`).
  if (k === K_LEETP) {
    const pk = i > 0 ? rawKind[i - 1] : K_SPACE;
    const nk = i + 1 < n ? rawKind[i + 1] : K_SPACE;
    return nk === K_LETTER || pk === K_LETTER || ((pk === K_DIGIT) && nk === K_DIGIT && i > 0 && i + 1 < n);
  }
  return false;
}

/**
 * Does the separator run between raw `p` and raw `q` vanish? Punctuation between two longer words
 * stays a word break: Portuguese and German write names with hyphens (`onça-pintada`,
 * `Nashorn-Horn`), which must match the same terms written with spaces. The cost: a word split by a
 * hyphen into longer parts (`Elfen-bein`) is not rejoined; the lexicon lists such splits as variants.
 */
function joinable(p: number, q: number, runLen: number, spaces: number): boolean {
  const rawKind = rawKindBuf;
  const pk = rawKind[p];
  const qk = rawKind[q];
  if (pk === K_NOSPACE && qk === K_NOSPACE) return runLen <= 3;
  if (pk !== K_LETTER || qk !== K_LETTER) return false;
  if (spaces === 0) return runLen <= 2 && (runBack[p] === 1 || runFwd[q] === 1);
  // `i v o r y`: one space between single letters, three or more of them in a row.
  if (runLen !== 1 || !single(p) || !single(q)) return false;
  return (p >= 2 && rawKind[p - 1] === K_SPACE && single(p - 2)) || (q + 2 < rawCount && rawKind[q + 1] === K_SPACE && single(q + 2));
}

function single(i: number): boolean {
  return rawKindBuf[i] === K_LETTER && runBack[i] === 1 && runFwd[i] === 1;
}
