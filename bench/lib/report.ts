/** Render a run's results as Markdown (build/bench/report.md: the tables in BENCHMARKS.md). */
import type { ColdRow } from "../cold.js";
import type { SizeResult } from "../engine.js";
import type { HttpResult } from "../http.js";
import { fmtBytes, fmtNs, fmtRate, fmtRatio, table } from "./stats.js";

interface Results {
  machine: { cpu: string; nproc: number; node: string; v8: string; os: string; memory: string; date: string; command: string; quick: boolean; loadavg?: number[]; source?: string };
  engine?: SizeResult[];
  cold?: ColdRow[];
  http?: HttpResult;
  totalSeconds?: number;
}

export function renderReport(r: Results): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(`Run: \`${m.command}\` on ${m.date}${m.quick ? " (quick mode)" : ""}, ${r.totalSeconds?.toFixed(0) ?? "?"} s.`);
  out.push(`Machine: ${m.cpu}, nproc ${m.nproc}, ${m.memory} RAM, ${m.os}; Node ${m.node} (V8 ${m.v8})` + (m.loadavg ? `; load average at start ${m.loadavg.map((x) => x.toFixed(1)).join(" / ")}.` : "."));
  if (m.source) out.push(`Source measured: ${m.source}.`);
  out.push("");
  for (const s of r.engine ?? []) {
    out.push(`### Engine, ${s.terms.toLocaleString("en")} terms`);
    out.push("");
    out.push(
      `${s.terms.toLocaleString("en")} terms (${((s.cjkTerms / s.terms) * 100).toFixed(0)} % CJK), ${s.queries.toLocaleString("en")} queries of mean ${s.meanLen.toFixed(1)} UTF-16 units, ` +
        `${((s.planted / s.queries) * 100).toFixed(1)} % with a term. Our binary ${fmtBytes(s.binBytes)}, compiled in ${fmtNs(s.compileNs)}. ` +
        `Matches are counted on the first ${s.agreeQueries.toLocaleString("en")} queries.`,
    );
    out.push("");
    out.push(
      table(
        ["engine", "reports", "median / query", "CPU median", "p99 (batch)", "p99 (single query)", "queries/s", "build", "memory", "matches", "agrees with oracle"],
        s.rows.map((x) => [
          x.name,
          x.semantics,
          x.timing ? fmtNs(x.timing.median) : x.skipped ?? "-",
          x.timing ? fmtNs(x.timing.cpuMedian) : "-",
          x.timing ? fmtNs(x.timing.p99) : "-",
          x.timing ? fmtNs(x.timing.singleP99) : "-",
          x.timing ? fmtRate((x.timing.queries / x.timing.totalNs) * 1e9) : "-",
          Number.isFinite(x.buildNs) ? fmtNs(x.buildNs) : "-",
          Number.isFinite(x.heapBytes) ? (x.group === "ours" ? `${fmtBytes(x.heapBytes)} (binary)` : fmtBytes(x.heapBytes)) : "-",
          x.matches ?? "-",
          x.agree,
        ]),
        true,
      ),
    );
    out.push("");
    if (s.messyCheck)
      out.push(`Our check on the same queries typed messily (capitals, accents, full-width letters, zero-width spaces): median ${fmtNs(s.messyCheck.median)}; same decisions as on the clean text: ${s.messySameDecisions ? "yes" : "NO"}.`);
    const q = s.ratios;
    if (Number.isFinite(q.checkVsBestPeer))
      out.push(
        `Ratios (wall-clock medians; CPU-time medians in brackets): best peer (${s.bestPeer}) ÷ our check = **${fmtRatio(q.checkVsBestPeer)}** [${fmtRatio(q.cpuCheckVsBestPeer)}] (target ≥ 5×); ` +
          `best peer ÷ our rawMatches = ${fmtRatio(q.rawVsBestPeer)}; our check ÷ floor = **${fmtRatio(q.checkVsFloor)}** [${fmtRatio(q.cpuCheckVsFloor)}] (target ≤ 5×); rawMatches ÷ floor = ${fmtRatio(q.rawVsFloor)}.`,
      );
    out.push("");
  }
  if (r.cold?.length) {
    out.push("### Cold start and size");
    out.push("");
    out.push(
      table(
        ["lexicon", "compile", "compile CPU", "compile peak RSS", "binary", "≤ 25 MiB (one KV value)", "import core", "loadLexicon", "first check", "second check", "verifyLexicon", "heap Δ", "arrayBuffers Δ", "whole process"],
        r.cold.map((c) => [
          c.label,
          c.compileNs === null ? (c.terms ? c.error ?? "-" : "at bench start") : fmtNs(c.compileNs),
          c.compileCpuNs ? fmtNs(c.compileCpuNs) : "-",
          c.compileMaxRss ? fmtBytes(c.compileMaxRss) : "-",
          fmtBytes(c.bytes),
          Number.isFinite(c.bytes) ? (c.bytes <= 25 * 1024 * 1024 ? "yes" : "**no**") : "-",
          fmtNs(c.importNs),
          fmtNs(c.loadNs),
          fmtNs(c.firstCheckNs),
          fmtNs(c.secondCheckNs),
          fmtNs(c.verifyNs),
          fmtBytes(c.heapDelta),
          fmtBytes(c.arrayBuffersDelta),
          fmtNs(c.processNs),
        ]),
        true,
      ),
    );
    out.push("");
  }
  if (r.http) {
    out.push("### HTTP (local workerd)");
    out.push("");
    if (r.http.batchInProcess) {
      const b = r.http.batchInProcess;
      out.push(`In-process CPU cost of a 1000-item batch (core \`check\` × 1000, real lexicon): median ${fmtNs(b.medianNs)} wall, ${fmtNs(b.cpuMedianNs)} CPU (${fmtNs(b.perItemNs)} per item); with \`JSON.stringify\` of the results ${fmtNs(b.withJsonNs)}.`);
      out.push("");
    }
    if (r.http.skipped) out.push(`Skipped: ${r.http.skipped}`);
    else {
      const h = r.http.rows[0]!;
      out.push(
        table(
          ["endpoint", "requests/s (8 connections)", "p50 (1 connection)", "p99 (1 connection)", "p50 ÷ /healthz p50", "non-2xx", "errors"],
          r.http.rows.map((x) => [x.name, x.rps.toFixed(0), fmtNs(x.p50us * 1000), fmtNs(x.p99us * 1000), fmtRatio(x.p50us / h.p50us), x.non2xx, x.errors]),
          true,
        ),
      );
    }
    out.push("");
  }
  return out.join("\n");
}
