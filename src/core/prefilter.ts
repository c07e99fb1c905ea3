/**
 * The no-match fast path: can `text` contain any pattern at all?
 *
 * Nine queries in ten contain no term, and for them the answer is "allow" whatever the rules say.
 * This pass folds each code point and walks the automaton in the same loop, writing nothing: no
 * symbol buffers, no spans, no hits. It answers `false` only when it has read the whole text as
 * `scanPlain` would and no state on the way ends a pattern (the DICT bit), so `scan` + `search`
 * would find no hit either. At anything it does not fold exactly as `scan` does (punctuation, a leet
 * digit, a one-letter word before a space, a space between characters of scripts without spaces, a
 * voicing mark) it answers `true` and the full path decides. A property test holds `false` to mean
 * "no raw hit" on random and lexicon-made text.
 */
import * as A from "./alphabet";
import type { Alphabet } from "./alphabet";
import * as AU from "./automaton";
import type { Automaton } from "./automaton";
import * as N from "./normalize";

// Local copies: see normalize.ts on why hot code does not read imported constants.
const SKIP = A.SKIP;
const SPACE = A.SPACE;
const PUNCT = A.PUNCT;
const OTHER_LETTER = A.OTHER_LETTER;
const OTHER_NOSPACE = A.OTHER_NOSPACE;
const SPECIAL_BASE = A.SPECIAL_BASE;
const SYM_SPACE = A.SYM_SPACE;
const SYM_OTHER_LETTER = A.SYM_OTHER_LETTER;
const SYM_OTHER_NOSPACE = A.SYM_OTHER_NOSPACE;
const F_LETTER = A.F_LETTER;
const F_DIGIT = A.F_DIGIT;
const F_COLLAPSE = A.F_COLLAPSE;
const F_NOSPACE = A.F_NOSPACE;
const lookupAstral = A.lookup;
const advance = AU.advance;
const DICT = AU.DICT;
const codePointAt = N.codePointAt;
const isVoicingMark = N.isVoicingMark;

/** False when `text` certainly contains no pattern; true when it may (or needs the full scan to tell). */
export function mayMatch(a: Alphabet, au: Automaton, text: string): boolean {
  const bmp = a.bmp;
  const flags = a.flags;
  const leet = a.leet;
  const da = au.da;
  const fail = au.fail;
  const len = text.length;
  let s = 0; // automaton state
  let last = 0; // the last symbol fed (0: none yet)
  let beforeSpace = 0; // the symbol before the last space fed
  let hashOk = true; // a leading `#` opens a hashtag; any other punctuation needs the full scan
  let run = 0; // symbols fed since the last space (a doubled letter counts once)
  // The branches are ordered by frequency, the letter first with the fewest tests: with the walk,
  // this loop is the whole cost of nine queries in ten, and every test on the letter path showed.
  for (let i = 0; i < len; i++) {
    const cp = text.charCodeAt(i);
    let c: number;
    if ((cp & 0xf800) !== 0xd800) c = bmp[cp]!;
    else {
      // A surrogate: a pair reads as one astral code point, a lone one as itself.
      const full = codePointAt(text, i, len);
      if (full > 0xffff) i++;
      c = full < 0x10000 ? bmp[full]! : lookupAstral(a, full);
    }
    if (c < SPECIAL_BASE) {
      const f = flags[c]!;
      if (f & F_LETTER) {
        if (c === last && f & F_COLLAPSE) continue;
      } else {
        if (f & F_DIGIT && leet[c]) return true;
        // A space between two characters of scripts without spaces may vanish (`象 牙`).
        if (last === SYM_SPACE && !(f & F_DIGIT) && flags[beforeSpace]! & F_NOSPACE) return true;
        if (c === last && f & F_COLLAPSE) continue;
      }
      run++;
      hashOk = false;
    } else if (c === SPACE) {
      // `i v o r y` may follow a one-letter word.
      if (run === 1 && flags[last]! & F_LETTER) return true;
      run = 0;
      hashOk = false;
      if (last === 0 || last === SYM_SPACE) continue;
      // Fed now, though `scan` drops a trailing space: no pattern ends with one, so it adds no hit.
      beforeSpace = last;
      c = SYM_SPACE;
    } else if (c === OTHER_LETTER) {
      c = SYM_OTHER_LETTER;
      run++;
      hashOk = false;
    } else if (c === OTHER_NOSPACE) {
      c = SYM_OTHER_NOSPACE;
      run++;
      hashOk = false;
      if (last === SYM_SPACE && flags[beforeSpace]! & F_NOSPACE) return true;
    } else if (c === SKIP) {
      if (isVoicingMark(cp)) return true;
      continue;
    } else if (c === PUNCT && (cp === 0x23 || cp === 0xff03) && hashOk) {
      hashOk = false;
      continue;
    } else return true;
    last = c;
    s = advance(da, fail, s, c);
    if (da[2 * s + 1]! & DICT) return true;
  }
  return false;
}
