/**
 * Section 1: the engine against its peers, in one process, on the same inputs.
 *
 * For each lexicon size: generate the lexicon and the queries, compile our binary, then for every
 * engine: build it, check its raw matches against the naive oracle on a common subset of the
 * queries (agreement), and time it over the queries in batches.
 */
import { floor, peers, type Engine, type Runner } from "./lib/peers.js";
import { joinedForm, makeLexicon, makeQueries, messUp } from "./lib/gen.js";
import { RefTrie, leftmostLongest } from "./lib/reference.js";
import type { CompileSync, Core } from "./lib/ours.js";
import { BatchTimer, flatten, timeOnce, type Timing } from "./lib/timing.js";
import { heapUsed } from "./lib/gc.js";
import { fmtBytes, fmtNs, fmtRate, fmtRatio, table } from "./lib/stats.js";

export interface EngineConfig {
  sizes: number[];
  queries: number;
  /** Timed-work budget per peer engine per size (ours and the floor always run every query). */
  peerBudgetNs: number;
  /** Interleaved timing rounds. */
  rounds: number;
  /** Queries timed one at a time per engine (for the per-query p99), spread over the rounds. */
  singles: number;
  /** Queries in the agreement subset. */
  agreeQueries: number;
  /** Skip an engine at sizes above this many terms (construction too slow for the mode). */
  maxBuildTerms: Record<string, number>;
}

export interface EngineRow {
  name: string;
  group: "peer" | "ours" | "floor";
  semantics: string;
  buildNs: number;
  heapBytes: number;
  timing: Timing | null;
  matches: number | null;
  agree: string;
  skipped?: string;
}

export interface SizeResult {
  terms: number;
  cjkTerms: number;
  queries: number;
  meanLen: number;
  planted: number;
  agreeQueries: number;
  binBytes: number;
  compileNs: number;
  rows: EngineRow[];
  messyCheck: Timing | null;
  messySameDecisions: boolean | null;
  bestPeer: string;
  ratios: { checkVsBestPeer: number; rawVsBestPeer: number; checkVsFloor: number; rawVsFloor: number; cpuCheckVsBestPeer: number; cpuCheckVsFloor: number };
}

function spansKey(sp: [number, number][]): string {
  return sp
    .map(([s, e]) => s * 4096 + e)
    .sort((a, b) => a - b)
    .join(",");
}

export async function runEngine(cfg: EngineConfig, core: Core | null, compile: CompileSync | null, log: (s: string) => void): Promise<SizeResult[]> {
  const out: SizeResult[] = [];
  for (const size of cfg.sizes) {
    log(`\n## Engine: ${size.toLocaleString("en")} terms`);
    const t0 = performance.now();
    const lexicon = makeLexicon(size);
    const terms = lexicon.map((t) => t.term);
    const qs = makeQueries(cfg.queries, terms);
    const queries = flatten(qs.queries);
    const cjkTerms = lexicon.filter((t) => !/^[a-z]/.test(t.term)).length;
    log(
      `lexicon ${terms.length} terms (${((cjkTerms / terms.length) * 100).toFixed(0)}% CJK); ` +
        `${queries.length} queries, mean ${(qs.totalUnits / queries.length).toFixed(1)} UTF-16 units, ` +
        `${qs.planted} with a planted term (${((qs.planted / queries.length) * 100).toFixed(1)}%); generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    // Oracles for the agreement subset: the peers see the terms; our compiler also adds the
    // joined form of multi-word Latin terms (`for sale` → `forsale`, for hashtags).
    const A = Math.min(cfg.agreeQueries, queries.length);
    const refPeers = new RefTrie(terms);
    const refOurs = new RefTrie([...terms, ...terms.map(joinedForm).filter((j): j is string => j !== null)]);
    const expectAll: string[] = [];
    const expectLL: string[] = [];
    const expectOurs: string[] = [];
    let refCount = 0, refLLCount = 0, refOursCount = 0;
    for (let i = 0; i < A; i++) {
      const all = refPeers.all(queries[i]!);
      const ll = leftmostLongest(all);
      const ours = refOurs.all(queries[i]!);
      refCount += all.length;
      refLLCount += ll.length;
      refOursCount += ours.length;
      expectAll.push(spansKey(all.map(([s, e]) => [s, e])));
      expectLL.push(spansKey(ll));
      expectOurs.push(spansKey(ours.map(([s, e]) => [s, e])));
    }

    const engines: Engine[] = [];
    let binBytes = NaN, compileNs = NaN;
    let lex: unknown = null;
    if (core && compile) {
      const c = timeOnce(() => compile(lexicon));
      const compiled = c.value;
      compileNs = c.ns;
      binBytes = compiled.bin.length;
      if (compiled.errors.length) log(`compileTerms reported ${compiled.errors.length} errors, first: ${compiled.errors[0]}`);
      lex = core.loadLexicon(compiled.bin);
      log(`our compile: ${fmtNs(compileNs)}, binary ${fmtBytes(binBytes)}`);
      const L = lex;
      engines.push(
        {
          name: "ours: check",
          note: "core check(): normalize + match + boundaries + decide, returns the /v1/check body",
          semantics: "decision",
          group: "ours",
          build: () => ({ count: (q: string) => core.check(L, q).matches.length, spans: () => [] }),
        } as unknown as Engine,
        {
          name: "ours: rawMatches",
          note: "core rawMatches(): normalize + every automaton hit as {entry,start,end}[]",
          semantics: "all",
          group: "ours",
          build: () => ({
            count: (q) => core.rawMatches(L, q).length,
            spans: (q) => core.rawMatches(L, q).map((m) => [m.start, m.end] as [number, number]),
          }),
        },
      );
      if (core.countRawMatches) {
        const count = core.countRawMatches;
        engines.push({
          name: "ours: countRawMatches",
          note: "core countRawMatches(): normalize + scan, counts hits without building objects",
          semantics: "all",
          group: "ours",
          build: () => ({ count: (q) => count(L, q), spans: (q) => core.rawMatches(L, q).map((m) => [m.start, m.end] as [number, number]) }),
        });
      }
    } else {
      log("our engine: src/core or compileTerms not available yet; peers only");
    }
    engines.push(...peers, floor);

    // Phase 1: build every engine (timed, with the heap it retains) and check its matches.
    interface Built { row: EngineRow; runner: Runner; timer: BatchTimer | null }
    const built: Built[] = [];
    const rows: EngineRow[] = [];
    for (const e of engines) {
      const cap = cfg.maxBuildTerms[e.name];
      const row: EngineRow = { name: e.name, group: e.group, semantics: e.semantics, buildNs: NaN, heapBytes: NaN, timing: null, matches: null, agree: "-" };
      rows.push(row);
      if (cap !== undefined && size > cap) {
        row.skipped = `skipped above ${cap.toLocaleString("en")} terms (construction too slow for this mode)`;
        log(`  ${e.name}: ${row.skipped}`);
        continue;
      }
      const h0 = heapUsed();
      let runner: Runner;
      try {
        const b = timeOnce(() => e.build(terms));
        runner = b.value;
        row.buildNs = b.ns;
      } catch (err) {
        row.skipped = `build failed: ${String((err as Error).message ?? err).slice(0, 120)}`;
        log(`  ${e.name}: ${row.skipped}`);
        continue;
      }
      row.heapBytes = e.group === "ours" ? binBytes : heapUsed() - h0;
      if (e.group === "ours") row.buildNs = compileNs; // our "build" is compileTerms (loading is in the cold-start section)

      if ((e.semantics as string) === "decision") {
        row.matches = 0;
        for (let i = 0; i < A; i++) row.matches += runner.count(queries[i]!);
      } else if (e.semantics !== "none") {
        let matches = 0;
        let bad = 0;
        let firstBad = -1;
        const expect = e.group === "ours" ? expectOurs : e.semantics === "leftmost-longest" ? expectLL : expectAll;
        for (let i = 0; i < A; i++) {
          const sp = runner.spans(queries[i]!);
          matches += sp.length;
          if (spansKey(sp) !== expect[i]) {
            bad++;
            if (firstBad < 0) firstBad = i;
          }
        }
        row.matches = matches;
        row.agree = bad === 0 ? "yes" : `NO: ${bad} queries differ (first #${firstBad})`;
      }
      log(`  built ${e.name.padEnd(28)} in ${fmtNs(row.buildNs).padStart(9)}; ${row.matches ?? "-"} matches on the agreement subset, agrees: ${row.agree}`);
      built.push({ row, runner, timer: new BatchTimer(runner.count, queries) });
    }

    // Our check on the same queries as people type them (case, accents, full width, zero-width).
    let messyTimer: BatchTimer | null = null;
    let messySameDecisions: boolean | null = null;
    if (core && lex) {
      const L = lex;
      const messy = flatten(messUp(queries));
      let same = true;
      for (let i = 0; i < A; i++) {
        if (core.check(L, queries[i]!).decision !== core.check(L, messy[i]!).decision) {
          same = false;
          break;
        }
      }
      messySameDecisions = same;
      messyTimer = new BatchTimer((q) => core.check(L, q).matches.length, messy);
    }

    // Phase 2: warm up, then interleaved rounds: round r times every engine on slice r.
    const all = [...built.map((b) => ({ timer: b.timer!, peer: b.row.group === "peer" })), ...(messyTimer ? [{ timer: messyTimer, peer: false }] : [])];
    for (const { timer, peer } of all) timer.warmup(5000, peer ? Math.min(1e9, cfg.peerBudgetNs / 4) : 1e9);
    const R = cfg.rounds;
    const per = Math.floor(queries.length / R);
    // Each round also times its first queries one at a time, for the per-query p99.
    const singlesPerRound = Math.min(per, Math.ceil(cfg.singles / R));
    for (let r = 0; r < R; r++) {
      for (const { timer, peer } of all) {
        timer.slice(r * per, (r + 1) * per, peer ? cfg.peerBudgetNs / R : Infinity, 2);
        timer.singles(r * per, r * per + singlesPerRound, peer ? cfg.peerBudgetNs / R / 4 : Infinity);
      }
    }
    for (const b of built) {
      const t = (b.row.timing = b.timer!.result());
      log(
        `  ${b.row.name.padEnd(28)} median ${fmtNs(t.median).padStart(9)} (cpu ${fmtNs(t.cpuMedian).padStart(9)})  p99 ${fmtNs(t.p99).padStart(9)}  p99 single ${fmtNs(t.singleP99).padStart(9)}  ` +
          `${fmtRate((t.queries / t.totalNs) * 1e9).padStart(10)} queries  (${t.queries} timed)`,
      );
    }
    const messyCheck = messyTimer ? messyTimer.result() : null;
    if (messyCheck) {
      log(`  ${"ours: check, messy input".padEnd(28)} median ${fmtNs(messyCheck.median).padStart(9)}  p99 ${fmtNs(messyCheck.p99).padStart(9)}  (same decisions as clean input on the agreement subset: ${messySameDecisions ? "yes" : "NO"})`);
    }
    built.length = 0;

    const timed = rows.filter((r) => r.timing);
    const med = (n: string) => timed.find((r) => r.name === n)?.timing?.median ?? NaN;
    const cpu = (n: string) => timed.find((r) => r.name === n)?.timing?.cpuMedian ?? NaN;
    const peerRows = timed.filter((r) => r.group === "peer").sort((a, b) => a.timing!.median - b.timing!.median);
    const best = peerRows[0];
    const bestMed = best?.timing?.median ?? NaN;
    const bestCpu = Math.min(...timed.filter((r) => r.group === "peer").map((r) => r.timing!.cpuMedian));
    const ratios = {
      checkVsBestPeer: bestMed / med("ours: check"),
      rawVsBestPeer: bestMed / med("ours: rawMatches"),
      checkVsFloor: med("ours: check") / med("floor (charCodeAt sum)"),
      rawVsFloor: med("ours: rawMatches") / med("floor (charCodeAt sum)"),
      cpuCheckVsBestPeer: bestCpu / cpu("ours: check"),
      cpuCheckVsFloor: cpu("ours: check") / cpu("floor (charCodeAt sum)"),
    };

    log("");
    log(
      table(
        ["engine", "semantics", "median/query", "cpu median", "p99 (batch)", "p99 (single)", "queries/s", "MB/s (UTF-16)", "build", "memory", `matches (${A} q)`, "agrees"],
        rows.map((r) => [
          r.name,
          r.semantics,
          r.timing ? fmtNs(r.timing.median) : r.skipped ?? "-",
          r.timing ? fmtNs(r.timing.cpuMedian) : "-",
          r.timing ? fmtNs(r.timing.p99) : "-",
          r.timing ? fmtNs(r.timing.singleP99) : "-",
          r.timing ? fmtRate((r.timing.queries / r.timing.totalNs) * 1e9) : "-",
          r.timing ? ((r.timing.units * 2 * 1e3) / r.timing.totalNs).toFixed(1) : "-",
          Number.isFinite(r.buildNs) ? fmtNs(r.buildNs) : "-",
          Number.isFinite(r.heapBytes) ? (r.group === "ours" ? `${fmtBytes(r.heapBytes)} bin` : fmtBytes(r.heapBytes)) : "-",
          r.matches ?? "-",
          r.agree,
        ]),
      ),
    );
    log(`oracle: ${refCount} overlapping matches (${refLLCount} leftmost-longest) of the terms; ${refOursCount} counting our joined forms, in the first ${A} queries`);
    if (core && lex) {
      log(
        `ratios at ${size.toLocaleString("en")} terms: best peer (${best?.name ?? "n/a"}, ${fmtNs(bestMed)}) ÷ our check = ${fmtRatio(ratios.checkVsBestPeer)} ` +
          `(target ≥ 5×); ÷ our rawMatches = ${fmtRatio(ratios.rawVsBestPeer)}; our check ÷ floor = ${fmtRatio(ratios.checkVsFloor)} (target ≤ 5×); ` +
          `rawMatches ÷ floor = ${fmtRatio(ratios.rawVsFloor)}`,
      );
      log(
        `same ratios on CPU-time medians: best peer ÷ our check = ${fmtRatio(ratios.cpuCheckVsBestPeer)}; our check ÷ floor = ${fmtRatio(ratios.cpuCheckVsFloor)}` +
          (size === 10_000 ? `; our check median at 10k terms: ${fmtNs(med("ours: check"))} wall, ${fmtNs(cpu("ours: check"))} cpu (target ≤ 1 µs)` : ""),
      );
    }
    out.push({
      terms: size,
      cjkTerms,
      queries: queries.length,
      meanLen: qs.totalUnits / queries.length,
      planted: qs.planted,
      agreeQueries: A,
      binBytes,
      compileNs,
      rows,
      messyCheck,
      messySameDecisions,
      bestPeer: best?.name ?? "n/a",
      ratios,
    });
  }
  return out;
}
