/** Order statistics and formatting for the benchmark tables. */

export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  // Nearest-rank on the sorted sample (no interpolation: a p99 is a value that occurred).
  const i = Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
  return sorted[i]!;
}

export function summarize(xs: number[]): { median: number; p99: number; min: number; max: number; mean: number; n: number } {
  const s = Float64Array.from(xs).sort();
  let sum = 0;
  for (const x of s) sum += x;
  return { median: quantile(s, 0.5), p99: quantile(s, 0.99), min: s[0] ?? NaN, max: s[s.length - 1] ?? NaN, mean: sum / s.length, n: s.length };
}

export function median(xs: number[]): number {
  return quantile(Float64Array.from(xs).sort(), 0.5);
}

/** Nanoseconds to a short human string (ns, µs, ms, s). */
export function fmtNs(ns: number): string {
  if (!Number.isFinite(ns)) return "n/a";
  if (ns < 1_000) return `${ns.toFixed(ns < 10 ? 2 : ns < 100 ? 1 : 0)} ns`;
  if (ns < 1_000_000) return `${(ns / 1e3).toFixed(ns < 1e4 ? 2 : 1)} µs`;
  if (ns < 1_000_000_000) return `${(ns / 1e6).toFixed(ns < 1e7 ? 2 : 1)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

export function fmtMs(ms: number): string {
  return fmtNs(ms * 1e6);
}

export function fmtBytes(b: number): string {
  if (!Number.isFinite(b)) return "n/a";
  const sign = b < 0 ? "-" : "";
  b = Math.abs(b);
  if (b < 1024) return `${sign}${b} B`;
  if (b < 1024 * 1024) return `${sign}${(b / 1024).toFixed(1)} KiB`;
  return `${sign}${(b / 1024 / 1024).toFixed(2)} MiB`;
}

export function fmtRate(perSec: number): string {
  if (!Number.isFinite(perSec)) return "n/a";
  if (perSec >= 1e6) return `${(perSec / 1e6).toFixed(2)} M/s`;
  if (perSec >= 1e3) return `${(perSec / 1e3).toFixed(1)} k/s`;
  return `${perSec.toFixed(0)} /s`;
}

export function fmtRatio(r: number): string {
  if (!Number.isFinite(r)) return "n/a";
  return r >= 10 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`;
}

/** A plain-text table (also valid Markdown when `md` is set). */
export function table(head: string[], rows: (string | number)[][], md = false): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const w = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    md ? `| ${r.map((c, i) => c.padEnd(w[i]!)).join(" | ")} |` : r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join("  ");
  const out = [line(cells[0]!)];
  out.push(md ? `| ${w.map((n) => "-".repeat(n)).join(" | ")} |` : w.map((n) => "-".repeat(n)).join("  "));
  for (const r of cells.slice(1)) out.push(line(r));
  return out.join("\n");
}
