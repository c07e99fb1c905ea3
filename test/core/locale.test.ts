import { describe, expect, it } from "vitest";
import { inferKind, isValidLocale, parseAcceptLanguage, resolveLocale } from "../../src/core";

const AVAILABLE = ["en", "zh-Hans", "zh-Hant", "fr", "es", "pt", "ar", "id", "tl"];

describe("locale fallback", () => {
  it.each([
    ["zh-TW", "zh-Hant"],
    ["zh-HK", "zh-Hant"],
    ["zh-Hant-TW", "zh-Hant"],
    ["zh-CN", "zh-Hans"],
    ["zh", "zh-Hans"],
    ["zh-SG", "zh-Hans"],
    ["fr-CA", "fr"],
    ["FR", "fr"],
    ["pt-BR", "pt"],
    ["de", "en"],
    ["fil-PH", "tl"], // Filipino, as browsers send it
    ["fil", "tl"],
    ["in-ID", "id"], // the old code for Indonesian
  ])("%s → %s", (tag, want) => expect(resolveLocale(AVAILABLE, tag)).toBe(want));
  it("falls back to the other Chinese script before English", () => {
    expect(resolveLocale(["en", "zh-Hans"], "zh-TW")).toBe("zh-Hans");
    expect(resolveLocale(["en", "zh-Hant"], "zh-CN")).toBe("zh-Hant");
  });
  it("falls back to Accept-Language by q, then en", () => {
    expect(resolveLocale(AVAILABLE, null, "de-DE,de;q=0.9,fr;q=0.8,en;q=0.5")).toBe("fr");
    expect(resolveLocale(AVAILABLE, "de", "zh-TW;q=0.3, es;q=0.2")).toBe("zh-Hant");
    expect(resolveLocale(AVAILABLE, null, "*")).toBe("en");
    expect(resolveLocale(AVAILABLE, null, "garbage;;;,")).toBe("en");
  });
  it("parses Accept-Language", () => expect(parseAcceptLanguage("en;q=0.1, fr-CA, zh;q=0")).toEqual(["fr-CA", "en"]));
  it("validates BCP 47 tags", () => {
    for (const ok of ["en", "zh-Hant-TW", "es-419", "sr-Latn-RS", "de-CH-1996"]) expect(isValidLocale(ok)).toBe(true);
    for (const bad of ["", "e", "english language", "zh_", "12", "a".repeat(100), "en--US"]) expect(isValidLocale(bad)).toBe(false);
  });
});

describe("kind inference", () => {
  it("a leading # or ＃ is a hashtag", () => {
    expect(inferKind("#ivory")).toBe("hashtag");
    expect(inferKind("＃象牙")).toBe("hashtag");
    expect(inferKind("ivory #tag")).toBe("query");
  });
});
