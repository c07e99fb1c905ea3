/**
 * Child process for the cold-start section: generate the synthetic lexicon of N terms (not
 * timed), compile it with compileTerms from the bundled compiler (build/bench/compiler.mjs, the
 * same snapshot as the core bundle) (timed), write the binary, print one JSON line.
 * Usage: node --import tsx bench/cold-compile.ts <terms> <out.bin> [--no-exceptions]
 */
import fs from "node:fs";
import { makeLexicon } from "./lib/gen.js";
import { loadCompiler } from "./lib/ours.js";

const n = Number(process.argv[2]);
const outPath = process.argv[3]!;
const lexicon = makeLexicon(n, { noExceptions: process.argv.includes("--no-exceptions") });
const compile = await loadCompiler();
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const r = compile(lexicon);
const compileNs = Number(process.hrtime.bigint() - t0);
const c1 = process.cpuUsage(c0);
fs.writeFileSync(outPath, r.bin);
// A query that contains a term, for the child's first check: a planted term in a short sentence.
const term = lexicon.find((t) => t.role === "term" && t.action === "warn" && /^[a-z]/.test(t.term))?.term ?? lexicon[0]!.term;
console.log(
  JSON.stringify({
    terms: n,
    compileNs,
    compileCpuNs: (c1.user + c1.system) * 1000,
    bytes: r.bin.length,
    errors: r.errors.length,
    firstError: r.errors[0] ?? null,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    query: `cheap ${term} for sale near me`,
  }),
);
