/**
 * The lexicon CLI end to end against wrangler's real local KV (the store `npm start` serves from),
 * persisted in a temporary directory: push, push again, versions, rollback. Each wrangler call
 * starts workerd, so this file keeps to the main flow; lexicon-kv.test.ts covers the edge cases.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it, vi } from "vitest";
import push from "../../src/cli/commands/push";
import rollback from "../../src/cli/commands/rollback";
import versions from "../../src/cli/commands/versions";
import { getValue } from "../../src/cli/kv";
import { verifyLexicon } from "../../src/core";

const FIXTURE = "test/worker/fixtures/lexicon";
const tmp = mkdtempSync(join(tmpdir(), "ws-cli-wrangler-"));
const persist = join(tmp, "state");
const local = ["--local", "--persist-to", persist];
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(cmd: (args: string[]) => Promise<number>, args: string[]) {
  const out: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  const err = vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  try {
    return { code: await cmd(args), out: out.join("\n") };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

it("push, push a second version, versions, rollback: through wrangler's local KV", { timeout: 300_000 }, async () => {
  const p1 = await run(push, [...local, "--dir", FIXTURE, "--version", "wr-1"]);
  expect(p1.code, p1.out).toBe(0);

  const dir2 = join(tmp, "lexicon-2");
  cpSync(FIXTURE, dir2, { recursive: true });
  const cat = join(dir2, "categories", "elephant-ivory.yaml");
  writeFileSync(cat, readFileSync(cat, "utf8").replace("terms:\n", 'terms:\n  - {term: mammoth tusk, lang: en, action: warn, note: "Added."}\n'));
  const p2 = await run(push, [...local, "--dir", dir2, "--version", "wr-2"]);
  expect(p2.code, p2.out).toBe(0);
  expect(p2.out).toMatch(/Pointed lexicon:current at wr-2 \(was wr-1\)/);

  const v = await run(versions, [...local, "--json"]);
  expect(v.code, v.out).toBe(0);
  const listed = JSON.parse(v.out) as { current: string; versions: { version: string; metadata: { checksum: string; format: number } }[] };
  expect(listed.current).toBe("wr-2");
  expect(listed.versions.map((x) => x.version)).toEqual(["wr-1", "wr-2"]);

  const rb = await run(rollback, ["wr-1", ...local]);
  expect(rb.code, rb.out).toBe(0);
  const current = new TextDecoder().decode(await getValue({ remote: false, persistTo: persist }, "lexicon:current"));
  expect(current).toBe("wr-1");

  // The bytes wrangler stored are the build, intact.
  const stored = await getValue({ remote: false, persistTo: persist }, "lexicon:v:wr-2");
  const verified = await verifyLexicon(stored);
  expect(verified.ok && verified.info.version).toBe("wr-2");
  expect(verified.ok && verified.info.checksum).toBe(listed.versions[1]!.metadata.checksum);
});
