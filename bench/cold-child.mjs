// Child process for the cold-start section (plain Node, no TypeScript loader): a fresh isolate
// imports the bundled core, reads a lexicon binary, loads it, answers a first and a second query
// and verifies the checksum, printing one JSON line of timings (ns) and memory deltas (bytes).
// Usage: node --expose-gc bench/cold-child.mjs <core.mjs> <lexicon.bin> <query>
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [corePath, binPath, query] = process.argv.slice(2);
const now = () => process.hrtime.bigint();
const gc = globalThis.gc ?? (() => {});

const t0 = now();
const core = await import(pathToFileURL(corePath).href);
const t1 = now();
const file = readFileSync(binPath);
const bin = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
const t2 = now();
gc();
const m0 = process.memoryUsage();
const t3 = now();
const lex = core.loadLexicon(bin);
const t4 = now();
gc();
const m1 = process.memoryUsage();
const t5 = now();
const first = core.check(lex, query);
const t6 = now();
const second = core.check(lex, "ordinary search words for a second query");
const t7 = now();
const v = await core.verifyLexicon(bin);
const t8 = now();
gc();
const m2 = process.memoryUsage();
console.log(
  JSON.stringify({
    importNs: Number(t1 - t0),
    readNs: Number(t2 - t1),
    loadNs: Number(t4 - t3),
    firstCheckNs: Number(t6 - t5),
    secondCheckNs: Number(t7 - t6),
    verifyNs: Number(t8 - t7),
    heapDelta: m1.heapUsed - m0.heapUsed,
    arrayBuffersDelta: m1.arrayBuffers - m0.arrayBuffers,
    heapAfterFirstChecks: m2.heapUsed - m0.heapUsed,
    rss: m2.rss,
    decision: first.decision,
    second: second.decision,
    verified: v.ok,
  }),
);
