/**
 * Child of `bench/compare.ts`: one fresh process times one engine build. It loads the core and
 * compiler bundles it is given, compiles the generated lexicon of `size` terms, and times `check`
 * over the generated queries in batches of 100, interleaved with the floor (sum of `charCodeAt`),
 * then prints one JSON line: per-query medians in ns.
 * Usage: node --import tsx bench/compare-child.ts <core.mjs> <compiler.mjs> <size> <queries>
 */
import { makeLexicon, makeQueries } from "./lib/gen.js";
import { floor } from "./lib/peers.js";
import { loadCompiler, loadCore } from "./lib/ours.js";
import { BatchTimer, flatten } from "./lib/timing.js";

const [coreBundle, compilerBundle, sizeArg, queriesArg] = process.argv.slice(2);
const size = Number(sizeArg);
const core = await loadCore(coreBundle);
const compile = await loadCompiler(compilerBundle);
const terms = makeLexicon(size);
const qs = flatten(makeQueries(Number(queriesArg), terms.map((t) => t.term)).queries);
const { bin, errors } = compile(terms);
if (errors.length) throw new Error(`the lexicon does not compile: ${errors[0]}`);
const lex = core.loadLexicon(bin);
const floorRun = floor.build([]);
const ours = new BatchTimer((q) => core.check(lex, q).matches.length, qs);
const base = new BatchTimer((q) => floorRun.count(q), qs);
ours.warmup(5000, 1e9);
base.warmup(5000, 1e9);
const rounds = 10;
const per = Math.floor(qs.length / rounds);
for (let r = 0; r < rounds; r++) {
  ours.slice(r * per, (r + 1) * per);
  base.slice(r * per, (r + 1) * per);
}
const o = ours.result();
const f = base.result();
console.log(JSON.stringify({ check: o.median, checkCpu: o.cpuMedian, floor: f.median, sink: o.sink }));
