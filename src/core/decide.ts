/**
 * From raw automaton hits to a decision.
 *
 * 1. Word boundaries: a pattern that starts (ends) with a letter of a space-delimited script needs a
 *    non-letter before (after) it, so `horn` never fires inside `shoehorn`. Inside a hashtag, words are
 *    run together, so a side also counts as a boundary where a word visibly starts (camelCase, a
 *    letter/digit change) or where another lexicon hit ends or starts (`#rhinohornforsale`); a short
 *    pattern (under 5 symbols) needs both sides, a longer one one side. Letters run together from
 *    spaced-out ones (`i v o r y f o r s a l e`) are segmented by the hits too, both sides needed.
 * 2. Leftmost-longest: among the valid hits of every role, the leftmost wins, then the longest, so an
 *    exception (`ivory coast`) beats the term inside it (`ivory`). The losers are reported in `explain`.
 * 3. A trade word marked same-language counts only beside a term of its language (vi `bán` folds to `ban`).
 * 4. A `context` term (code word with an everyday meaning) counts only with trade intent or another term.
 * 5. No term → allow. A block term, or a term with trade intent → block; otherwise warn. A news, law or
 *    conservation word caps the decision at warn.
 */
import * as A from "./alphabet";
import { search } from "./automaton";
import { ACTION, ACTIONS, E_SAME_LANGUAGE, type Lexicon, languageGroup, P_WORD, ROLE, ROLES } from "./lexicon";
import { O_HASHTAG, O_JOINED, O_WORDSTART, scan } from "./normalize";
import { mayMatch } from "./prefilter";
import { hasPrice } from "./price";
import type { CheckOptions, CheckResult, Decision, Explain, Kind, Match, RawHit, Warning } from "./types";

// Local copies: see normalize.ts on why hot code does not read imported constants.
const F_LETTER = A.F_LETTER;
const F_KANA = A.F_KANA;
const SYM_OTHER_LETTER = A.SYM_OTHER_LETTER;
const SYM_OTHER_NOSPACE = A.SYM_OTHER_NOSPACE;
const SYM_SPACE = A.SYM_SPACE;

/** Patterns at least this long need a boundary on one side only inside a hashtag. */
const HASHTAG_LONG = 5;

export function inferKind(q: string): Kind {
  let i = 0;
  while (i < q.length && (q.charCodeAt(i) <= 0x20 || q.charCodeAt(i) === 0x3000)) i++;
  const c = q.charCodeAt(i);
  return c === 0x23 || c === 0xff03 ? "hashtag" : "query";
}

let marks = new Uint8Array(256);
const MARK_START = 1;
const MARK_END = 2;

interface Cand {
  pat: number;
  entry: number;
  role: number;
  /**
   * Who wins an overlap, lowest first: 0 terms and exceptions, 1 context terms (they only fill the
   * gaps the others leave), 2 trade words in a hashtag (a hashtag's words may be read two ways,
   * `#jualanakmonyet` as jual|anak monyet or jualan|…, and the reading that keeps the term is meant).
   */
  tier: number;
  first: number;
  last: number;
  valid: boolean;
  /** Why it does not count (null: it counts); `by` names the entry responsible, decoded only for explain. */
  why: "word_boundary" | "exception" | "overlapped" | "homograph" | "other_language" | "needs_context" | null;
  by: number;
}

export function check(lex: Lexicon, q: string, opts: CheckOptions = {}): CheckResult {
  const kind = opts.kind ?? inferKind(q);
  const locale = opts.locale ?? "en";
  const a = lex.alphabet;
  if (!opts.explain && !mayMatch(a, lex.automaton, q)) return allowed(lex);
  const sc = scan(a, q, kind === "hashtag");
  const h = search(lex.automaton, sc.sym, sc.n, 10_000);
  if (h.n === 0 && !opts.explain) return allowed(lex);
  const { sym, flags: oflags, n } = sc;
  const symFlags = a.flags;
  const isLetter = (k: number) => {
    const s = sym[k]!;
    return s === SYM_OTHER_LETTER || (symFlags[s]! & F_LETTER) !== 0;
  };

  // Boundary marks from every raw hit, for hashtag segmentation.
  if (marks.length < n + 1) marks = new Uint8Array(Math.max(n + 1, marks.length * 2));
  marks.fill(0, 0, n + 1);
  for (let i = 0; i < h.n; i++) {
    marks[h.first[i]!]! |= MARK_START;
    marks[h.last[i]!]! |= MARK_END;
  }

  const cands: Cand[] = [];
  for (let i = 0; i < h.n; i++) {
    const p = h.pat[i]!;
    const first = h.first[i]!;
    const last = h.last[i]!;
    const entry = lex.patEntry[p]!;
    let valid = true;
    if (lex.patFlags[p]! & P_WORD) {
      let left = first === 0 || !isLetter(first - 1) || !isLetter(first);
      let right = last === n - 1 || !isLetter(last + 1) || !isLetter(last);
      // Katakana has no spaces, but a katakana word ends where the katakana run ends (ペット ≠ カーペット).
      // A separator that vanished between two katakana still marks a word edge.
      if (left && first > 0 && symFlags[sym[first]!]! & F_KANA && symFlags[sym[first - 1]!]! & F_KANA && !(oflags[first]! & O_JOINED)) left = false;
      if (right && last + 1 < n && symFlags[sym[last]!]! & F_KANA && symFlags[sym[last + 1]!]! & F_KANA && !(oflags[last + 1]! & O_JOINED)) right = false;
      const tag = (oflags[first]! & O_HASHTAG) !== 0;
      if (!(left && right) && (tag || touchesJoin(oflags, first, last, n))) {
        left ||= (oflags[first]! & O_WORDSTART) !== 0 || (marks[first - 1]! & MARK_END) !== 0;
        right ||= last + 1 < n && ((oflags[last + 1]! & O_WORDSTART) !== 0 || (marks[last + 1]! & MARK_START) !== 0);
        // An exception must be a whole segment, or `caracal f…` would allow `#caracalforsale`. Out
        // of a hashtag, letters run together need both sides (`rhino h.o.r.n.b.e.a.m` is a tree).
        const long = tag && first + HASHTAG_LONG <= last + 1 && lex.entRole[entry] !== ROLE.exception;
        valid = long ? left || right : left && right;
      } else valid = left && right;
    }
    const role = lex.entRole[entry]!;
    const tier = role === ROLE.term && lex.entAction[entry] === ACTION.context ? 1 : role === ROLE.trade && kind === "hashtag" ? 2 : 0;
    cands.push({ pat: p, entry, role, tier, first, last, valid, why: valid ? null : "word_boundary", by: -1 });
  }

  // Leftmost-longest among valid hits; an exception wins a tie. Context terms (species names, code
  // words with an everyday meaning) only fill the gaps the others leave, so `moon bear` cannot hide
  // `bear bile`.
  const order = cands.filter((c) => c.valid);
  if (order.length > 1) order.sort(byStrengthThenPosition);
  let chosen: Cand[] = [];
  for (const c of order) {
    const over = chosen.find((x) => x.first <= c.last && c.first <= x.last);
    // Homographs of other languages (`ban` en / `bán` vi) share a span: keep both for now.
    if (!over || (over.first === c.first && over.last === c.last && over.role !== ROLE.term && c.role !== ROLE.term)) chosen.push(c);
  }
  if (chosen.length > 1) chosen.sort((x, y) => x.first - y.first || y.last - x.last);
  if (chosen.length < order.length) for (const c of order) {
    if (chosen.includes(c) || c.why) continue;
    const over = chosen.find((x) => x.first <= c.last && c.first <= x.last)!;
    c.why = over.role === ROLE.exception ? "exception" : "overlapped";
    c.by = over.entry;
  }

  const terms = chosen.filter((c) => c.role === ROLE.term);
  const groups = groupsOf(lex);
  const langGroup = (e: number) => groups[lex.entLang[e]!]!;
  const termGroups: number[] = [];
  for (const t of terms) if (!termGroups.includes(langGroup(t.entry))) termGroups.push(langGroup(t.entry));
  // Of homographs, keep the readings in the language of the query's terms, when one is.
  if (hasSharedSpan(chosen)) chosen = chosen.filter((c, i) => {
    const same = chosen.filter((o, j) => j !== i && o.first === c.first && o.last === c.last);
    if (!same.length || termGroups.includes(langGroup(c.entry)) || !same.some((o) => termGroups.includes(langGroup(o.entry)))) return true;
    c.why = "homograph";
    c.by = same.find((o) => termGroups.includes(langGroup(o.entry)))!.entry;
    return false;
  });
  const trades = chosen.filter((c) => c.role === ROLE.trade);
  for (const t of trades) {
    if (lex.entFlags[t.entry]! & E_SAME_LANGUAGE && !termGroups.includes(langGroup(t.entry))) t.why = "other_language";
  }
  const trade = trades.filter((t) => t.why === null);
  const news = chosen.filter((c) => c.role === ROLE.context);
  // A context term counts with trade intent or another term; one of a generic category (`pet`, 宠物)
  // counts only beside a term of a specific category: "pet for sale" is a pet shop, "pet otter" is not.
  const generic = (c: Cand) => lex.meta.categories[lex.entCategory[c.entry]!]!.generic === true;
  for (const t of terms) {
    if (lex.entAction[t.entry] !== ACTION.context) continue;
    const ok = generic(t) ? terms.some((o) => o.entry !== t.entry && !generic(o)) : trade.length > 0 || terms.some((o) => o.entry !== t.entry);
    if (!ok) t.why = "needs_context";
  }
  const counted = terms.filter((t) => t.why === null);
  const suppressedByException = cands.some((c) => c.role === ROLE.term && c.why === "exception");

  let decision: Decision = "allow";
  const reasons: string[] = [];
  const rules: string[] = [];
  if (counted.length === 0) {
    if (suppressedByException) reasons.push("allowlisted");
    rules.push(suppressedByException ? "Every term is inside an exception: allow." : "No term counts: allow.");
  } else {
    const blockTerm = counted.some((t) => lex.entAction[t.entry] === ACTION.block);
    // A price is trade intent beside a product term; not beside species names alone, whose
    // priced neighbours are as often cages, food and toys.
    const priced = !trade.length && counted.some((t) => lex.entAction[t.entry] === ACTION.warn) && hasPrice(q);
    if (counted.some((t) => lex.entAction[t.entry] !== ACTION.block)) reasons.push("term");
    if (blockTerm) reasons.push("code_word");
    if (trade.length) reasons.push("trade_intent");
    if (priced) reasons.push("price");
    if (blockTerm || trade.length || priced) {
      decision = "block";
      rules.push(blockTerm ? "A trade code word blocks on its own." : priced ? "A term with a price blocks: a price is trade intent." : "A term with trade intent blocks.");
    } else {
      decision = "warn";
      rules.push("A term without trade intent warns.");
    }
    if (news.length) {
      reasons.push("conservation_context");
      if (decision === "block") {
        decision = "warn";
        rules.push("A news, law or conservation word caps the decision at warn.");
      }
    }
  }

  const matches: Match[] = counted.map((t) => {
    const e = t.entry;
    const start = sc.start[t.first]!;
    const end = sc.end[t.last]!;
    return {
      entry: lex.entryId(e),
      category: lex.meta.categories[lex.entCategory[e]!]!.id,
      action: ACTIONS[lex.entAction[e]!]!,
      text: q.slice(start, end),
      start,
      end,
    };
  });
  const result: CheckResult = {
    decision,
    lexiconVersion: lex.info.version,
    reasons,
    matches,
    warning: decision === "allow" ? null : warningFor(lex, counted.map((t) => lex.entCategory[t.entry]!), decision, locale),
  };
  if (opts.explain) result.explain = explainOf(lex, q, kind, locale, cands, sc, rules);
  return result;
}

/**
 * Does a separator vanish inside the hit or at its edges? Then the hit lies in letters run
 * together from spaced-out ones (`i v o r y f o r s a l e`, `상 아 도 장 팝 니 다`), where the
 * words' own edges are gone, and it is segmented as a hashtag is.
 */
function touchesJoin(oflags: Uint8Array, first: number, last: number, n: number): boolean {
  for (let k = first; k <= last + 1 && k < n; k++) if (oflags[k]! & O_JOINED) return true;
  return false;
}

function allowed(lex: Lexicon): CheckResult {
  return { decision: "allow", lexiconVersion: lex.info.version, reasons: [], matches: [], warning: null };
}

/** Do two chosen hits share a span (homographs of different languages)? Rare: checked before filtering. */
function hasSharedSpan(chosen: Cand[]): boolean {
  for (let i = 1; i < chosen.length; i++) {
    for (let j = 0; j < i; j++) if (chosen[j]!.first === chosen[i]!.first && chosen[j]!.last === chosen[i]!.last) return true;
  }
  return false;
}

function byStrengthThenPosition(x: Cand, y: Cand): number {
  if (x.tier !== y.tier) return x.tier - y.tier;
  return x.first - y.first || y.last - x.last || (y.role === ROLE.exception ? 1 : 0) - (x.role === ROLE.exception ? 1 : 0);
}

/** Language-group number per language index, computed once per lexicon. */
const groupCache = new WeakMap<Lexicon, number[]>();
function groupsOf(lex: Lexicon): number[] {
  let g = groupCache.get(lex);
  if (!g) {
    const names: string[] = [];
    g = lex.meta.languages.map((l) => {
      const name = languageGroup(l);
      if (!names.includes(name)) names.push(name);
      return names.indexOf(name);
    });
    groupCache.set(lex, g);
  }
  return g;
}

/**
 * Warnings per lexicon, by category, decision and locale: the same few are built again and again,
 * so each is built once and shared, frozen (a caller cannot change another caller's warning).
 */
const warningCache = new WeakMap<Lexicon, Map<string, (Warning | undefined)[]>>();

function warningFor(lex: Lexicon, cats: number[], decision: Decision, locale: string): Warning {
  const metaCats = lex.meta.categories;
  const ci = cats.find((c) => !metaCats[c]!.generic) ?? cats[0]!;
  let byLocale = warningCache.get(lex);
  if (!byLocale) warningCache.set(lex, (byLocale = new Map()));
  let row = byLocale.get(locale);
  if (!row) {
    row = [];
    if (byLocale.size < 1000) byLocale.set(locale, row);
  }
  const k = 2 * ci + (decision === "block" ? 1 : 0);
  return (row[k] ??= deepFreeze(buildWarning(lex, metaCats[ci]!.id, decision, locale)));
}

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (v && typeof v === "object") deepFreeze(v as object);
  return Object.freeze(o);
}

function buildWarning(lex: Lexicon, cat: string, decision: Decision, locale: string): Warning {
  const all = lex.messages();
  const m = all[locale] ?? all.en!;
  const text = m.categories[cat] ?? m.default;
  return {
    locale: m.locale,
    category: cat,
    title: text.title,
    // Chinese and Japanese sentences follow one another without a space.
    body: decision === "block" ? `${text.body}${/[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]$/.test(text.body) ? "" : " "}${m.blockedNotice}` : text.body,
    learnMoreUrl: text.learnMoreUrl ?? m.default.learnMoreUrl,
    reportUrl: m.reportUrl,
    canProceed: decision === "warn",
    labels: { ...m.ui },
    dir: m.dir,
  };
}

function explainOf(lex: Lexicon, q: string, kind: Kind, locale: string, cands: Cand[], sc: ReturnType<typeof scan>, rules: string[]): Explain {
  let normalized = "";
  for (let k = 0; k < sc.n; k++) {
    const s = sc.sym[k]!;
    normalized += s === SYM_SPACE ? " " : s === SYM_OTHER_LETTER || s === SYM_OTHER_NOSPACE ? "·" : String.fromCodePoint(lex.alphabet.chars[s]!);
  }
  const hits: RawHit[] = cands.slice(0, 500).map((c) => {
    const start = sc.start[c.first]!;
    const end = sc.end[c.last]!;
    return {
      entry: lex.entryId(c.entry),
      role: ROLES[c.role]!,
      category: c.role === ROLE.term ? lex.meta.categories[lex.entCategory[c.entry]!]!.id : "",
      lang: lex.meta.languages[lex.entLang[c.entry]!]!,
      text: q.slice(start, end),
      start,
      end,
      suppressedBy: c.why && (c.by >= 0 ? `${c.why}:${lex.entryId(c.by)}` : c.why),
    };
  });
  return { normalized, kind, locale, hits, rules };
}

/** Every raw automaton hit, with no boundary or decision rule: what the engine matched. */
export function rawMatches(lex: Lexicon, text: string): { entry: number; start: number; end: number }[] {
  const sc = scan(lex.alphabet, text);
  const h = search(lex.automaton, sc.sym, sc.n);
  const res = [];
  for (let i = 0; i < h.n; i++) res.push({ entry: lex.patEntry[h.pat[i]!]!, start: sc.start[h.first[i]!]!, end: sc.end[h.last[i]!]! });
  return res;
}

/** Count raw hits without allocating (for benchmarks). */
export function countRawMatches(lex: Lexicon, text: string): number {
  const sc = scan(lex.alphabet, text);
  return search(lex.automaton, sc.sym, sc.n).n;
}
