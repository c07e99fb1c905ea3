/**
 * The build refuses a bad lexicon and says where: each test copies the test lexicon, breaks one
 * thing, and expects an error naming the file and line.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildLexicon } from "../../src/compiler";

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A copy of the test lexicon with `edit` applied to one file. */
function broken(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "lexicon-"));
  dirs.push(dir);
  cpSync("test/fixtures/lexicon", dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, edit(readFileSync(path, "utf8")));
  return dir;
}
const errorsOf = (dir: string) => {
  const r = buildLexicon(dir);
  expect(r.ok).toBe(false);
  expect(r.bin).toBeUndefined();
  return r.errors.map((e) => `${e.where}: ${e.message}`);
};
const appendTerm = (line: string) => (t: string) => t.replace("examples:", `  - ${line}\nexamples:`);

describe("the lexicon build", () => {
  it("builds the intact test lexicon and runs its examples", () => {
    const r = buildLexicon("test/fixtures/lexicon");
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.examples.failed).toBe(0);
    expect(r.examples.passed).toBeGreaterThan(10);
    expect(r.info!.version).toMatch(/^\d{4}\.\d{2}\.\d{2}-[0-9a-f]{8}$/);
  });

  it("names an unknown field with its file and line", () => {
    const dir = broken("categories/rhino-horn.yaml", appendTerm("{term: rhino horn cup, lang: en, action: warn, note: x, colour: red}"));
    expect(errorsOf(dir)).toEqual([expect.stringMatching(/rhino-horn\.yaml:10: unknown field "colour" in term/)]);
  });

  it("names a bad value", () => {
    const dir = broken("categories/rhino-horn.yaml", appendTerm("{term: rhino horn cup, lang: en, action: sell, note: x}"));
    expect(errorsOf(dir)).toEqual([expect.stringMatching(/rhino-horn\.yaml:10: term field "action" must be one of warn, block, context; got "sell"/)]);
  });

  it("names an unknown language and a missing required field", () => {
    const dir = broken("categories/rhino-horn.yaml", appendTerm("{term: rhino horn cup, lang: xx, action: warn, note: x}\n  - {term: rhino cup, lang: en, action: warn}"));
    const errs = errorsOf(dir);
    expect(errs).toContainEqual(expect.stringMatching(/rhino-horn\.yaml:10: unknown language "xx"/));
    expect(errs).toContainEqual(expect.stringMatching(/rhino-horn\.yaml:11: term is missing required field "note"/));
  });

  it("finds a duplicate across files, however it is written", () => {
    const dir = broken("categories/rhino-horn.yaml", appendTerm("{term: PANGOLIN  Scales, lang: en, action: warn, note: x}"));
    expect(errorsOf(dir)).toEqual([expect.stringMatching(/rhino-horn\.yaml:10: duplicate entry: "PANGOLIN {2}Scales" \(term warn\) normalizes like "pangolin scales" \(term warn\) at .*pangolin\.yaml:5/)]);
  });

  it("finds conflicting actions", () => {
    const dir = broken("categories/rhino-horn.yaml", appendTerm("{term: 穿 山 甲, lang: zh-Hant, action: block, note: x}"));
    expect(errorsOf(dir)).toEqual([expect.stringMatching(/rhino-horn\.yaml:10: conflicting entry: "穿 山 甲" \(term block\) normalizes like "穿山甲" \(term warn\) at .*pangolin\.yaml:6/)]);
  });

  it("refuses a term that normalizes to nothing", () => {
    const dir = broken("categories/pangolin.yaml", appendTerm('{term: "\\u200b -- ", lang: en, action: warn, note: x}'));
    expect(errorsOf(dir)).toEqual([expect.stringMatching(/pangolin\.yaml:9: .* normalizes to nothing/)]);
  });

  it("refuses an exception that shadows no term", () => {
    const dir = broken("exceptions.yaml", (t) => t.replace("examples:", "  - {phrase: tiger balm, lang: en, reason: Ointment brand.}\nexamples:"));
    expect(errorsOf(dir)).toEqual([expect.stringMatching(/exceptions\.yaml:6: exception "tiger balm" shadows no term/)]);
  });

  it("refuses a lexicon whose own example fails, naming the example", () => {
    const dir = broken("categories/pangolin.yaml", (t) => `${t}  - {q: pangolin scales, expect: allow}\n`);
    expect(errorsOf(dir)).toEqual([expect.stringMatching(/pangolin\.yaml:12: example "pangolin scales" expects allow but got warn/)]);
  });

  it("reports YAML syntax errors with their line", () => {
    const dir = broken("context.yaml", (t) => t.replace("- {term: ban", "- {term: [ban"));
    expect(errorsOf(dir)[0]).toMatch(/context\.yaml:2: /);
  });

  it("requires a message for every category in every locale", () => {
    const dir = broken("messages/fr.yaml", (t) => t.replace(/ {2}pangolin:.*\n/, ""));
    expect(errorsOf(dir)).toEqual([expect.stringMatching(/messages\/fr\.yaml: category "pangolin" needs a text title and a text body/)]);
  });

  it("requires each category file to be listed, and each listed category to have a file", () => {
    const dir = broken("lexicon.yaml", (t) => t.replace("pangolin, ", "pangolins, "));
    const errs = errorsOf(dir);
    expect(errs).toContainEqual(expect.stringMatching(/category "pangolins" has no file categories\/pangolins\.yaml/));
    expect(errs).toContainEqual(expect.stringMatching(/pangolin\.yaml:1: category "pangolin" is not listed in lexicon\.yaml/));
  });

  it("names a messages file that lexicon.yaml does not list in locales (it would be silently unused)", () => {
    const dir = broken("messages/fr.yaml", (t) => t);
    cpSync(join(dir, "messages/fr.yaml"), join(dir, "messages/tl.yaml"));
    expect(errorsOf(dir)).toEqual([expect.stringMatching(/messages\/tl\.yaml:1: messages\/tl\.yaml is not used: add "tl" to locales in lexicon\.yaml/)]);
  });

  it("names a bad connectors or emoji table in lexicon.yaml", () => {
    const dir = broken("lexicon.yaml", (t) => `${t}connectors:\n  xx: [de]\n  fr: de\nemoji:\n  "🐘": [elephant]\n  ab: [word]\n`);
    const errs = errorsOf(dir);
    expect(errs).toContainEqual(expect.stringMatching(/lexicon\.yaml:\d+: lexicon\.yaml: connectors: unknown language "xx"/));
    expect(errs).toContainEqual(expect.stringMatching(/lexicon\.yaml:\d+: lexicon\.yaml: connectors of "fr" must be a list of words/));
    expect(errs).toContainEqual(expect.stringMatching(/lexicon\.yaml:\d+: lexicon\.yaml: emoji: "ab" must be a single emoji/));
    expect(errs).toHaveLength(3);
    const joined = broken("lexicon.yaml", (t) => `${t}emoji:\n  "🐻‍❄️": [polar bear]\n  "©": [copyright]\n`);
    expect(errorsOf(joined)).toEqual([expect.stringMatching(/emoji: "🐻‍❄️" must be a single emoji/), expect.stringMatching(/emoji: "©" must be a single emoji/)]);
  });

  it("requires each emoji list to start with its English word, which stands for the species in terms like rhino角", () => {
    let line = 0;
    const dir = broken("lexicon.yaml", (t) => {
      const text = `${t}emoji:\n  "🐘": [elephant, 象]\n  "🦏": [犀牛, rhino]\n`;
      line = text.split("\n").indexOf(`  "🦏": [犀牛, rhino]`) + 1;
      return text;
    });
    expect(errorsOf(dir)).toEqual([expect.stringMatching(new RegExp(`lexicon\\.yaml:${line}: lexicon\\.yaml: emoji: the list of "🦏" must start with its English word.*not "犀牛"`))]);
  });

  it("requires English among the locales: every warning falls back to it", () => {
    const dir = broken("lexicon.yaml", (t) => t.replace("locales: [en, fr, zh-Hans, ar]", "locales: [fr, zh-Hans, ar]"));
    expect(errorsOf(dir)).toContainEqual(expect.stringMatching(/lexicon\.yaml:\d+: lexicon\.yaml: locales must include "en"/));
  });

  it("requires warning titles and bodies to be text", () => {
    const dir = broken("messages/en.yaml", (t) => t.replace('elephant-ivory: {title: "Protect wildlife (ivory)"', "elephant-ivory: {title: 2024"));
    expect(errorsOf(dir)).toContainEqual(expect.stringMatching(/messages\/en\.yaml: category "elephant-ivory" needs a text title and a text body/));
  });

  it("refuses a warning title or body too long for the dialog, counting characters, not UTF-16 units", () => {
    const long = "ปกป้องสัตว์เลื้อยคลานและสัตว์ครึ่งบกครึ่งน้ำ"; // 44 code points
    const dir = broken("messages/en.yaml", (t) => t.replace('elephant-ivory: {title: "Protect wildlife (ivory)"', `elephant-ivory: {title: "${long}"`));
    expect(errorsOf(dir)).toEqual([expect.stringMatching(/messages\/en\.yaml: category "elephant-ivory" title is 44 characters; at most 40/)]);
    const emoji = "🐘".repeat(40); // 80 UTF-16 units, 40 characters: fits
    const ok = buildLexicon(broken("messages/en.yaml", (t) => t.replace('elephant-ivory: {title: "Protect wildlife (ivory)"', `elephant-ivory: {title: "${emoji}"`)));
    expect(ok.errors).toEqual([]);
    expect(ok.ok).toBe(true);
  });
});
