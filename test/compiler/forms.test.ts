/**
 * Generated forms (src/compiler/forms.ts): the connector-free and emoji forms of a written form,
 * as units and through a real build, where they must match the queries people type and leave
 * alone the ones they do not.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildLexicon } from "../../src/compiler";
import { asciiForms, emojiEnglish, emojiForms, emojiWords, withoutConnectors } from "../../src/compiler/forms";
import { check, type Lexicon } from "../../src/core";

describe("withoutConnectors", () => {
  it("drops connectors between words, in every combination", () => {
    expect(withoutConnectors("cuerno de rinoceronte", ["de"])).toEqual(["cuerno rinoceronte"]);
    expect(withoutConnectors("huevos de tortuga de mar", ["de"]).sort()).toEqual(["huevos de tortuga mar", "huevos tortuga de mar", "huevos tortuga mar"]);
    expect(withoutConnectors("grasa de la tortuga", ["de", "de la"])).toEqual(["grasa tortuga"]);
    expect(withoutConnectors("Horn Of The Rhino", ["of", "of the"])).toEqual(["Horn Rhino"]);
    expect(withoutConnectors("défense d'éléphant", ["de", "d'"])).toEqual(["défense éléphant"]);
    expect(withoutConnectors("bile d’ours de lune", ["de", "d'"]).sort()).toEqual(["bile d’ours lune", "bile ours de lune", "bile ours lune"].sort());
  });

  it("never drops the first or last word, and leaves one-word and connector-free texts alone", () => {
    expect(withoutConnectors("de marfil", ["de"])).toEqual([]);
    expect(withoutConnectors("marfil de", ["de"])).toEqual([]);
    expect(withoutConnectors("marfil", ["de"])).toEqual([]);
    expect(withoutConnectors("rhino horn", ["of"])).toEqual([]);
    expect(withoutConnectors("cuerno de rinoceronte", undefined)).toEqual([]);
  });

  it("keeps every other word in order (property)", () => {
    const word = fc.constantFrom("pembe", "ya", "ndovu", "za", "kifaru", "ngozi", "chui");
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 7 }), (ws) => {
        const text = ws.join(" ");
        for (const f of withoutConnectors(text, ["ya", "za"])) {
          const out = f.split(" ");
          expect(out[0]).toBe(ws[0]);
          expect(out[out.length - 1]).toBe(ws[ws.length - 1]);
          expect(out.filter((w) => w !== "ya" && w !== "za")).toEqual(ws.filter((w) => w !== "ya" && w !== "za"));
          expect(out.length).toBeLessThan(ws.length);
        }
      }),
    );
  });
});

describe("asciiForms", () => {
  it("spells German umlauts out, and only German", () => {
    expect(asciiForms({ lang: "de" }, "Strahlenschildkröte")).toEqual(["Strahlenschildkroete"]);
    expect(asciiForms({ lang: "de" }, "Bärengalle Öl Süß")).toEqual(["Baerengalle Oel Suess"]);
    expect(asciiForms({ lang: "de" }, "Elfenbein")).toEqual([]);
    expect(asciiForms({ lang: "tr" }, "köpek")).toEqual([]);
  });
});

describe("emojiForms", () => {
  const words = emojiWords({ "🐘": ["elephant", "象", "tê giác"], "🐯": ["tiger", "虎"], "🐅": ["tiger"] });

  it("puts the emoji in place of a whole word, glued or spaced, and after it as decoration", () => {
    expect(emojiForms("elephant tusk", words).sort()).toEqual(["elephant 🐘 tusk", "elephant🐘 tusk", "🐘 tusk", "🐘tusk", "tusk 🐘", "tusk🐘"].sort());
    expect(emojiForms("Tiger Bone", words)).toEqual(expect.arrayContaining(["🐯 Bone", "🐅 Bone", "Tiger 🐯 Bone", "Tiger🐅 Bone"]));
    expect(emojiForms("sừng tê giác", words)).toEqual(expect.arrayContaining(["sừng 🐘", "sừng🐘", "sừng tê giác 🐘"]));
    expect(emojiForms("défense d'éléphant", emojiWords({ "🐘": ["éléphant"] }))).toEqual(expect.arrayContaining(["défense d'🐘", "défense d'éléphant 🐘"]));
  });

  it("puts the emoji on the other side of a two-word term too, where another word order puts the species", () => {
    expect(emojiForms("sừng tê giác", words)).toEqual(expect.arrayContaining(["🐘 sừng", "🐘sừng"]));
    expect(emojiForms("tiger bone", words)).toEqual(expect.arrayContaining(["bone 🐯", "bone🐅"]));
    // Longer terms keep their order: the emoji moves only where one word is left beside it.
    expect(emojiForms("tiger bone wine", words)).not.toContain("bone wine 🐯");
    expect(emojiForms("tiger bone wine", words)).toContain("🐯 bone wine");
  });

  it("puts the English species word (the first of an emoji's list) before the rest of a term of a script without spaces", () => {
    const table = { "🦏": ["rhino", "犀", "犀牛"], "🐯": ["tiger", "虎"] };
    const en = emojiEnglish(table);
    expect(emojiForms("犀牛角", emojiWords(table), en)).toEqual(expect.arrayContaining(["rhino角", "rhino 角"]));
    // Only where the species starts the term: 老虎骨 keeps its 老, and no form is the English word alone.
    expect(emojiForms("老虎骨", emojiWords(table), en).filter((f) => f.includes("tiger"))).toEqual([]);
    expect(emojiForms("犀牛", emojiWords(table), en)).not.toContain("rhino");
  });

  it("replaces inside a word in scripts written without spaces", () => {
    expect(emojiForms("象牙手镯", words).sort()).toEqual(["象🐘牙手镯", "🐘牙手镯"].sort());
    expect(emojiForms("老虎骨", words).sort()).toEqual(["老虎🐯骨", "老🐯骨"].sort());
  });

  it("leaves a word inside a longer listed word alone", () => {
    const rhino = emojiWords({ "🦏": ["犀", "犀牛"], "🐯": ["เสือ"], "🐆": ["เสือดาว"] });
    expect(emojiForms("犀牛角", rhino).sort()).toEqual(["犀牛🦏角", "🦏角"].sort()); // not 🦏牛角, an ox-horn comb
    expect(emojiForms("犀角", rhino).sort()).toEqual(["犀🦏角", "🦏角"].sort());
    expect(emojiForms("หนังเสือดาว", rhino).sort()).toEqual(["หนังเสือดาว🐆", "หนัง🐆"].sort());
  });

  it("matches only whole words in spaced scripts, and never makes the emoji alone", () => {
    expect(emojiForms("elephants tusk", words)).toEqual([]);
    expect(emojiForms("tiger", words)).toEqual(["tiger 🐯", "tiger🐯", "tiger 🐅", "tiger🐅"]);
    expect(emojiForms("象", words)).toEqual(["象🐘"]);
  });
});

describe("generated forms in a build", () => {
  let dir = "";
  let lex: Lexicon;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "lexicon-"));
    cpSync("test/fixtures/lexicon", dir, { recursive: true });
    const manifest = join(dir, "lexicon.yaml");
    writeFileSync(manifest, `${readFileSync(manifest, "utf8")}connectors:\n  fr: [de, du, "d'"]\n  en: [of]\nemoji:\n  "🐘": [elephant, éléphant, 象]\n  "🐻": [bear, 熊]\n`);
    const ivory = join(dir, "categories/elephant-ivory.yaml");
    writeFileSync(ivory, readFileSync(ivory, "utf8").replace("examples:", "  - {term: défense d'éléphant, lang: fr, action: warn, note: Elephant tusk.}\n  - {term: tusk of elephant, lang: en, action: warn, note: Elephant tusk.}\nexamples:"));
    const built = buildLexicon(dir);
    if (!built.ok || !built.lex) throw new Error(built.errors.map((e) => `${e.where}: ${e.message}`).join("\n"));
    lex = built.lex;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const decide = (q: string) => check(lex, q).decision;

  it("matches a term typed without its connector, and with trade intent blocks it", () => {
    expect(decide("défense éléphant")).toBe("warn");
    expect(decide("défense d'🐘")).toBe("warn");
    expect(decide("tusk elephant for sale")).toBe("block");
    expect(decide("#tuskelephant")).toBe("warn"); // the hashtag form of the generated form
  });

  it("matches an emoji in place of a species word or beside it", () => {
    expect(decide("bear 🐻 bile")).toBe("warn");
    expect(decide("🐻 bile for sale")).toBe("block");
    expect(decide("🐻胆 出售")).toBe("block");
    expect(decide("熊🐻胆")).toBe("warn");
    expect(decide("tusk of 🐘")).toBe("warn");
  });

  it("leaves an emoji alone where no term is", () => {
    expect(decide("🐻 plush for sale")).toBe("allow");
    expect(decide("🐘 mug")).toBe("allow");
    expect(decide("bear 🐻 hug")).toBe("allow");
  });

  it("comes from the tables: without them the same queries are not matched", () => {
    const plain = buildLexicon("test/fixtures/lexicon");
    expect(plain.ok).toBe(true);
    expect(check(plain.lex!, "🐻 bile for sale").decision).toBe("allow");
    expect(check(plain.lex!, "bear 🐻 bile").decision).toBe("warn"); // an unused emoji folds to a space
    expect(check(plain.lex!, "défense éléphant").decision).toBe("allow");
  });
});
