/**
 * The lexicon CLI's KV commands (push, versions, rollback, diff, status) with the small test lexicon,
 * over an in-memory KV backend (every wrangler call costs seconds; lexicon-kv-wrangler.test.ts runs
 * the main flow against wrangler's real local KV).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import diff from "../../src/cli/commands/diff";
import push from "../../src/cli/commands/push";
import rollback from "../../src/cli/commands/rollback";
import status from "../../src/cli/commands/status";
import versions from "../../src/cli/commands/versions";
import { getValue, type KeyInfo, putBinary, readState, setKvBackend } from "../../src/cli/kv";
import { FORMAT } from "../../src/core/binary";

const FIXTURE = "test/worker/fixtures/lexicon";
const tmp = mkdtempSync(join(tmpdir(), "ws-cli-"));
const persist = join(tmp, "state");
const target = { remote: false, persistTo: persist };
const local = ["--local", "--persist-to", persist];

/** Run a command, capturing what it prints. */
async function run(cmd: (args: string[]) => Promise<number>, args: string[]) {
  const out: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  const err = vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  try {
    const code = await cmd(args);
    return { code, out: out.join("\n") };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

/** A copy of the fixture lexicon with an edit applied to one file. */
function variant(file: string, edit: (text: string) => string): string {
  const dir = join(tmp, `lexicon-${Math.random().toString(36).slice(2)}`);
  cpSync(FIXTURE, dir, { recursive: true });
  const p = join(dir, file);
  writeFileSync(p, edit(readFileSync(p, "utf8")));
  return dir;
}

const memory = new Map<string, { value: Uint8Array; metadata?: unknown }>();
const enc = new TextEncoder();

let withTusk: string;
let failing: string;
beforeAll(() => {
  setKvBackend(() => ({
    list: async (prefix) =>
      [...memory.entries()]
        .filter(([k]) => k.startsWith(prefix))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, v]) => ({ name, ...(v.metadata ? { metadata: v.metadata } : {}) }) as KeyInfo),
    get: async (key) => memory.get(key)?.value ?? enc.encode("Value not found"),
    putText: async (key, value) => void memory.set(key, { value: enc.encode(value) }),
    putBinary: async (key, bytes, metadata) => void memory.set(key, { value: bytes.slice(), metadata }),
  }));
  withTusk = variant("categories/elephant-ivory.yaml", (t) => t.replace("terms:\n", 'terms:\n  - {term: mammoth tusk, lang: en, action: warn, note: "Added."}\n'));
  failing = variant("categories/rhino-horn.yaml", (t) => t.replace("{q: shoehorn, expect: allow}", "{q: shoehorn, expect: block}"));
});
afterAll(() => {
  setKvBackend(null);
  rmSync(tmp, { recursive: true, force: true });
});

describe("lexicon CLI KV commands", () => {
  it("push writes the version with metadata, then points current at it", async () => {
    const r = await run(push, [...local, "--dir", FIXTURE, "--version", "cli-1"]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain("lexicon:v:cli-1");
    expect(r.out).toMatch(/60 s/);
    expect(r.out).toMatch(/LEXICON_REFRESH_SECONDS/);
    const state = await readState(target);
    expect(state.current).toBe("cli-1");
    expect(state.versions).toHaveLength(1);
    expect(state.versions[0]!.metadata).toMatchObject({ checksum: expect.stringMatching(/^[0-9a-f]{64}$/), format: FORMAT, entries: expect.any(Number), builtAt: expect.any(String) });
    // The stored bytes are the build (checked by verifying them the way the Worker does).
    const { verifyLexicon } = await import("../../src/core");
    const v = await verifyLexicon(await getValue(target, "lexicon:v:cli-1"));
    expect(v.ok && v.info.version).toBe("cli-1");
    expect(v.ok && v.info.checksum).toBe(state.versions[0]!.metadata!.checksum);
  });

  it("refuses a different build under an existing version id, writing nothing", async () => {
    const before = await readState(target);
    const r = await run(push, [...local, "--dir", FIXTURE, "--version", "cli-1"]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/already has lexicon:v:cli-1/);
    expect(await readState(target)).toEqual(before);
  });

  it("refuses a lexicon whose examples fail, writing nothing", async () => {
    const before = await readState(target);
    const r = await run(push, [...local, "--dir", failing, "--version", "cli-bad"]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/shoehorn/);
    expect(r.out).toMatch(/nothing was uploaded/);
    expect(await readState(target)).toEqual(before);
  });

  it("pushes a second version and lists both, marking current", async () => {
    expect((await run(push, [...local, "--dir", withTusk, "--version", "cli-2"])).code).toBe(0);
    const r = await run(versions, local);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\s+cli-1\s/m);
    expect(r.out).toMatch(/^\* cli-2\s/m);
    const j = await run(versions, [...local, "--json"]);
    const parsed = JSON.parse(j.out) as { current: string; versions: { version: string; current: boolean }[] };
    expect(parsed.current).toBe("cli-2");
    expect(parsed.versions.map((v) => [v.version, v.current])).toEqual([
      ["cli-1", false],
      ["cli-2", true],
    ]);
  });

  it("diffs two versions, and the working tree against a version", async () => {
    const r = await run(diff, ["cli-1", "cli-2", ...local]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/\+1 added, -0 removed, ~0 changed/);
    expect(r.out).toMatch(/^\+ elephant-ivory\/mammoth-tusk\s+\[term warn en\] mammoth tusk$/m);
    const back = await run(diff, ["cli-2", ".", ...local, "--dir", FIXTURE, "--json"]);
    const j = JSON.parse(back.out) as { removed: { id: string }[]; added: unknown[]; changed: unknown[] };
    expect(j.removed.map((e) => e.id)).toEqual(["elephant-ivory/mammoth-tusk"]);
    expect(j.added).toEqual([]);
    const changedAction = variant("categories/rhino-horn.yaml", (t) => t.replace("{term: rhino horn, lang: en, action: warn", "{term: rhino horn, lang: en, action: block"));
    const c = await run(diff, ["cli-1", ".", ...local, "--dir", changedAction.replace(/\/$/, "")]);
    // A lexicon whose examples now fail does not build, so diff says so instead of guessing.
    expect(c.code).toBe(1);
    expect((await run(diff, ["cli-1", "nope", ...local])).code).toBe(1);
  });

  it("rolls back to an earlier version after verifying it", async () => {
    const r = await run(rollback, ["cli-1", ...local]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/Pointed lexicon:current at cli-1 \(was cli-2\)/);
    expect((await readState(target)).current).toBe("cli-1");
    expect((await run(rollback, ["cli-1", ...local])).out).toMatch(/already names cli-1/);
  });

  it("refuses to roll back to a missing or corrupt version", async () => {
    const missing = await run(rollback, ["cli-9", ...local]);
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/no lexicon:v:cli-9.*cli-1, cli-2/);
    await putBinary(target, "lexicon:v:cli-junk", new Uint8Array(512).fill(7), { checksum: "0".repeat(64), format: FORMAT, entries: 1, builtAt: "2026-01-01T00:00:00.000Z" });
    const junk = await run(rollback, ["cli-junk", ...local]);
    expect(junk.code).toBe(1);
    expect(junk.out).toMatch(/does not verify \(bad_magic/);
    // A valid binary stored under the wrong id is refused too.
    const cli2 = await getValue(target, "lexicon:v:cli-2");
    const state = await readState(target);
    await putBinary(target, "lexicon:v:cli-3", cli2, state.versions.find((v) => v.version === "cli-2")!.metadata as never);
    const wrongId = await run(rollback, ["cli-3", ...local]);
    expect(wrongId.code).toBe(1);
    expect(wrongId.out).toMatch(/binary is version cli-2/);
    expect((await readState(target)).current).toBe("cli-1");
  });

  it("usage errors exit 2", async () => {
    expect((await run(rollback, local)).code).toBe(2);
    expect((await run(diff, ["only-one", ...local])).code).toBe(2);
    expect((await run(push, [...local, "--version", "bad id!"])).code).toBe(2);
    expect((await run(push, ["--local", "--remote"])).code).toBe(1);
  });
});

describe("lexicon status", () => {
  let server: Server;
  let url = "";
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/v1/lexicon") {
        res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
        res.end(
          JSON.stringify({
            version: "cli-2",
            source: "kv",
            checksum: "a".repeat(64),
            builtAt: "2026-01-01T00:00:00.000Z",
            entries: 14,
            languages: ["en"],
            categories: ["elephant-ivory"],
            lastCheckedAt: "2026-01-01T00:00:30.000Z",
            lastError: { version: "cli-9", code: "version_missing", message: "missing" },
          }),
        );
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const addr = server.address() as { port: number };
    url = `http://127.0.0.1:${addr.port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("prints what a running service serves", async () => {
    const r = await run(status, [url]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/serves lexicon cli-2 from KV/);
    expect(r.out).toMatch(/version_missing \(version cli-9\)/);
  });

  it("fails clearly when nothing answers", async () => {
    const r = await run(status, ["http://127.0.0.1:9"]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Could not reach/);
  });
});

describe("lexicon push of a rebuilt source", () => {
  it("gives a rebuild of the same source the next free id instead of refusing it", async () => {
    // Last in the file: it adds versions the other tests' lists do not expect.
    const own = target;
    const ownArgs = local;
    const first = await run(push, [...ownArgs, "--dir", FIXTURE]);
    expect(first.code, first.out).toBe(0);
    const id = (await readState(own)).current!;
    expect(id).toMatch(/^\d{4}\.\d{2}\.\d{2}-[0-9a-f]{8}$/);
    const again = await run(push, [...ownArgs, "--dir", FIXTURE]);
    expect(again.code, again.out).toBe(0);
    expect(again.out).toMatch(/becomes .*\.2/);
    const state = await readState(own);
    expect(state.current).toBe(`${id}.2`);
    expect(state.versions.map((v) => v.version)).toEqual(expect.arrayContaining([id, `${id}.2`]));
  });

});
