/** The JSON Schemas editors use accept every file of the default and test lexicons. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ajv = new Ajv2020({ allErrors: true, strict: false });
const schema = (name: string) => ajv.compile(JSON.parse(readFileSync(`lexicon/schema/${name}.schema.json`, "utf8")));
const files = (dir: string): [string, string][] => [
  [join(dir, "lexicon.yaml"), "manifest"],
  ...readdirSync(join(dir, "categories")).map((f): [string, string] => [join(dir, "categories", f), "category"]),
  [join(dir, "trade-intent.yaml"), "trade-intent"],
  [join(dir, "context.yaml"), "context"],
  [join(dir, "exceptions.yaml"), "exceptions"],
  ...readdirSync(join(dir, "messages")).map((f): [string, string] => [join(dir, "messages", f), "messages"]),
];

describe.each(["lexicon", "test/fixtures/lexicon"])("schemas accept %s", (dir) => {
  it.each(files(dir))("%s", (file, kind) => {
    const validate = schema(kind);
    const ok = validate(parse(readFileSync(file, "utf8")));
    expect(ok ? [] : validate.errors).toEqual([]);
  });
});

describe("schemas reject", () => {
  it("an unknown field and a bad action", () => {
    const validate = schema("category");
    expect(validate({ category: "x", name: "x", cites: "x", terms: [{ term: "t", lang: "en", action: "sell", note: "n", colour: 1 }] })).toBe(false);
    expect(validate.errors!.length).toBeGreaterThanOrEqual(2);
  });
});
