/**
 * `npm start` (scripts/start.mjs): wrangler dev on 127.0.0.1:$PORT with local KV, passing the
 * arguments after `--` through to wrangler (here a --var that changes CORS, and --persist-to).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { freePort } from "../support/free-port";

const tmp = mkdtempSync(join(tmpdir(), "ws-start-"));
let child: ChildProcess | undefined;
let output = "";

afterAll(async () => {
  if (child?.pid && child.exitCode === null) {
    const exited = new Promise((r) => child!.once("exit", r));
    process.kill(child.pid, "SIGTERM"); // start.mjs forwards it to wrangler
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  }
  rmSync(tmp, { recursive: true, force: true });
});


it("serves on 127.0.0.1:$PORT and passes arguments through to wrangler dev", { timeout: 180_000 }, async () => {
  const port = await freePort();
  child = spawn(process.execPath, ["scripts/start.mjs", "--var", "ALLOWED_ORIGINS:https://allowed.example", "--persist-to", join(tmp, "state")], {
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  let health: Response | undefined;
  for (let i = 0; i < 150 && child.exitCode === null; i++) {
    try {
      health = await fetch(`${base}/healthz`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  expect(health?.status, output.slice(-2000)).toBe(200);
  const lex = (await (await fetch(`${base}/v1/lexicon`)).json()) as { source: string; lastError: { code: string } | null };
  expect(lex.source).toBe("bundled");
  expect(lex.lastError?.code ?? "current_missing").toBe("current_missing"); // local KV, empty
  const allowed = await fetch(`${base}/healthz`, { headers: { origin: "https://allowed.example" } });
  expect(allowed.headers.get("access-control-allow-origin")).toBe("https://allowed.example");
  const other = await fetch(`${base}/healthz`, { headers: { origin: "https://other.example" } });
  expect(other.headers.get("access-control-allow-origin")).toBeNull();
  expect(output).not.toMatch(/Unable to fetch the `Request.cf` object/);
});

it("refuses a PORT that is not a port number", async () => {
  const bad = spawn(process.execPath, ["scripts/start.mjs"], { env: { ...process.env, PORT: "http" }, stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  bad.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((r) => bad.on("exit", r));
  expect(code).toBe(2);
  expect(err).toMatch(/PORT must be/);
});
