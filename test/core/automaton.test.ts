/**
 * The double array on its own, against a naive matcher (every pattern tried at every position):
 * wide alphabets, shared prefixes, patterns inside patterns, duplicates, and the past-the-end
 * placement that bounds build time (forced with placeTries = 0).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildAutomaton, search, slotCount } from "../../src/core/automaton";

function naive(patterns: number[][], text: number[]): string[] {
  const out: string[] = [];
  patterns.forEach((p, pi) => {
    for (let i = 0; i + p.length <= text.length; i++) if (p.every((c, k) => text[i + k] === c)) out.push(`${pi}@${i}`);
  });
  return out.sort();
}

function ours(a: ReturnType<typeof buildAutomaton>, text: number[]): string[] {
  const h = search(a, Int32Array.from(text), text.length);
  const out: string[] = [];
  for (let i = 0; i < h.n; i++) {
    expect(h.last[i]! - h.first[i]! + 1).toBe(a.patLen[h.pat[i]!]);
    out.push(`${h.pat[i]}@${h.first[i]}`);
  }
  return out.sort();
}

describe("the double-array automaton", () => {
  // Few symbols near each other make deep shared prefixes; a few far apart (as Han characters
  // are) make children spread across the alphabet, which is what placement finds hard.
  const sym = fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3000 }));
  const pattern = fc.array(sym, { minLength: 1, maxLength: 6 });
  for (const tries of [4096, 0]) {
    it(`reports exactly the naive matches (placement tries: ${tries})`, () => {
      fc.assert(
        fc.property(fc.array(pattern, { minLength: 1, maxLength: 40 }), fc.array(fc.array(sym, { maxLength: 30 }), { maxLength: 6 }), (patterns, texts) => {
          const a = buildAutomaton(patterns, 3001, tries);
          // Texts made of the patterns themselves too, so hits are common.
          for (const text of [...texts, patterns.flat()]) expect(ours(a, text)).toEqual(naive(patterns, text));
        }),
        { numRuns: 300 },
      );
    });
  }
  it("reports every pattern of a duplicated sequence, in pattern order", () => {
    const a = buildAutomaton([[5, 6], [7], [5, 6]], 10);
    expect(ours(a, [5, 6, 7])).toEqual(["0@0", "1@2", "2@0"]);
  });
  it("packs the slots densely on a wide alphabet", () => {
    const patterns: number[][] = [];
    for (let i = 0; i < 3000; i++) patterns.push([1 + ((i * 7919) % 2999), 1 + ((i * 104729) % 2999), 1 + (i % 50)]);
    const a = buildAutomaton(patterns, 3000);
    let states = 0;
    for (let t = 0; t < slotCount(a); t++) if (a.da[2 * t] !== -1) states++;
    // Every used slot is a state; padding past the last base adds at most one alphabet's worth.
    expect(states / (slotCount(a) - 3000)).toBeGreaterThan(0.9);
  });
  it("refuses a symbol outside the alphabet", () => {
    expect(() => buildAutomaton([[1, 0]], 10)).toThrow(/outside the alphabet/);
    expect(() => buildAutomaton([[10]], 10)).toThrow(/outside the alphabet/);
  });
});
