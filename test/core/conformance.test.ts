import { describe, expect, it } from "vitest";
import { check, type Lexicon, loadLexicon } from "../../src/core";
import { fixture } from "../support/fixture";
import { CASES } from "./conformance";

/** Every form of the automaton the engine can run on. */
function forms(): [string, Lexicon][] {
  const c = fixture();
  // A copy at an odd offset: loading must cope with unaligned input.
  const odd = new Uint8Array(c.bin.length + 3);
  odd.set(c.bin, 3);
  return [
    ["freshly built", c.fresh],
    ["serialized then loaded", loadLexicon(c.bin.slice().buffer)],
    ["loaded from an unaligned copy", loadLexicon(odd.subarray(3))],
  ];
}

describe.each(forms())("conformance: %s", (_name, lex) => {
  it.each(CASES.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const r = check(lex, c.q, { kind: c.kind });
    expect(r.decision, JSON.stringify(r.reasons)).toBe(c.decision);
    if (c.matches) expect(r.matches.map((m) => [m.entry, m.text])).toEqual(c.matches);
    if (c.reasons) expect(r.reasons).toEqual(c.reasons);
    for (const m of r.matches) expect(c.q.slice(m.start, m.end)).toBe(m.text);
    expect(r.warning === null).toBe(r.decision === "allow");
    if (r.warning) expect(r.warning.canProceed).toBe(r.decision === "warn");
  });
});

describe("conformance table", () => {
  it("has unique ids", () => {
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
  });
});
