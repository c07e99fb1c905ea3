/**
 * Section 2: cold start and size. Every measurement runs in a fresh process (spawned Node, no
 * TypeScript loader, core bundle imported from disk), so the JIT, inline caches and CPU caches
 * are cold, as in a new Worker isolate. Compile time, binary size and peak memory come from a
 * separate compile child per lexicon size.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CORE_BUNDLE, OUT, REAL_BIN, ROOT } from "./lib/ours.js";
import { fmtBytes, fmtNs, fmtRatio, median, table } from "./lib/stats.js";

export interface ColdSize {
  terms: number;
  /** Compile a lexicon without allow-list (exception) entries (see BENCHMARKS.md: compile time). */
  noExceptions?: boolean;
}

export interface ColdConfig {
  sizes: ColdSize[];
  runs: number;
  compileTimeoutMs: number;
}

interface ChildResult {
  importNs: number;
  readNs: number;
  loadNs: number;
  firstCheckNs: number;
  secondCheckNs: number;
  verifyNs: number;
  heapDelta: number;
  arrayBuffersDelta: number;
  heapAfterFirstChecks: number;
  rss: number;
  decision: string;
  verified: boolean;
}

export interface ColdRow {
  label: string;
  terms: number | null;
  compileNs: number | null;
  compileCpuNs?: number | null;
  compileMaxRss: number | null;
  bytes: number;
  runs: number;
  /** Medians over the runs. */
  importNs: number;
  loadNs: number;
  firstCheckNs: number;
  secondCheckNs: number;
  verifyNs: number;
  processNs: number;
  heapDelta: number;
  arrayBuffersDelta: number;
  decision: string;
  verified: boolean;
  error?: string;
}

const KV_LIMIT = 25 * 1024 * 1024;

function coldRuns(bin: string, query: string, runs: number): { res: ChildResult[]; processNs: number[]; error?: string } {
  const res: ChildResult[] = [];
  const processNs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const p = spawnSync(process.execPath, ["--expose-gc", path.join(ROOT, "bench/cold-child.mjs"), CORE_BUNDLE, bin, query], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
      maxBuffer: 1 << 20,
    });
    processNs.push(Number(process.hrtime.bigint() - t0));
    if (p.status !== 0) return { res, processNs, error: (p.stderr || p.error?.message || `exit ${p.status}`).trim().split("\n").slice(-3).join(" | ") };
    res.push(JSON.parse(p.stdout.trim().split("\n").pop()!) as ChildResult);
  }
  return { res, processNs };
}

function summarizeRuns(label: string, terms: number | null, bytes: number, r: ReturnType<typeof coldRuns>, compile: { ns: number | null; rss: number | null }): ColdRow {
  const m = (k: keyof ChildResult) => median(r.res.map((x) => x[k] as number));
  return {
    label,
    terms,
    compileNs: compile.ns,
    compileMaxRss: compile.rss,
    bytes,
    runs: r.res.length,
    importNs: m("importNs"),
    loadNs: m("loadNs"),
    firstCheckNs: m("firstCheckNs"),
    secondCheckNs: m("secondCheckNs"),
    verifyNs: m("verifyNs"),
    processNs: median(r.processNs),
    heapDelta: m("heapDelta"),
    arrayBuffersDelta: m("arrayBuffersDelta"),
    decision: r.res[0]?.decision ?? "-",
    verified: r.res.every((x) => x.verified),
    error: r.error,
  };
}

export function runCold(cfg: ColdConfig, log: (s: string) => void): ColdRow[] {
  log(`\n## Cold start and size (fresh process per run, median of ${cfg.runs} runs)`);
  const rows: ColdRow[] = [];

  // The real lexicon, compiled from lexicon/ by the same snapshot of the compiler.
  const real = REAL_BIN;
  if (fs.existsSync(real)) {
    const r = coldRuns(real, "ivory bangle for sale", cfg.runs);
    rows.push(summarizeRuns("real lexicon", null, fs.statSync(real).size, r, { ns: null, rss: null }));
    log(`  real lexicon: load ${fmtNs(rows.at(-1)!.loadNs)}, first check ${fmtNs(rows.at(-1)!.firstCheckNs)}${r.error ? `; error: ${r.error}` : ""}`);
  }

  for (const { terms: n, noExceptions } of cfg.sizes) {
    const label = `${n.toLocaleString("en")} terms${noExceptions ? ", no exceptions" : ""}`;
    const bin = path.join(OUT, `lexicon-${n}${noExceptions ? "-noexc" : ""}.bin`);
    const c = spawnSync(process.execPath, ["--max-old-space-size=16384", "--import", "tsx", path.join(ROOT, "bench/cold-compile.ts"), String(n), bin, ...(noExceptions ? ["--no-exceptions"] : [])], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: cfg.compileTimeoutMs,
      maxBuffer: 1 << 20,
    });
    if (c.status !== 0) {
      const why = c.error?.message.includes("ETIMEDOUT") || c.signal === "SIGTERM" ? `compile did not finish within ${cfg.compileTimeoutMs / 1000} s` : (c.stderr || `exit ${c.status}`).trim().split("\n").slice(-3).join(" | ");
      log(`  ${label}: ${why}`);
      rows.push({ label, terms: n, compileNs: null, compileMaxRss: null, bytes: NaN, runs: 0, importNs: NaN, loadNs: NaN, firstCheckNs: NaN, secondCheckNs: NaN, verifyNs: NaN, processNs: NaN, heapDelta: NaN, arrayBuffersDelta: NaN, decision: "-", verified: false, error: why });
      continue;
    }
    const info = JSON.parse(c.stdout.trim().split("\n").pop()!) as { compileNs: number; compileCpuNs: number; bytes: number; errors: number; firstError: string | null; maxRssBytes: number; query: string };
    if (info.errors) log(`  ${n} terms: compileTerms reported ${info.errors} errors, first: ${info.firstError}`);
    const r = coldRuns(bin, info.query, cfg.runs);
    const row = summarizeRuns(label, n, info.bytes, r, { ns: info.compileNs, rss: info.maxRssBytes });
    row.compileCpuNs = info.compileCpuNs;
    rows.push(row);
    log(
      `  ${row.label.padEnd(14)} compile ${fmtNs(info.compileNs).padStart(9)} (CPU ${fmtNs(info.compileCpuNs)}, peak RSS ${fmtBytes(info.maxRssBytes)}), binary ${fmtBytes(info.bytes)}${info.bytes > KV_LIMIT ? " (OVER the 25 MiB KV value limit)" : ""}; ` +
        `load ${fmtNs(row.loadNs)}, first check ${fmtNs(row.firstCheckNs)}${r.error ? `; error: ${r.error}` : ""}`,
    );
    if (n >= 1_000_000) fs.rmSync(bin, { force: true }); // 100+ MB: do not leave it lying around
  }

  log("");
  log(
    table(
      ["lexicon", "compile", "compile CPU", "binary", "fits KV (25 MiB)", "import core", "loadLexicon", "first check", "2nd check", "verify (sha256)", "heap Δ after load", "arrayBuffers Δ", "process", "1st answer"],
      rows.map((r) => [
        r.label,
        r.compileNs === null ? (r.terms ? r.error ?? "-" : "(at bench start)") : fmtNs(r.compileNs),
        r.compileCpuNs ? fmtNs(r.compileCpuNs) : "-",
        fmtBytes(r.bytes),
        Number.isFinite(r.bytes) ? (r.bytes <= KV_LIMIT ? "yes" : "NO") : "-",
        fmtNs(r.importNs),
        fmtNs(r.loadNs),
        fmtNs(r.firstCheckNs),
        fmtNs(r.secondCheckNs),
        fmtNs(r.verifyNs),
        fmtBytes(r.heapDelta),
        fmtBytes(r.arrayBuffersDelta),
        fmtNs(r.processNs),
        r.decision,
      ]),
    ),
  );
  const synth = rows.filter((r) => r.terms && Number.isFinite(r.loadNs));
  if (synth.length >= 2) {
    const a = synth[0]!;
    const b = synth[synth.length - 1]!;
    log(`load ${b.label} ÷ load ${a.label} = ${fmtRatio(b.loadNs / a.loadNs)} for ${fmtRatio(b.bytes / a.bytes)} the bytes (flat loading would be ≈ 1×)`);
  }
  const r100k = rows.find((r) => r.terms === 100_000);
  const r100kNoExc = rows.find((r) => r.terms === 100_000 && r.label.includes("no exceptions"));
  if (r100k && r100kNoExc && r100k !== r100kNoExc && r100k.compileNs && r100kNoExc.compileNs)
    log(
      `compile at 100k terms: ${fmtNs(r100k.compileNs)} wall / ${fmtNs(r100k.compileCpuNs ?? NaN)} CPU with 2% exception entries, ` +
        `${fmtNs(r100kNoExc.compileNs)} / ${fmtNs(r100kNoExc.compileCpuNs ?? NaN)} without (CPU ratio ${fmtRatio((r100k.compileCpuNs ?? NaN) / (r100kNoExc.compileCpuNs ?? NaN))})`,
    );
  if (r100k) log(`target: loadLexicon at 100k terms ≤ 1 ms → ${fmtNs(r100k.loadNs)} (${r100k.loadNs <= 1e6 ? "met" : "NOT met"})`);
  const r1m = rows.find((r) => r.terms === 1_000_000);
  const bpt = r100k && Number.isFinite(r100k.bytes) ? r100k.bytes / 100_000 : NaN;
  if (Number.isFinite(bpt)) log(`binary size ≈ ${bpt.toFixed(0)} bytes per term at 100k terms → ~${fmtBytes(bpt * 1e6)} at 1M terms (KV value limit 25 MiB ≈ ${Math.floor((25 * 1024 * 1024) / bpt).toLocaleString("en")} such terms)`);
  if (r1m)
    log(
      `target: 1M terms compile ≤ 60 s and ≤ 25 MiB → ${r1m.compileNs === null ? r1m.error : fmtNs(r1m.compileNs)}, ${fmtBytes(r1m.bytes)} ` +
        `(${r1m.compileNs !== null && r1m.compileNs <= 60e9 && r1m.bytes <= KV_LIMIT ? "met" : "NOT met"})`,
    );
  return rows;
}
