/**
 * Section 3: the Worker over HTTP, in local workerd (`wrangler dev --local`), loaded by
 * autocannon from this process. Loopback only: the server binds 127.0.0.1 and every request
 * goes to http://127.0.0.1:<port>.
 *
 * Two runs per endpoint, interleaved over rounds so drift hits every endpoint alike:
 *  - latency: 1 connection, one request at a time: p50/p99 of single requests (µs, from
 *    autocannon's per-response times; its own histogram rounds to whole milliseconds);
 *  - throughput: several connections: requests per second.
 * /healthz on the same server in the same rounds is the baseline: what workerd + HTTP + Hono
 * cost without the engine. Plus the in-process CPU cost of a 1000-item batch (core check × 1000).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { createRequire } from "node:module";
import { makeQueries } from "./lib/gen.js";
import { CORE_BUNDLE, OUT, REAL_BIN, ROOT, type Core } from "./lib/ours.js";
import { fmtNs, fmtRatio, median, summarize, table } from "./lib/stats.js";

const require = createRequire(import.meta.url);
type AutocannonResult = { requests: { average: number; total: number }; non2xx: number; errors: number; timeouts: number; duration: number };
type Instance = Promise<AutocannonResult> & { on(ev: "response", cb: (client: unknown, status: number, bytes: number, ms: number) => void): void };
const autocannon = require("autocannon") as (opts: Record<string, unknown>) => Instance;

export interface HttpConfig {
  durationS: number;
  rounds: number;
  connections: number;
  startTimeoutMs: number;
}

export interface HttpRow {
  name: string;
  rps: number;
  p50us: number;
  p99us: number;
  latencyRequests: number;
  throughputRequests: number;
  non2xx: number;
  errors: number;
}

export interface HttpResult {
  skipped?: string;
  port?: number;
  rows: HttpRow[];
  checkVsHealthz?: number;
  longVsHealthz?: number;
  batchInProcess?: { lexicon: string; items: number; medianNs: number; cpuMedianNs: number; p99Ns: number; perItemNs: number; withJsonNs: number };
}

/** 120 UTF-16 units of mixed-script search text with a term in it. */
export const LONG_QUERY = (() => {
  const s = "vintage carved bangle gift for mom 象牙手镯 价格 mua vòng tay ngà voi giá rẻ, free shipping worldwide — best quality pendant 2024 sale";
  return (s + " extra words to fill the query box to its length").slice(0, 120);
})();
export const SHORT_QUERY = "ivory bangle";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitHealthy(base: string, child: ChildProcess, timeoutMs: number): Promise<string | null> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) return `wrangler exited with code ${child.exitCode}`;
    try {
      const r = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return null;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return `no healthy /healthz within ${timeoutMs / 1000} s`;
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.pid === undefined) return resolve();
    const t = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
      resolve();
    }, 5000);
    child.once("exit", () => {
      clearTimeout(t);
      resolve();
    });
    try {
      process.kill(-child.pid, "SIGTERM"); // the process group we created: wrangler and its workerd
    } catch {
      resolve();
    }
  });
}

async function cannon(opts: Record<string, unknown>, collect: boolean): Promise<{ res: AutocannonResult; lat: number[] }> {
  const lat: number[] = [];
  const inst = autocannon({ ...opts, renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  if (collect) inst.on("response", (_c, status, _b, ms) => void (status < 300 && lat.push(ms * 1000)));
  const res = await inst;
  return { res, lat };
}

export async function runHttp(cfg: HttpConfig, core: Core | null, log: (s: string) => void): Promise<HttpResult> {
  log(`\n## HTTP: the Worker in local workerd (wrangler dev), autocannon on 127.0.0.1`);
  const result: HttpResult = { rows: [] };

  // In-process CPU cost of a 1000-item batch on the real lexicon (what one batch request costs the engine).
  const realBin = REAL_BIN;
  let batchItems: { q: string }[] = [];
  if (core && fs.existsSync(realBin)) {
    const lex = core.loadLexicon(new Uint8Array(fs.readFileSync(realBin)));
    const terms = ((await import(CORE_BUNDLE)) as { listEntries?: (l: unknown) => { term: string }[] }).listEntries?.(lex).map((e) => e.term) ?? [SHORT_QUERY];
    const qs = makeQueries(1000, terms, { seed: 0xba7c4, hitRate: 0.1, maxLen: 80 }).queries;
    batchItems = qs.map((q) => ({ q }));
    const once = () => {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      let n = 0;
      for (const it of batchItems) n += core.check(lex, it.q).matches.length;
      const ns = Number(process.hrtime.bigint() - t0);
      const c = process.cpuUsage(c0);
      return { ns, cpuNs: (c.user + c.system) * 1000, n };
    };
    for (let i = 0; i < 10; i++) once();
    const xs: number[] = [];
    const cpus: number[] = [];
    for (let i = 0; i < 30; i++) {
      const o = once();
      xs.push(o.ns);
      cpus.push(o.cpuNs);
    }
    const json: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t0 = process.hrtime.bigint();
      const body = JSON.stringify({ results: batchItems.map((it) => core.check(lex, it.q)) });
      json.push(Number(process.hrtime.bigint() - t0) + (body.length & 0));
    }
    const s = summarize(xs);
    result.batchInProcess = { lexicon: "lexicon-real.bin", items: 1000, medianNs: s.median, cpuMedianNs: median(cpus), p99Ns: s.p99, perItemNs: s.median / 1000, withJsonNs: median(json) };
    log(
      `in-process: core check × 1000 items (real lexicon, generated queries ≤ 80 chars, 10% with a term): median ${fmtNs(s.median)} per batch ` +
        `(${fmtNs(s.median / 1000)} per item; CPU time ${fmtNs(median(cpus))}), max of 30 ${fmtNs(s.max)}; check + JSON.stringify of the results ${fmtNs(median(json))}`,
    );
  } else {
    batchItems = Array.from({ length: 1000 }, (_, i) => ({ q: i % 2 ? SHORT_QUERY : LONG_QUERY }));
  }

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const wrangler = path.join(path.dirname(require.resolve("wrangler/package.json")), "bin", "wrangler.js");
  const state = path.join(OUT, "wrangler-state"); // empty local KV: the Worker serves its bundled lexicon
  fs.rmSync(state, { recursive: true, force: true });
  const child = spawn(
    process.execPath,
    [wrangler, "dev", "--local", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", state, "--log-level", "warn", "--show-interactive-dev-session=false"],
    { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" } },
  );
  let out = "";
  child.stdout!.on("data", (d) => void (out = (out + d).slice(-4000)));
  child.stderr!.on("data", (d) => void (out = (out + d).slice(-4000)));
  const t0 = Date.now();
  const err = await waitHealthy(base, child, cfg.startTimeoutMs);
  if (err) {
    await stop(child);
    result.skipped = `the Worker did not start (${err}); HTTP benchmarks skipped. Last output: ${out.trim().split("\n").slice(-3).join(" | ").slice(0, 400)}`;
    log(result.skipped);
    return result;
  }
  result.port = port;
  log(`wrangler dev up on ${base} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  try {
    const endpoints = [
      { name: "GET /healthz", path: "/healthz" },
      { name: `GET /v1/check (short, ${SHORT_QUERY.length} chars)`, path: `/v1/check?q=${encodeURIComponent(SHORT_QUERY)}` },
      { name: `GET /v1/check (mixed script, ${LONG_QUERY.length} chars)`, path: `/v1/check?q=${encodeURIComponent(LONG_QUERY)}` },
      {
        name: "POST /v1/check/batch (1000 items)",
        path: "/v1/check/batch",
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ items: batchItems }),
      },
    ];
    // Sanity: every endpoint answers 200 before we load it.
    for (const e of endpoints) {
      const r = await fetch(base + e.path, { method: e.method ?? "GET", headers: e.headers, body: e.body });
      if (!r.ok) log(`  warning: ${e.name} answered ${r.status}: ${(await r.text()).slice(0, 200)}`);
      else await r.arrayBuffer();
    }
    // Warm-up: a short burst on each.
    for (const e of endpoints) await cannon({ url: base + e.path, method: e.method ?? "GET", headers: e.headers, body: e.body, connections: 2, duration: Math.min(1, cfg.durationS / 2) }, false);

    const acc = endpoints.map(() => ({ lat: [] as number[], rps: [] as number[], lreq: 0, treq: 0, non2xx: 0, errors: 0 }));
    for (let r = 0; r < cfg.rounds; r++) {
      for (const [i, e] of endpoints.entries()) {
        const common = { url: base + e.path, method: e.method ?? "GET", headers: e.headers, body: e.body, duration: cfg.durationS };
        const l = await cannon({ ...common, connections: 1 }, true);
        const t = await cannon({ ...common, connections: cfg.connections }, false);
        const a = acc[i]!;
        a.lat.push(...l.lat);
        a.rps.push(t.res.requests.average);
        a.lreq += l.res.requests.total;
        a.treq += t.res.requests.total;
        a.non2xx += l.res.non2xx + t.res.non2xx;
        a.errors += l.res.errors + t.res.errors + l.res.timeouts + t.res.timeouts;
      }
    }
    result.rows = endpoints.map((e, i) => {
      const a = acc[i]!;
      const s = summarize(a.lat);
      return { name: e.name, rps: median(a.rps), p50us: s.median, p99us: s.p99, latencyRequests: a.lreq, throughputRequests: a.treq, non2xx: a.non2xx, errors: a.errors };
    });
  } finally {
    await stop(child);
  }

  const h = result.rows[0]!;
  result.checkVsHealthz = result.rows[1]!.p50us / h.p50us;
  result.longVsHealthz = result.rows[2]!.p50us / h.p50us;
  log("");
  log(
    table(
      ["endpoint", `req/s (${cfg.connections} conn.)`, "p50 (1 conn.)", "p99 (1 conn.)", "p50 ÷ /healthz p50", "requests", "non-2xx", "errors"],
      result.rows.map((r) => [
        r.name,
        r.rps.toFixed(0),
        fmtNs(r.p50us * 1000),
        fmtNs(r.p99us * 1000),
        fmtRatio(r.p50us / h.p50us),
        r.latencyRequests + r.throughputRequests,
        r.non2xx,
        r.errors,
      ]),
    ),
  );
  log(
    `target: GET /v1/check p50 ÷ /healthz p50 ≤ 1.2× → short ${fmtRatio(result.checkVsHealthz)}, 120-char ${fmtRatio(result.longVsHealthz)} ` +
      `(${result.checkVsHealthz <= 1.2 && result.longVsHealthz <= 1.2 ? "met" : "NOT met"})`,
  );
  return result;
}
