/**
 * The peer engines, each behind the same two-method interface so the harness times
 * like with like:
 *   count(q)   → number of matches, produced through the engine's normal "give me the
 *                matches" API (arrays of match objects are built, as a caller would);
 *   spans(q)   → [start, end) UTF-16 spans, for the agreement check only.
 * `semantics` says which set of matches the engine reports:
 *   "all"              every occurrence, overlapping (classic Aho-Corasick output);
 *   "leftmost-longest" non-overlapping, earliest start, longest at a start (RegExp
 *                      alternation with terms sorted longest first behaves this way);
 *   "none"             the floor: reads every code unit, finds nothing.
 */
import { createRequire } from "node:module";
import ModernAC from "modern-ahocorasick";
import ModernACFast from "modern-ahocorasick/fast";
import { AhoCorasick as MonyoneAC } from "@monyone/aho-corasick";
import { AhoCorasick as MonyoneACFast } from "@monyone/aho-corasick/fast";

const require = createRequire(import.meta.url);
// Two CommonJS packages without types.
const AhoCorasick013 = require("aho-corasick") as new () => {
  add(word: string, data: unknown): void;
  build_fail(): void;
  search(text: string, cb: (word: string, data: unknown, offset: number) => void): void;
};
const AhoCorasickBrunorb = require("ahocorasick") as new (words: string[]) => {
  search(text: string): [number, string[]][];
};

export type Semantics = "all" | "leftmost-longest" | "none";

export interface Runner {
  count(q: string): number;
  spans(q: string): [number, number][];
}

export interface Engine {
  name: string;
  /** Short description printed under the table. */
  note: string;
  semantics: Semantics;
  /** A peer (counted for "best peer"), ours, or the floor. */
  group: "peer" | "ours" | "floor";
  build(terms: string[]): Runner;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

export const peers: Engine[] = [
  {
    name: "modern-ahocorasick",
    note: "modern-ahocorasick 3.3 default (compact backend, grapheme units): search() → Match[]",
    semantics: "all",
    group: "peer",
    build(terms) {
      const m = new ModernAC(terms);
      return {
        count: (q) => m.search(q).length,
        spans: (q) => m.search(q).map((x) => [x.start, x.end]),
      };
    },
  },
  {
    name: "modern-ahocorasick/fast",
    note: "modern-ahocorasick 3.3 double-array backend: search() → Match[]",
    semantics: "all",
    group: "peer",
    build(terms) {
      const m = new ModernACFast(terms);
      return {
        count: (q) => m.search(q).length,
        spans: (q) => m.search(q).map((x) => [x.start, x.end]),
      };
    },
  },
  {
    name: "@monyone/aho-corasick",
    note: "@monyone/aho-corasick 1.1 Map trie: matchInText() → {begin,end,keyword}[]",
    semantics: "all",
    group: "peer",
    build(terms) {
      const m = new MonyoneAC(terms);
      return {
        count: (q) => m.matchInText(q).length,
        spans: (q) => m.matchInText(q).map((x) => [x.begin, x.end]),
      };
    },
  },
  {
    name: "@monyone/aho-corasick/fast",
    note: "@monyone/aho-corasick 1.1 double array: matchInText() → {begin,end,keyword}[]",
    semantics: "all",
    group: "peer",
    build(terms) {
      const m = new MonyoneACFast(terms);
      return {
        count: (q) => m.matchInText(q).length,
        spans: (q) => m.matchInText(q).map((x) => [x.begin, x.end]),
      };
    },
  },
  {
    name: "aho-corasick (0.1.3)",
    note: "aho-corasick 0.1.3 object trie: search(text, callback) per match",
    semantics: "all",
    group: "peer",
    build(terms) {
      const ac = new AhoCorasick013();
      for (const t of terms) ac.add(t, null);
      ac.build_fail();
      return {
        count: (q) => {
          let n = 0;
          ac.search(q, () => void n++);
          return n;
        },
        spans: (q) => {
          const out: [number, number][] = [];
          ac.search(q, (w, _d, off) => void out.push([off, off + w.length]));
          return out;
        },
      };
    },
  },
  {
    name: "ahocorasick",
    note: "ahocorasick 1.0 object goto/failure tables: search() → [endIndex, words[]][]",
    semantics: "all",
    group: "peer",
    build(terms) {
      const ac = new AhoCorasickBrunorb(terms);
      return {
        count: (q) => {
          let n = 0;
          for (const [, ws] of ac.search(q)) n += ws.length;
          return n;
        },
        spans: (q) => {
          const out: [number, number][] = [];
          for (const [i, ws] of ac.search(q)) for (const w of ws) out.push([i + 1 - w.length, i + 1]);
          return out;
        },
      };
    },
  },
  {
    name: "RegExp alternation",
    note: "one RegExp: escaped terms, longest first, joined with |, flags gu; exec() loop",
    semantics: "leftmost-longest",
    group: "peer",
    build(terms) {
      const sorted = [...terms].sort((a, b) => b.length - a.length);
      const re = new RegExp(sorted.map(escapeRe).join("|"), "gu");
      return {
        count: (q) => {
          re.lastIndex = 0;
          let n = 0;
          while (re.exec(q) !== null) n++;
          return n;
        },
        spans: (q) => {
          re.lastIndex = 0;
          const out: [number, number][] = [];
          let m: RegExpExecArray | null;
          while ((m = re.exec(q)) !== null) out.push([m.index, m.index + m[0].length]);
          return out;
        },
      };
    },
  },
];

export const floor: Engine = {
  name: "floor (charCodeAt sum)",
  note: "reads every UTF-16 code unit once (sum of charCodeAt); the cost of touching the input",
  semantics: "none",
  group: "floor",
  build() {
    let sink = 0;
    return {
      count: (q) => {
        let s = 0;
        for (let i = 0; i < q.length; i++) s = (s + q.charCodeAt(i)) | 0;
        sink ^= s;
        return sink & 0; // always 0, but the sum cannot be optimised away
      },
      spans: () => [],
    };
  },
};
