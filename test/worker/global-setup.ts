/**
 * Node side of the workerd tests: compile the small test lexicon (test/worker/fixtures/lexicon)
 * into two valid versions, so tests can seed KV with a real "new" version. The Worker side imports
 * them as Data modules (build/test-fixtures/*.bin → ArrayBuffer).
 *
 *   test-1.bin  the fixture lexicon, version "test-1"
 *   test-2.bin  the same plus the term "mammoth tusk", version "test-2"
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildLexicon } from "../../src/compiler";

const FIXTURE = "test/worker/fixtures/lexicon";
const OUT = "build/test-fixtures";
const BUILT_AT = new Date("2026-01-01T00:00:00.000Z");

function build(dir: string, version: string): void {
  const r = buildLexicon(dir, { version, now: BUILT_AT });
  if (!r.ok) throw new Error(`test lexicon ${version} did not build:\n${r.errors.map((e) => `${e.where}: ${e.message}`).join("\n")}`);
  writeFileSync(join(OUT, `${version}.bin`), r.bin!);
  writeFileSync(join(OUT, `${version}.json`), JSON.stringify(r.info, null, 2));
}

export default function setup(): void {
  mkdirSync(OUT, { recursive: true });
  build(FIXTURE, "test-1");
  const tmp = mkdtempSync(join(tmpdir(), "ws-fixture-"));
  try {
    cpSync(FIXTURE, tmp, { recursive: true });
    const cat = join(tmp, "categories", "elephant-ivory.yaml");
    const text = readFileSync(cat, "utf8").replace(
      "terms:\n",
      'terms:\n  - {term: mammoth tusk, lang: en, action: warn, note: "Added in test-2."}\n',
    );
    writeFileSync(cat, text);
    build(tmp, "test-2");
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
