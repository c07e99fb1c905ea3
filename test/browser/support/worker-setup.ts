// vitest globalSetup for the `browser` project: starts the real Worker with `wrangler dev` on a
// free 127.0.0.1 port for test/browser/demo-e2e.test.ts, waits for /healthz and stops it afterwards.
// When it cannot start, the e2e file skips and says why (see `workerSkip`).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { freePort } from "../../support/free-port";

declare module "vitest" {
  export interface ProvidedContext {
    workerUrl: string;
    workerSkip: string;
  }
}

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const WRANGLER = join(ROOT, "node_modules/wrangler/bin/wrangler.js");
const START_TIMEOUT_MS = 90_000;
// Wrangler needs Node >= 22.12: prefer the `node@22` devDependency over whatever runs vitest.
const LOCAL_NODE = join(ROOT, "node_modules/node/bin/node");
const NODE = existsSync(LOCAL_NODE) ? LOCAL_NODE : process.execPath;


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export default async function setup(project: TestProject) {
  project.provide("workerUrl", "");
  project.provide("workerSkip", "");
  const skip = (why: string) => { project.provide("workerSkip", why); };
  if (!existsSync("/usr/bin/chromium")) return skip("/usr/bin/chromium does not exist");
  if (!existsSync(WRANGLER)) return skip("wrangler is not installed (node_modules/wrangler)");

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const state = mkdtempSync(join(tmpdir(), "ws-e2e-"));
  const tail: string[] = [];
  const keep = (b: Buffer) => { tail.push(...b.toString("utf8").split("\n").filter(Boolean)); tail.splice(0, Math.max(0, tail.length - 30)); };
  let child: ChildProcess | null = spawn(NODE, [WRANGLER, "dev", "--ip", "127.0.0.1", "--port", String(port),
    "--persist-to", state, "--show-interactive-dev-session=false", "--log-level", "warn"], {
    cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"],
    // Loopback only: no fetch of the Request.cf placeholder from Cloudflare, no metrics.
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", CI: "1" },
  });
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let exited: number | string | null = null;
  child.once("exit", (code, sig) => { exited = code ?? sig ?? "?"; });

  const stop = async () => {
    const c = child;
    child = null;
    if (c && exited === null && c.pid) {
      try { process.kill(-c.pid, "SIGTERM"); } catch { /* gone */ }
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
      if (exited === null) { try { process.kill(-c.pid, "SIGKILL"); } catch { /* gone */ } }
    }
    rmSync(state, { recursive: true, force: true });
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  let ok = false, answered = 0, last = "";
  while (Date.now() < deadline && exited === null && answered < 10) {
    let res: Response | null = null;
    try { res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }); } catch { /* not up yet */ }
    if (res) {
      const text = await res.text().catch(() => "");
      try { if (res.ok && JSON.parse(text).ok === true) { ok = true; break; } } catch { /* not JSON */ }
      answered++; // the server is up but /healthz is not (yet) right
      last = `${res.status} ${text.slice(0, 120)}`;
    }
    await sleep(300);
  }
  if (!ok) {
    const why = exited !== null ? `wrangler dev exited (${exited})`
      : answered ? `wrangler dev is up but /healthz answered ${JSON.stringify(last)}, not {"ok": true}`
      : `wrangler dev did not answer /healthz within ${START_TIMEOUT_MS / 1000}s`;
    await stop();
    skip(`${why}; last output:\n${tail.join("\n")}`);
    return;
  }
  project.provide("workerUrl", url);
  return stop;
}
