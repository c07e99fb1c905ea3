// The default lexicon against independent labelled query sets (test/lexicon/queries.jsonl, blind*.jsonl).
// The set is written by hand the way users type (14+ languages: benign traps, product and live-animal
// searches, evasions) and labelled by what the product SHOULD answer, not by what the engine answers today.
// None of its queries is a lexicon example or a dev-set (shared/eval/dev.jsonl) query: a miss is fixed
// by adding the vocabulary behind it, never by copying the query into the lexicon.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { buildLexicon } from "../../src/compiler";
import { check, type Lexicon } from "../../src/core";

interface Case {
  id: string;
  q: string;
  kind: "query" | "hashtag";
  lang: string;
  accept: ("allow" | "warn" | "block")[];
  tag: string;
}

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
// queries.jsonl was written by the lexicon's QA with the lexicon at hand; blind.jsonl to blind-16.jsonl
// by writers who never saw the lexicon nor the other sets (first scored 92.5%, 94.9%, 93.2%, 92.7%,
// 97.2%, 84.1%, 92.9%, 95.7%, 90.8%, 83.4%, 81.8%, 70.7%, 80.7%, 98.7%, 67.4% and 80.0% blind, before the causes of
// their misses were fixed). blind-4 is mostly hashtags; blind-5 mostly innocent look-alikes, to measure
// false flags; blind-6 the languages with fewer speakers in the others; blind-7 Chinese and Vietnamese,
// the two largest consumer markets; blind-8 the language mix of real traffic; blind-9 evasions; blind-10
// Japanese, Korean, Thai, Indonesian and Malay; blind-11 the live exotic-pet trade; blind-12 European and
// American antiques and auctions; blind-13 African and South Asian markets; blind-14 innocent look-alikes
// of the words sets 10-13 added; blind-15 Latin America; blind-16 the Mekong region's markets.
const cases: Case[] = ["./queries.jsonl", ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16].map((n) => (n === 1 ? "./blind.jsonl" : `./blind-${n}.jsonl`))].flatMap((f) =>
  readFileSync(here(f), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Case),
);

interface Outcome {
  c: Case;
  got: string;
  ok: boolean;
}

let outcomes: Outcome[] = [];

beforeAll(() => {
  const built = buildLexicon(here("../../lexicon"));
  if (!built.ok || !built.lex) throw new Error(`lexicon does not build: ${built.errors.map((e) => e.message).join("; ")}`);
  const lex: Lexicon = built.lex;
  outcomes = cases.map((c) => {
    const got = check(lex, c.q, { kind: c.kind }).decision;
    return { c, got, ok: c.accept.includes(got) };
  });
});

const show = (list: Outcome[]) =>
  list.map((o) => `  ${o.c.id} [${o.c.lang}] ${JSON.stringify(o.c.q)}: want ${o.c.accept.join("|")}, got ${o.got} (${o.c.tag})`).join("\n");

describe("labelled query set", () => {
  it("is a real set: enough cases, languages and kinds of case", () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const langs = new Set(cases.map((c) => c.lang));
    expect(langs.size).toBeGreaterThanOrEqual(14);
    const ids = new Set(cases.map((c) => c.id));
    expect(ids.size).toBe(cases.length);
    const mustAllow = cases.filter((c) => c.accept.length === 1 && c.accept[0] === "allow").length;
    const mustBlock = cases.filter((c) => c.accept.length === 1 && c.accept[0] === "block").length;
    expect(mustAllow / cases.length).toBeGreaterThan(0.3);
    expect(mustBlock / cases.length).toBeGreaterThan(0.2);
    // Our own set tags its evasions `evasion-…`; the blind sets tag by topic, so the share is ours.
    const own = cases.filter((c) => /^q\d/.test(c.id));
    expect(own.length).toBeGreaterThanOrEqual(300);
    expect(own.filter((c) => c.tag.startsWith("evasion")).length / own.length).toBeGreaterThan(0.15);
  });

  it("copies no dev-set query", () => {
    let dev: string[] = [];
    try {
      dev = readFileSync(here("../../../shared/eval/dev.jsonl"), "utf8")
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => (JSON.parse(l) as Case).q.toLowerCase());
    } catch {
      return; // the dev set lives outside the repository; nothing to compare when it is absent
    }
    const devSet = new Set(dev);
    expect(cases.filter((c) => devSet.has(c.q.toLowerCase())).map((c) => c.q)).toEqual([]);
  });

  it("accuracy is at least 0.95", () => {
    const misses = outcomes.filter((o) => !o.ok);
    const accuracy = 1 - misses.length / outcomes.length;
    expect(accuracy, `accuracy ${accuracy.toFixed(3)}; misses:\n${show(misses)}`).toBeGreaterThanOrEqual(0.95);
  });

  it("flags at most 2% of the queries that must be allowed", () => {
    const mustAllow = outcomes.filter((o) => o.c.accept.length === 1 && o.c.accept[0] === "allow");
    const flagged = mustAllow.filter((o) => o.got !== "allow");
    const rate = flagged.length / mustAllow.length;
    expect(rate, `false-flag rate ${rate.toFixed(3)}; flagged:\n${show(flagged)}`).toBeLessThanOrEqual(0.02);
  });

  it("accuracy is at least 0.90 in every language with 10 or more cases", () => {
    const byLang = new Map<string, Outcome[]>();
    for (const o of outcomes) byLang.set(o.c.lang, [...(byLang.get(o.c.lang) ?? []), o]);
    const weak: string[] = [];
    for (const [lang, list] of byLang) {
      if (list.length < 10) continue;
      const acc = list.filter((o) => o.ok).length / list.length;
      if (acc < 0.9) weak.push(`${lang} ${acc.toFixed(3)} (${list.length} cases)\n${show(list.filter((o) => !o.ok))}`);
    }
    expect(weak, weak.join("\n")).toEqual([]);
  });
});
