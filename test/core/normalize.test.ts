/**
 * Each normalization step: what it catches, and the false positive it must not create.
 * `folded` shows the text the automaton sees; `decide` runs the whole check on the test lexicon.
 */
import { describe, expect, it } from "vitest";
import { SYM_OTHER_LETTER, SYM_OTHER_NOSPACE, SYM_SPACE } from "../../src/core/alphabet";
import { check, scan } from "../../src/core";
import { compileTerms } from "../../src/compiler";
import { fixture } from "../support/fixture";

const lex = () => fixture().lex;
function folded(text: string, hashtag = false): string {
  const a = lex().alphabet;
  const sc = scan(a, text, hashtag);
  return Array.from(sc.sym.subarray(0, sc.n), (s) => (s === SYM_SPACE ? " " : s === SYM_OTHER_LETTER || s === SYM_OTHER_NOSPACE ? "·" : String.fromCodePoint(a.chars[s]!))).join("");
}
const decide = (q: string) => check(lex(), q).decision;

describe("case folding", () => {
  it("catches", () => expect(folded("IVORY Ivory")).toBe("ivory ivory"));
  it("does not create", () => expect(decide("IVORYWARE")).toBe("allow"));
});
describe("full and half width", () => {
  it("catches", () => expect(folded("ｉｖｏｒｙ　ｂａｎｇｌｅ")).toBe("ivory bangle"));
  it("does not create", () => expect(decide("ｉｖｏｒｙｗａｒｅ")).toBe("allow"));
});
describe("diacritics", () => {
  it("catches", () => expect(folded("ivóry sừng")).toBe("ivory sung"));
  it("keeps Thai vowel and tone marks (they are letters, not accents)", () => expect(folded("งาช้าง").length).toBe(6));
  it("does not create", () => expect(decide("ivoirien")).toBe("allow"));
});
describe("Traditional → Simplified", () => {
  it("catches", () => expect(folded("象牙手鐲")).toBe(folded("象牙手镯")));
  it("does not create", () => expect(decide("鐲子")).toBe("allow"));
});
describe("confusable homoglyphs", () => {
  it("catches Cyrillic and Greek look-alikes", () => {
    expect(folded("іvоrу")).toBe("ivory");
    expect(folded("ιvοry")).toBe("ivory");
    expect(folded("ІVОRY")).toBe("ivory");
  });
  it("leaves plain Latin alone (I is not l)", () => expect(folded("Il")).toBe("il"));
  it("does not create", () => expect(decide("кот")).toBe("allow"));
});
describe("leetspeak", () => {
  it("catches digits and symbols inside a word", () => {
    expect(folded("1v0ry f0r $ale p@ngolin")).toBe("ivory for sale pangolin");
  });
  it("reads @ and $ beside a letter, at a word's end too", () => expect(folded("vent@ ng@ $cales")).toBe("venta nga scales"));
  it("reads ! as i before a letter, and as punctuation elsewhere", () => {
    expect(folded("t!ger cl@w !vory")).toBe("tiger claw ivory");
    expect(folded("ivory! wow!! 5!")).toBe("ivory wow 5");
  });
  it("leaves numbers that are numbers", () => {
    expect(folded("ivory 1000 $100")).toBe("ivory 1000 100");
  });
  it("does not create", () => expect(decide("h0rse 4 sale")).toBe("allow"));
});
describe("zero-width and joiner characters", () => {
  it("catches", () => expect(folded("i\u200bv\u200co\u200dr\ufeffy\u2060")).toBe("ivory"));
  it("drops bidi controls and variation selectors", () => expect(folded("\u202eivory\u202c 🦏\ufe0f")).toBe("ivory 🦏"));
});
describe("separators inside a word", () => {
  it("catches letters split by punctuation", () => {
    expect(folded("i.v.o.r.y")).toBe("ivory");
    expect(folded("r-h-i-n-o")).toBe("rhino");
    expect(folded("s.ừ.n.g t.ê")).toBe("sung te");
  });
  it("catches single letters split by spaces (three or more)", () => expect(folded("i v o r y")).toBe("ivory"));
  it("catches separators between Chinese, Japanese or Thai characters", () => {
    expect(folded("象 牙")).toBe("象牙");
    expect(folded("象*牙")).toBe("象牙");
    expect(folded("ง า ช้ า ง")).toBe(folded("งาช้าง"));
  });
  it("keeps word breaks between longer words, hyphens included (onça-pintada = onça pintada)", () => {
    expect(folded("a b")).toBe("a b");
    expect(folded("rhino-horn")).toBe("rhino horn");
    expect(decide("rhino-horn-powder")).toBe("warn");
    expect(decide("buy-ivory")).toBe("block");
    expect(decide("corne-de-rhinocéros")).toBe("warn");
  });
  it("does not create", () => {
    expect(decide("a.k.a. ivorywhite")).toBe("allow");
    expect(decide("rhino h.o.r.n.b.e.a.m")).toBe("allow");
  });
});
describe("repeated letters", () => {
  it("catches", () => expect(folded("ivoooory  ivvory")).toBe("ivory ivory"));
  it("keeps repeated Chinese characters (猩猩 is one word)", () => expect(folded("猩猩")).toHaveLength(2));
  it("does not create", () => expect(decide("ivyyy")).toBe("allow"));
});
describe("half-width kana", () => {
  it("catches, voicing marks included", () => {
    expect(folded("ｶﾜｳｿ ﾍﾟｯﾄ")).toBe(folded("カワウソ ペット"));
    expect(decide("ｶﾜｳｿ ﾍﾟｯﾄ")).toBe("warn");
  });
  it("does not create", () => expect(decide("ｶﾜｳｿ ﾍｯﾄ")).toBe("allow"));
});
describe("emoji used as words", () => {
  it("catches", () => {
    expect(decide("🐘🦷 bracelet")).toBe("warn");
    expect(decide("🦏 horn")).toBe("warn");
  });
  it("unknown emoji only separate", () => expect(folded("ivory🔥bangle")).toBe("ivory bangle"));
  it("does not create", () => expect(decide("🐘 elephant facts")).toBe("allow"));
});
describe("pinyin for Chinese terms", () => {
  it("catches joined, spaced and mixed pinyin", () => {
    expect(decide("xiangya")).toBe("warn");
    expect(decide("chuan shan jia")).toBe("warn");
    expect(decide("象ya")).toBe("warn");
  });
  it("does not create (pinyin is word-bounded)", () => expect(decide("xiangyang city")).toBe("allow"));
  it("gives code words with an everyday meaning no pinyin", () => expect(decide("baisuliao chushou")).toBe("allow"));
  it("with pinyin: mixed, keeps the mixed forms and drops the joined one (an everyday word)", () => {
    const c = compileTerms([
      { term: "狮骨", lang: "zh-Hans", pinyin: "mixed" },
      { term: "象牙", lang: "zh-Hans", pinyin: "auto" },
    ]);
    const d = (q: string) => check(c.lex, q).decision;
    expect(d("狮gu")).toBe("warn");
    expect(d("shi骨")).toBe("warn");
    expect(d("jiaotong shigu")).toBe("allow");
    expect(d("xiangya")).toBe("warn");
  });
});
describe("word boundaries", () => {
  it("Latin terms need them", () => {
    expect(decide("shoehorn")).toBe("allow");
    expect(decide("hornbeam rhino")).toBe("allow");
  });
  it("Chinese terms do not", () => expect(decide("买象牙手镯了")).toBe("warn"));
});
describe("hashtag segmentation", () => {
  it("marks camelCase word starts", () => expect(check(lex(), "#IvoryForSale").decision).toBe("block"));
  it("segments lowercase run-together words by the lexicon", () => expect(check(lex(), "#rhinohornforsale").decision).toBe("block"));
  it("does not create", () => {
    expect(check(lex(), "#shoehornforsale").decision).toBe("allow");
    expect(check(lex(), "#hornbeamrhino").decision).toBe("allow");
  });
});
