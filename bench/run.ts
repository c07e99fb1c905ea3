/**
 * wildlife-sentinel benchmarks: `npm run bench` (full, several minutes) or
 * `tsx bench/run.ts --quick` / `BENCH_QUICK=1` (under a minute: proves the bench still runs).
 *
 *   --only engine,cold,http   run some sections only
 *   --quick                   smaller inputs, shorter runs, no 1M-term lexicon
 *   --sizes 10000,100000      the engine section at these lexicon sizes only
 *
 * Figures are printed as they come, then written to build/bench/results.json and, as Markdown
 * tables, to build/bench/report.md (the source of BENCHMARKS.md). Benchmarks, not tests: nothing
 * here asserts on time; targets are printed next to the measured figures.
 */
import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCold } from "./cold.js";
import { runEngine } from "./engine.js";
import { runHttp } from "./http.js";
import { renderReport } from "./lib/report.js";
import { bundleCore, buildRealLexicon, loadCompiler, loadCore, OUT, ROOT, type CompileSync, type Core } from "./lib/ours.js";

const args = process.argv.slice(2);
const quick = args.includes("--quick") || process.env.BENCH_QUICK === "1";
/** The comma-separated values of `--name a,b` or `--name=a,b`, or null when the flag is absent. */
function listArg(name: string): string[] | null {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return null;
  const a = args[i]!;
  return (a.includes("=") ? a.slice(a.indexOf("=") + 1) : (args[i + 1] ?? "")).split(",");
}
const onlyList = listArg("--only");
const only = onlyList ? new Set(onlyList) : null;
const want = (s: string) => !only || only.has(s);
/** `--sizes 10000,100000`: the engine section's lexicon sizes only (for working on one size). */
const engineSizes = listArg("--sizes")?.map(Number) ?? null;

const lines: string[] = [];
const log = (s: string) => {
  lines.push(s);
  console.log(s);
};

export interface Machine {
  cpu: string;
  nproc: number;
  node: string;
  v8: string;
  os: string;
  memory: string;
  date: string;
  command: string;
  quick: boolean;
  loadavg: number[];
  source?: string;
}

/** Which source the run measured: the commit, and whether src/ had uncommitted changes (shared tree). */
function sourceSnapshot(): string {
  try {
    const head = execSync("git rev-parse --short HEAD", { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty = execSync("git status --porcelain -- src lexicon", { cwd: ROOT, encoding: "utf8" }).trim().split("\n").filter(Boolean).length;
    return `commit ${head}${dirty ? ` + ${dirty} uncommitted/untracked paths under src/ and lexicon/ (bundled at ${new Date().toISOString()})` : ""}`;
  } catch {
    return "unknown (no git)";
  }
}

function machine(): Machine {
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    node: process.version,
    v8: process.versions.v8,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    date: new Date().toISOString(),
    command: process.env.npm_lifecycle_event === "bench" ? "npm run bench" : `tsx bench/run.ts ${args.join(" ")}`.trim(),
    quick,
    loadavg: os.loadavg(),
  };
}

async function main(): Promise<void> {
  const m = machine();
  const started = performance.now();
  log(`# wildlife-sentinel benchmarks${quick ? " (quick mode)" : ""}`);
  log(`machine: ${m.cpu}, nproc ${m.nproc}, ${m.memory}, ${m.os}; Node ${m.node} (V8 ${m.v8}); ${m.date}`);
  log(`load average: ${m.loadavg.map((x) => x.toFixed(1)).join(" / ")} (1/5/15 min; other processes share the cores: wall-clock figures move with it, ratios within a run much less)`);

  let core: Core | null = null;
  let compile: CompileSync | null = null;
  try {
    await bundleCore();
    core = await loadCore();
  } catch (e) {
    log(`our core could not be bundled/loaded (${(e as Error).message.split("\n")[0]}); our rows are skipped`);
  }
  try {
    compile = await loadCompiler();
    log(`real lexicon: ${await buildRealLexicon()} → build/bench/lexicon-real.bin`);
  } catch (e) {
    log(`our compiler could not be loaded (${(e as Error).message.split("\n")[0]}); our rows are skipped`);
  }
  m.source = sourceSnapshot();

  log(`source: ${m.source}`);
  const results: Record<string, unknown> = { machine: m };
  if (want("engine")) {
    const cfg = quick
      ? { sizes: [1_000, 10_000], queries: 5_000, peerBudgetNs: 0.15e9, rounds: 5, singles: 1_000, agreeQueries: 200, maxBuildTerms: {} }
      : { sizes: [1_000, 10_000, 100_000], queries: 100_000, peerBudgetNs: 4e9, rounds: 10, singles: 20_000, agreeQueries: 2_000, maxBuildTerms: {} };
    if (engineSizes) cfg.sizes = engineSizes;
    results.engine = await runEngine(
      cfg,
      core,
      compile,
      log,
    );
  }

  if (want("cold")) {
    if (!core || !compile) log("\n## Cold start and size: skipped (our core or compiler is not available)");
    else
      results.cold = runCold(
        quick
          ? { sizes: [{ terms: 1_000 }, { terms: 10_000 }], runs: 2, compileTimeoutMs: 60_000 }
          : {
              sizes: [{ terms: 1_000 }, { terms: 10_000 }, { terms: 100_000 }, { terms: 100_000, noExceptions: true }, { terms: 1_000_000, noExceptions: true }],
              runs: 7,
              compileTimeoutMs: 600_000,
            },
        log,
      );
  }

  if (want("http")) {
    results.http = await runHttp(
      quick ? { durationS: 1, rounds: 1, connections: 8, startTimeoutMs: 60_000 } : { durationS: 4, rounds: 3, connections: 8, startTimeoutMs: 90_000 },
      core,
      log,
    );
  }

  const secs = (performance.now() - started) / 1000;
  results.totalSeconds = secs;
  log(`\nload average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(" / ")} (1/5/15 min; other processes share the ${m.nproc} cores)`);
  log(`total ${secs.toFixed(1)} s`);
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, quick ? "results-quick.json" : "results.json"), JSON.stringify(results, null, 2));
  fs.writeFileSync(path.join(OUT, quick ? "output-quick.txt" : "output.txt"), lines.join("\n") + "\n");
  fs.writeFileSync(path.join(OUT, quick ? "report-quick.md" : "report.md"), renderReport(results as unknown as Parameters<typeof renderReport>[0]) + "\n");
  console.log(`(written to ${path.relative(ROOT, OUT)}/)`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
