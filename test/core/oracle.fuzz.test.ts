/**
 * Property tests against independent oracles:
 *  - raw matching equals the npm `aho-corasick` package (an object trie, no shared code) on random
 *    lexicons and texts, compared on the folded text both see;
 *  - every reported match slices the original text, and no input throws.
 */
import AhoCorasick from "aho-corasick";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SYM_SPACE } from "../../src/core/alphabet";
import { search } from "../../src/core/automaton";
import { check, scan } from "../../src/core";
import { scanGeneral } from "../../src/core/normalize";
import { mayMatch } from "../../src/core/prefilter";
import { compileTerms } from "../../src/compiler";
import { fixture } from "../support/fixture";

// Small alphabets make overlaps, shared prefixes and failure chains common.
const LETTERS = ["a", "b", "c", "d", "象", "牙", "手", "镯"];
const word = fc.array(fc.constantFrom(...LETTERS), { minLength: 1, maxLength: 6 }).map((a) => a.join(""));

describe("raw matching equals the aho-corasick oracle", () => {
  it("on random lexicons and texts", () => {
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 25 }), fc.array(fc.array(fc.constantFrom(...LETTERS, " "), { maxLength: 40 }).map((a) => a.join("")), { minLength: 1, maxLength: 8 }), (terms, texts) => {
        const c = compileTerms(terms.map((term) => ({ term, lang: "en", match: "substring" as const })));
        const ac = new AhoCorasick();
        c.patternTexts.forEach((p, i) => ac.add(p, i));
        ac.build_fail();
        for (const text of texts) {
          const sc = scan(c.lex.alphabet, text);
          const folded = Array.from(sc.sym.subarray(0, sc.n), (s) => (s === SYM_SPACE ? " " : String.fromCodePoint(c.lex.alphabet.chars[s]!))).join("");
          const ours: string[] = [];
          const h = search(c.lex.automaton, sc.sym, sc.n);
          for (let i = 0; i < h.n; i++) ours.push(`${c.patternTexts[h.pat[i]!]}@${h.first[i]}`);
          const theirs: string[] = [];
          ac.search(folded, (found: string, _data: unknown, offset: number) => theirs.push(`${found}@${offset}`));
          expect(ours.sort()).toEqual(theirs.sort());
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("offsets and robustness", () => {
  const lex = fixture().lex;
  const anyText = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 80 }),
    fc.string({ unit: "binary", maxLength: 80 }),
    fc.array(fc.constantFrom("ivory", "象牙", "rhino", " horn", "#", "1v0ry", ".", "\u200b", "🦏", "\ud800", "for sale", "coast", "ｉ", "bán"), { maxLength: 12 }).map((a) => a.join("")),
  );
  it("every match slices the original text; nothing throws", () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom("query", "hashtag") as fc.Arbitrary<"query" | "hashtag">, (q, kind) => {
        const r = check(lex, q, { kind, explain: true });
        expect(["allow", "warn", "block"]).toContain(r.decision);
        for (const m of [...r.matches, ...r.explain!.hits]) {
          expect(m.start).toBeGreaterThanOrEqual(0);
          expect(m.end).toBeGreaterThan(m.start);
          expect(m.end).toBeLessThanOrEqual(q.length);
          expect(q.slice(m.start, m.end)).toBe(m.text);
        }
        expect(r.warning === null).toBe(r.decision === "allow");
      }),
      { numRuns: 2000 },
    );
  });
  it("text the lexicon does not know is allowed whatever surrounds it", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."xyzw qk.,-"), maxLength: 60 }), (q) => {
        expect(check(lex, q).decision).toBe("allow");
      }),
    );
  });
  it("a term keeps its decision inside neutral text", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."xyzw qk"), maxLength: 20 }), fc.string({ unit: fc.constantFrom(..."xyzw qk"), maxLength: 20 }), (pre, post) => {
        const q = `${pre} rhino horn ${post}`;
        expect(check(lex, q).decision).toBe("warn");
      }),
    );
  });
});

describe("the scanner's fast path", () => {
  const lex = fixture().lex;
  const snapshot = (sc: ReturnType<typeof scan>) => ({
    sym: Array.from(sc.sym.subarray(0, sc.n)),
    start: Array.from(sc.start.subarray(0, sc.n)),
    end: Array.from(sc.end.subarray(0, sc.n)),
    flags: Array.from(sc.flags.subarray(0, sc.n)),
  });
  const pieces = ["ivory", "Ivory", "IVORY", "象牙", "象", "牙", " ", "  ", "　", "#", "＃", "a", "b ", "x", "1", "7", "v0", ".", "-", "\u200b", "🦏", "🔥", "ooo", "For", "Sale", "sừng", "ng", "\ud800", "abcé", "2024"];
  it("answers exactly as the general path", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((a) => a.join("")), fc.boolean(), (text, hashtag) => {
        const fast = snapshot(scan(lex.alphabet, text, hashtag));
        const general = snapshot(scanGeneral(lex.alphabet, text, hashtag));
        expect(fast).toEqual(general);
      }),
      { numRuns: 5000 },
    );
  });
});

describe("the no-match prefilter", () => {
  const lex = fixture().lex;
  const rawHits = (l: typeof lex, text: string, hashtag: boolean) => {
    const sc = scan(l.alphabet, text, hashtag);
    return search(l.automaton, sc.sym, sc.n).n;
  };
  // Pieces of every kind the scanner treats apart, and pieces of the fixture's terms.
  const pieces = ["ivory", "Ivo", "ry", "rhino", " horn", "horn", "象牙", "象", "牙", "穿山甲", " ", "  ", "　", "#", "＃", "a", "b ", "x", "1", "0", "v0", ".", "-", "\u200b", "\u3099", "ﾍ", "🦏", "ooo", "for", " sale", "sừng", "tê", "ng", "\ud800", "é", "2024", "ペット", "カワウソ"];
  const text = fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((a) => a.join(""));
  it("never rules out text in which the automaton finds a hit", () => {
    fc.assert(
      fc.property(text, fc.boolean(), (q, hashtag) => {
        if (!mayMatch(lex.alphabet, lex.automaton, q)) expect(rawHits(lex, q, hashtag)).toBe(0);
      }),
      { numRuns: 5000 },
    );
  });
  it("never rules out a hit on random lexicons with shared prefixes and failure chains", () => {
    const spaced = fc.array(fc.constantFrom(...LETTERS, " "), { minLength: 1, maxLength: 6 }).map((a) => a.join("").trim()).filter((s) => s.length > 0);
    fc.assert(
      fc.property(fc.uniqueArray(spaced, { minLength: 1, maxLength: 25 }), fc.array(fc.array(fc.constantFrom(...LETTERS, " ", "  ", "aa"), { maxLength: 40 }).map((a) => a.join("")), { minLength: 1, maxLength: 8 }), (terms, texts) => {
        const c = compileTerms(terms.map((term) => ({ term, lang: "en", match: "substring" as const })));
        for (const q of texts) if (!mayMatch(c.lex.alphabet, c.lex.automaton, q)) expect(rawHits(c.lex, q, false)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
  it("rules out ordinary text, so the fast path is taken", () => {
    for (const q of ["cheap flights to paris", "#SunsetBeach", "東京ラーメン", "Weather  tomorrow ", "café crème"]) {
      expect(rawHits(lex, q, false)).toBe(0);
      expect(mayMatch(lex.alphabet, lex.automaton, q)).toBe(false);
    }
    for (const q of ["Ivory Coast", "象牙", "#rhinohorn"]) expect(mayMatch(lex.alphabet, lex.automaton, q)).toBe(true);
  });
  it("gives the decisions of the full path (explain skips it)", () => {
    fc.assert(
      fc.property(text, (q) => {
        const fast = check(lex, q);
        const full = check(lex, q, { explain: true });
        expect(fast.decision).toBe(full.decision);
        expect(fast.matches).toEqual(full.matches);
      }),
      { numRuns: 3000 },
    );
  });
});
