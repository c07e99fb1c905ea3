/**
 * A signed binary is not trusted until its structure is sound: every way a builder could send the
 * matcher into a loop, past an array or before the text is refused with `bad_structure`, and every
 * binary our compiler builds passes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadLexicon, verifyLexicon } from "../../src/core";
import { DICT, OUT } from "../../src/core/automaton";
import { structuralError } from "../../src/core/integrity";
import type { Lexicon } from "../../src/core/lexicon";
import { compileTerms } from "../../src/compiler";
import { fixture } from "../support/fixture";
import { resign } from "../support/resign";

/** A copy of the fixture binary, changed through its own views, then signed again. */
async function tampered(change: (lex: Lexicon) => void): Promise<Uint8Array> {
  const b = fixture().bin.slice();
  change(loadLexicon(b));
  return resign(b);
}

/** A state at depth 2 or more (its failure link is not the root, or could point deeper). */
function deepState(lex: Lexicon): { t: number; parent: number } {
  const { da } = lex.automaton;
  for (let t = 1; t < lex.automaton.fail.length; t++) {
    const p = da[2 * t]!;
    if (p > 0 && da[2 * p]! >= 0) return { t, parent: p };
  }
  throw new Error("fixture has no deep state");
}

describe("a signed but unsound binary is refused", () => {
  const cases: [string, (lex: Lexicon) => void, RegExp][] = [
    ["a failure link to itself (the matcher would spin)", (lex) => {
      const { t } = deepState(lex);
      lex.automaton.fail[t] = t;
    }, /failure link/],
    ["a failure link to a deeper state", (lex) => {
      const { t, parent } = deepState(lex);
      lex.automaton.fail[parent] = t;
    }, /failure link/],
    ["output bits on the root (the output walk would never end)", (lex) => {
      lex.automaton.da[1]! |= DICT | OUT;
    }, /root/],
    ["a parent chain that loops", (lex) => {
      const { t } = deepState(lex);
      lex.automaton.da[2 * t] = t;
    }, /parent|child/],
    ["a child placed past the end of the double array", (lex) => {
      const { t } = deepState(lex);
      lex.automaton.da[2 * t + 1] = (lex.automaton.fail.length << 2) | (lex.automaton.da[2 * t + 1]! & 3);
    }, /outside the double array|not a child/],
    ["an output chain that goes backwards (a cycle)", (lex) => {
      const { patNext, outPat } = lex.automaton;
      const p = outPat[outPat.length - 1]!;
      let last = p;
      while (patNext[last]! !== -1) last = patNext[last]!;
      patNext[last] = outPat[0]!;
    }, /backwards|two output chains/],
    ["a pattern longer than the path to its state (a span before the text)", (lex) => {
      lex.automaton.patLen[0]! += 3;
    }, /length/],
    ["a pattern naming a missing entry", (lex) => {
      lex.patEntry[0] = lex.entRole.length + 7;
    }, /names entry/],
    ["an entry in a category the metadata does not list", (lex) => {
      const e = lex.entRole.findIndex((r) => r === 0);
      lex.entCategory[e] = lex.meta.categories.length + 1;
    }, /category/],
    ["a code point folding to a symbol outside the alphabet", (lex) => {
      lex.alphabet.bmp[0x61] = lex.alphabet.flags.length + 3;
    }, /U\+0061/],
    ["a code point folding to a class value that is no class (it would reach the automaton as a symbol)", (lex) => {
      lex.alphabet.bmp[0x2603] = 0xfff3;
    }, /U\+2603/],
    ["`a` not a symbol (`@` inside a word reads as it)", (lex) => {
      lex.alphabet.bmp[0x61] = 0xfffe;
    }, /letters a and s/],
    ["a symbol standing for no code point (explain spells it back)", (lex) => {
      lex.alphabet.chars[lex.alphabet.bmp[0x69]!] = 0x110000;
    }, /not a code point/],
    ["an entry with an empty id (offsets out of order)", (lex) => {
      lex.entStrings[1] = lex.entStrings[0]!;
    }, /empty id/],
  ];
  for (const [name, change, message] of cases) {
    it(name, async () => {
      const r = await verifyLexicon(await tampered(change));
      expect(r).toMatchObject({ ok: false, code: "bad_structure" });
      expect(r.ok ? "" : r.message).toMatch(message);
    });
  }
  it("warning messages that would fail a request", async () => {
    // The messages section is JSON text: break one field a warning needs, keeping the byte length.
    const b = fixture().bin.slice();
    const text = new TextDecoder().decode(b);
    const at = text.indexOf('"blockedNotice"');
    expect(at).toBeGreaterThan(0);
    b.set(new TextEncoder().encode('"blockedNoticX"'), at);
    const r = await verifyLexicon(await resign(b));
    expect(r).toMatchObject({ ok: false, code: "bad_structure" });
    expect(r.ok ? "" : r.message).toMatch(/warning messages/);
  });
});

describe("every binary the compiler builds is sound", () => {
  it("the fixture (the compiler also checks every binary it builds, the default lexicon included)", async () => {
    expect(structuralError(fixture().lex)).toBeNull();
    expect(await verifyLexicon(fixture().bin)).toMatchObject({ ok: true });
  });
  it("random lexicons with shared prefixes, spaces and repeated symbols", () => {
    const sym = fc.constantFrom("a", "b", "c", "ab", "象", "牙", " ");
    fc.assert(
      fc.property(fc.uniqueArray(fc.array(sym, { minLength: 1, maxLength: 8 }).map((a) => a.join("").trim()).filter((s) => s.length > 0), { minLength: 1, maxLength: 40 }), (terms) => {
        const c = compileTerms(terms.map((term) => ({ term, lang: "en", match: "substring" as const })));
        expect(structuralError(c.lex)).toBeNull();
        expect(structuralError(loadLexicon(c.bin))).toBeNull();
      }),
      { numRuns: 200 },
    );
  });
});
