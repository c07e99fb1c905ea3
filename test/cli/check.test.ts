/**
 * `npm run lexicon -- build` and `npm run lexicon -- check`: what a maintainer runs, as a process.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { check, loadLexicon } from "../../src/core";

const dir = mkdtempSync(join(tmpdir(), "lexicon-cli-"));
const bin = join(dir, "fixture.bin");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lexicon(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("lexicon build", () => {
  it("compiles the test lexicon and says what it built", () => {
    const r = lexicon("build", "test/fixtures/lexicon", "--out", bin);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/entries, \d+ patterns, 6 categories, .* examples pass; \d+ bytes/);
    expect(loadLexicon(readFileSync(bin)).info.entries).toBeGreaterThan(30);
    expect(JSON.parse(readFileSync(join(dir, "fixture.json"), "utf8")).checksum).toMatch(/^[0-9a-f]{64}$/);
  });
  it("fails with file:line errors and writes nothing on a bad lexicon", () => {
    const r = lexicon("build", "test/fixtures/no-such-lexicon", "--out", join(dir, "bad.bin"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/lexicon\.yaml: file is missing/);
    expect(r.err).toMatch(/nothing written/);
  });
});

describe("lexicon check", () => {
  it("explains a decision in words", () => {
    const r = lexicon("check", "1v0ry f0r sale", "--bin", bin);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^BLOCK {2}"1v0ry f0r sale"/);
    expect(r.out).toMatch(/normalized: ivory for sale/);
    expect(r.out).toMatch(/elephant-ivory\/ivory/);
  });
  it("--json prints exactly the API's response object, explain included", () => {
    const r = lexicon("check", "#象牙手鐲", "--locale", "zh-TW", "--json", "--bin", bin);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out);
    const lex = loadLexicon(readFileSync(bin));
    // zh-TW falls back to the closest locale the lexicon has (zh-Hans here: it has no zh-Hant).
    expect(json).toEqual(check(lex, "#象牙手鐲", { locale: "zh-Hans", explain: true }));
    expect(json.explain.kind).toBe("hashtag");
  });
  it("refuses bad arguments with a usage message", () => {
    expect(lexicon("check", "ivory", "--kind", "tweet", "--bin", bin)).toMatchObject({ code: 2, err: expect.stringMatching(/--kind must be query or hashtag/) });
    expect(lexicon("check", "ivory", "--locale", "zh_TW!", "--bin", bin)).toMatchObject({ code: 2, err: expect.stringMatching(/not a BCP 47/) });
    expect(lexicon("check")).toMatchObject({ code: 2, err: expect.stringMatching(/usage/) });
    expect(lexicon("frobnicate")).toMatchObject({ code: 2, err: expect.stringMatching(/Unknown command "frobnicate"/) });
  });
});
