/**
 * KV access for the lexicon CLI (push, versions, rollback, diff), through `wrangler kv key …`
 * so the same commands work on the local KV that `npm start` serves (`--local`, the default) and
 * on Cloudflare (`--remote`, with your wrangler login).
 *
 * Locally, `wrangler dev` binds LEXICON to the namespace's `preview_id`, so `--local` passes
 * `--preview`; `--remote` passes `--preview false` (the production `id`). See docs/storage-schema.md.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const CURRENT_KEY = "lexicon:current";
export const VERSION_PREFIX = "lexicon:v:";

export interface VersionMetadata {
  checksum: string;
  format: number;
  entries: number;
  builtAt: string;
}

export interface KvTarget {
  remote: boolean;
  /** wrangler environment (`--env NAME`). */
  env?: string;
  /** Local persistence directory (`--persist-to DIR`); wrangler's default is .wrangler/state. */
  persistTo?: string;
  /** Wrangler config file (`--config FILE`). */
  config?: string;
}

export interface KeyInfo {
  name: string;
  metadata?: Partial<VersionMetadata> | null;
}

/** Thrown for a failing wrangler call; `message` is what to tell the user. */
export class KvError extends Error {
  override name = "KvError";
}

/**
 * Split KV target flags (`--local`, `--remote`, `--env NAME`, `--persist-to DIR`, `--config FILE`)
 * from the other arguments. Throws KvError on a contradiction or a flag without its value.
 */
export function parseTarget(args: string[]): { target: KvTarget; rest: string[] } {
  const target: KvTarget = { remote: false };
  const rest: string[] = [];
  let local = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (flag: string): string => {
      const eq = a.indexOf("=");
      if (eq > 0) return a.slice(eq + 1);
      const v = args[++i];
      if (v === undefined || v.startsWith("--")) throw new KvError(`${flag} needs a value.`);
      return v;
    };
    if (a === "--local") local = true;
    else if (a === "--remote") target.remote = true;
    else if (a === "--env" || a.startsWith("--env=") || a === "-e") target.env = value("--env");
    else if (a === "--persist-to" || a.startsWith("--persist-to=")) target.persistTo = value("--persist-to");
    else if (a === "--config" || a.startsWith("--config=") || a === "-c") target.config = value("--config");
    else rest.push(a);
  }
  if (local && target.remote) throw new KvError("Choose one of --local and --remote.");
  if (target.remote && target.persistTo) throw new KvError("--persist-to only applies to --local.");
  return { target, rest };
}

/** A command whose expected KV failures (KvError) print their message and exit 1. */
export function withKvErrors(cmd: (args: string[]) => Promise<number>): (args: string[]) => Promise<number> {
  return async (args) => {
    try {
      return await cmd(args);
    } catch (e) {
      if (e instanceof KvError) {
        console.error(e.message);
        return 1;
      }
      throw e;
    }
  };
}

/** How long until a change to `lexicon:current` is served (push, rollback). */
export function propagationNote(t: KvTarget): string {
  return t.remote
    ? "KV can take about 60 s to reach every Cloudflare location; then each Worker isolate switches within LEXICON_REFRESH_SECONDS (30 s by default). Check with `npm run lexicon -- status https://<your worker>`."
    : "A running `npm start` switches within LEXICON_REFRESH_SECONDS (30 s by default; `npm start -- --var LEXICON_REFRESH_SECONDS:1` for quick edits). Check with `npm run lexicon -- status`. (On Cloudflare, KV itself can take about 60 s to reach every location, on top of that.)";
}

export function describeTarget(t: KvTarget): string {
  const where = t.remote ? "remote KV (Cloudflare)" : `local KV (${t.persistTo ?? ".wrangler/state"})`;
  return t.env ? `${where}, environment ${t.env}` : where;
}

const require = createRequire(import.meta.url);
function wranglerBin(): string {
  return join(dirname(require.resolve("wrangler/package.json")), "bin", "wrangler.js");
}

function targetFlags(t: KvTarget): string[] {
  const f = ["--binding", "LEXICON"];
  if (t.remote) f.push("--remote", "--preview", "false");
  else f.push("--local", "--preview");
  if (t.env) f.push("--env", t.env);
  if (t.persistTo) f.push("--persist-to", t.persistTo);
  if (t.config) f.push("--config", t.config);
  return f;
}

interface RunResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

function run(args: string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wranglerBin(), ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: err }));
  });
}

async function wrangler(args: string[], what: string): Promise<Buffer> {
  const r = await run(args);
  if (r.code !== 0) {
    const detail = (r.stderr || r.stdout.toString()).trim().split("\n").slice(-6).join("\n");
    throw new KvError(`wrangler failed to ${what} (exit ${r.code}):\n${detail}`);
  }
  return r.stdout;
}

/** The four KV operations the commands need. The default runs wrangler; tests may swap in another. */
export interface KvBackend {
  /** Every key under `prefix` with its metadata. */
  list(prefix: string): Promise<KeyInfo[]>;
  /** A value's bytes. Callers check the key exists (list) first: wrangler prints "Value not found" for a missing key. */
  get(key: string): Promise<Uint8Array>;
  putText(key: string, value: string): Promise<void>;
  putBinary(key: string, bytes: Uint8Array, metadata: VersionMetadata): Promise<void>;
}

export function wranglerBackend(t: KvTarget): KvBackend {
  return {
    async list(prefix) {
      const out = (await wrangler(["kv", "key", "list", "--prefix", prefix, ...targetFlags(t)], `list keys under "${prefix}"`)).toString();
      const start = out.indexOf("[");
      if (start < 0) throw new KvError(`wrangler printed no key list:\n${out.trim().slice(0, 500)}`);
      try {
        return JSON.parse(out.slice(start)) as KeyInfo[];
      } catch {
        throw new KvError(`wrangler printed a key list that is not JSON:\n${out.trim().slice(0, 500)}`);
      }
    },
    async get(key) {
      const out = await wrangler(["kv", "key", "get", key, ...targetFlags(t)], `read "${key}"`);
      return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    },
    async putText(key, value) {
      await wrangler(["kv", "key", "put", key, value, ...targetFlags(t)], `write "${key}"`);
    },
    async putBinary(key, bytes, metadata) {
      const dir = mkdtempSync(join(tmpdir(), "wildlife-sentinel-"));
      try {
        const file = join(dir, "lexicon.bin");
        writeFileSync(file, bytes);
        await wrangler(["kv", "key", "put", key, "--path", file, "--metadata", JSON.stringify(metadata), ...targetFlags(t)], `write "${key}"`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

let backendFor: (t: KvTarget) => KvBackend = wranglerBackend;

/** Swap the KV backend (tests use an in-memory one); `null` restores wrangler. */
export function setKvBackend(factory: ((t: KvTarget) => KvBackend) | null): void {
  backendFor = factory ?? wranglerBackend;
}

export const listKeys = (t: KvTarget, prefix: string) => backendFor(t).list(prefix);
export const getValue = (t: KvTarget, key: string) => backendFor(t).get(key);
export const putText = (t: KvTarget, key: string, value: string) => backendFor(t).putText(key, value);
export const putBinary = (t: KvTarget, key: string, bytes: Uint8Array, metadata: VersionMetadata) => backendFor(t).putBinary(key, bytes, metadata);

export interface KvState {
  /** The version `lexicon:current` names, or null when unset. */
  current: string | null;
  /** Every `lexicon:v:<version>` key, sorted by builtAt then version. */
  versions: { version: string; metadata: Partial<VersionMetadata> | null }[];
}

/** One list call (plus one read of `lexicon:current` when it exists). */
export async function readState(t: KvTarget): Promise<KvState> {
  const keys = await listKeys(t, "lexicon:");
  const versions = keys
    .filter((k) => k.name.startsWith(VERSION_PREFIX))
    .map((k) => ({ version: k.name.slice(VERSION_PREFIX.length), metadata: k.metadata ?? null }))
    .sort((a, b) => (a.metadata?.builtAt ?? "").localeCompare(b.metadata?.builtAt ?? "") || a.version.localeCompare(b.version));
  let current: string | null = null;
  if (keys.some((k) => k.name === CURRENT_KEY)) {
    current = new TextDecoder().decode(await getValue(t, CURRENT_KEY)).trim() || null;
  }
  return { current, versions };
}

export function versionKey(version: string): string {
  return VERSION_PREFIX + version;
}

/** Take `--name VALUE` / `--name=VALUE` out of args. Throws KvError when the value is missing. */
export function takeOption(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === name) {
      const v = args[i + 1];
      if (v === undefined || v.startsWith("--")) throw new KvError(`${name} needs a value.`);
      args.splice(i, 2);
      return v;
    }
    if (a.startsWith(`${name}=`)) {
      args.splice(i, 1);
      return a.slice(name.length + 1);
    }
  }
  return undefined;
}

/** Take a boolean `--flag` out of args. */
export function takeFlag(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
}

export const shortSum = (s: string | undefined) => (s ? s.slice(0, 12) : "?");
