import { makeLexicon, makeQueries } from "./lib/gen.js";
import { floor } from "./lib/peers.js";
import { BatchTimer, flatten } from "./lib/timing.js";
const lex = makeLexicon(1000);
const qs = flatten(makeQueries(10000, lex.map(t => t.term)).queries);
const a = floor.build([]).count;
const b = (q: string) => { let s = 0; for (let i = 0; i < q.length; i++) s = (s + q.charCodeAt(i)) | 0; return s === -123456789 ? 1 : 0; };
const ta = new BatchTimer(a, qs), tb = new BatchTimer(b, qs);
ta.warmup(5000, 1e9); tb.warmup(5000, 1e9);
for (let r = 0; r < 10; r++) { ta.slice(r * 1000, r * 1000 + 1000); tb.slice(r * 1000, r * 1000 + 1000); }
console.log("closure-sink", ta.result().median, "plain", tb.result().median);
function fl(q: string) { let s = 0; for (let i = 0; i < q.length; i++) s = (s + q.charCodeAt(i)) | 0; return s; }
for (let r = 0; r < 3; r++) { const t = process.hrtime.bigint(); let acc = 0; for (let k = 0; k < 20; k++) for (const q of qs) acc += fl(q); console.log("direct decl", Number(process.hrtime.bigint() - t) / 20 / qs.length); }
for (let r = 0; r < 3; r++) { const t = process.hrtime.bigint(); let acc = 0; for (let k = 0; k < 20; k++) for (const q of qs) acc += b(q); console.log("direct arrow b", Number(process.hrtime.bigint() - t) / 20 / qs.length); }
const loop = new Function("run", "qs", "from", "to", "let s = 0; for (let i = from; i < to; i++) s += run(qs[i]); return s;");
for (let r = 0; r < 3; r++) { const t = process.hrtime.bigint(); let acc = 0; for (let k = 0; k < 20; k++) acc += loop(fl, qs, 0, qs.length); console.log("newFunction whole", Number(process.hrtime.bigint() - t) / 20 / qs.length); }
for (let r = 0; r < 3; r++) { const t = process.hrtime.bigint(); let acc = 0; for (let k = 0; k < 20; k++) for (let j = 0; j < qs.length; j += 100) acc += loop(fl, qs, j, j + 100); console.log("newFunction batches", Number(process.hrtime.bigint() - t) / 20 / qs.length); }
