/**
 * Batch timing. Timing a single sub-microsecond call with the clock costs more than the call,
 * so queries are timed in batches (100 by default) with process.hrtime.bigint() and the batch
 * time is divided by the batch size: "per-query" figures are batch means. The median of batch
 * means is a robust per-query median; the p99 of batch means shows GC pauses and slow batches
 * (it understates the tail of single queries, which the batch averages away, so `singles` also
 * times some queries one at a time, less the timer's own cost, for the per-query p99).
 *
 * Every engine gets its own copy of the loop (new Function), so one engine's call-site
 * feedback cannot slow another (a shared loop would go megamorphic after the third engine).
 */
import { summarize } from "./stats.js";

export interface Timing {
  /** Per-query ns: median and p99 of batch means (wall clock, process.hrtime.bigint). */
  median: number;
  p99: number;
  /** Per-query ns of queries timed one at a time (the tail a single slow query makes), less the
   *  timer's own median cost; NaN when none were timed singly. */
  singleMedian: number;
  singleP99: number;
  singles: number;
  mean: number;
  /** Per-query ns of process CPU time (process.cpuUsage, µs resolution): the median of batch
   *  means. Not inflated when the scheduler runs another process mid-batch (2 shared cores). */
  cpuMedian: number;
  /** Queries timed and their total UTF-16 units. */
  queries: number;
  units: number;
  totalNs: number;
  batches: number;
  /** Sum of the engine's results, so the work cannot be optimised away (and a sanity figure). */
  sink: number;
}

type Loop = (run: (q: string) => number, qs: string[], from: number, to: number) => number;

function freshLoop(): Loop {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function("run", "qs", "from", "to", "let s = 0; for (let i = from; i < to; i++) s += run(qs[i]); return s;") as Loop;
}

let timerOverhead = -1;
/** What one hrtime.bigint() pair around nothing costs (median of many). */
function timerOverheadNs(): number {
  if (timerOverhead < 0) {
    const xs: number[] = [];
    for (let i = 0; i < 20001; i++) {
      const t0 = process.hrtime.bigint();
      xs.push(Number(process.hrtime.bigint() - t0));
    }
    timerOverhead = summarize(xs).median;
  }
  return timerOverhead;
}

let overhead = -1;
/** CPU time that the cpuUsage/hrtime calls around an empty batch cost (median of many). */
function cpuOverheadNs(): number {
  if (overhead < 0) {
    const xs: number[] = [];
    for (let i = 0; i < 2001; i++) {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const dt = process.hrtime.bigint() - t0;
      const c1 = process.cpuUsage(c0);
      xs.push((c1.user + c1.system) * 1000 + Number(dt) * 0);
    }
    overhead = summarize(xs).median;
  }
  return overhead;
}

/**
 * Accumulates batch timings for one engine. The harness interleaves engines: round r times
 * every engine on slice r of the queries, so a burst of load on the machine (other processes
 * share its 2 cores) hits every engine alike instead of whichever happened to be running.
 */
export class BatchTimer {
  private loop = freshLoop();
  /** Its own call site for single queries too, for the same reason as `loop`. */
  private one = new Function("run", "q", "return run(q);") as (run: (q: string) => number, q: string) => number;
  private per: number[] = [];
  private single: number[] = [];
  private perCpu: number[] = [];
  private total = 0;
  private n = 0;
  private units = 0;
  private sink = 0;
  constructor(
    private run: (q: string) => number,
    private queries: string[],
    private batch = 100,
  ) {}

  warmup(queries: number, capNs: number, passes = 2): void {
    const start = process.hrtime.bigint();
    const cap = BigInt(Math.round(capNs));
    const wq = Math.min(queries, this.queries.length);
    for (let p = 0; p < passes; p++) {
      for (let b = 0; b < wq; b += this.batch) {
        this.sink += this.loop(this.run, this.queries, b, Math.min(wq, b + this.batch));
        if (process.hrtime.bigint() - start > cap) return;
      }
    }
  }

  /** Time whole batches in [from, to) until `budgetNs` of timed work (at least `minBatches`). */
  slice(from: number, to: number, budgetNs = Infinity, minBatches = 1): void {
    const { batch, queries, run, loop } = this;
    let spent = 0;
    let done = 0;
    for (let b = from; b + batch <= to; b += batch) {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      this.sink += loop(run, queries, b, b + batch);
      const dt = Number(process.hrtime.bigint() - t0);
      const c1 = process.cpuUsage(c0);
      this.per.push(dt / batch);
      this.perCpu.push(Math.max(0, (c1.user + c1.system) * 1000 - cpuOverheadNs()) / batch);
      this.total += dt;
      this.n += batch;
      for (let i = b; i < b + batch; i++) this.units += queries[i]!.length;
      spent += dt;
      done++;
      if (spent >= budgetNs && done >= minBatches) break;
    }
  }

  /**
   * Time queries in [from, to) one at a time, until `budgetNs` of timed work: the per-query tail
   * (a long query full of hits) that batch means average away. Each sample is less the timer's
   * own median cost (tens of ns), so figures near the floor are rough; microseconds are not.
   */
  singles(from: number, to: number, budgetNs = Infinity): void {
    const { run, queries, one } = this;
    const oh = timerOverheadNs();
    let spent = 0;
    for (let i = from; i < to; i++) {
      const t0 = process.hrtime.bigint();
      this.sink += one(run, queries[i]!);
      const dt = Number(process.hrtime.bigint() - t0);
      this.single.push(Math.max(0, dt - oh));
      spent += dt;
      if (spent >= budgetNs) break;
    }
  }

  result(): Timing {
    const s = summarize(this.per);
    const c = summarize(this.perCpu);
    const one = this.single.length ? summarize(this.single) : { median: NaN, p99: NaN };
    return { median: s.median, p99: s.p99, singleMedian: one.median, singleP99: one.p99, singles: this.single.length, mean: s.mean, cpuMedian: c.median, queries: this.n, units: this.units, totalNs: this.total, batches: this.per.length, sink: this.sink };
  }
}

/** Time every query in order, in batches (for a single engine outside the interleaved rounds). */
export function timeQueries(run: (q: string) => number, queries: string[], o: { batch?: number; warmupQueries?: number; warmupNs?: number } = {}): Timing {
  const t = new BatchTimer(run, queries, o.batch ?? 100);
  t.warmup(o.warmupQueries ?? 5000, o.warmupNs ?? 1e9);
  t.slice(0, queries.length);
  return t.result();
}

/** Time one call of `fn` in ns. */
export function timeOnce<T>(fn: () => T): { ns: number; value: T } {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { ns: Number(process.hrtime.bigint() - t0), value };
}

/**
 * Fresh sequential copies of the strings. Generated queries are ropes and slices; reading one
 * flattens it in place behind an indirection that only a later GC removes, so an engine's speed
 * would depend on when the collector last ran. JSON.parse builds every string flat and one-byte
 * when it can be, as a Worker gets a query from a URL or a JSON body.
 */
export function flatten(xs: string[]): string[] {
  return JSON.parse(JSON.stringify(xs)) as string[];
}
