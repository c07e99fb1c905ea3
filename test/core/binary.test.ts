import { describe, expect, it } from "vitest";
import { FORMAT, LexiconFormatError, loadLexicon, verifyLexicon } from "../../src/core";
import { HEADER_BYTES, VERSION_OFFSET } from "../../src/core/binary";
import { MAX_BINARY_BYTES } from "../../src/core/verify";
import { fixture } from "../support/fixture";

const bin = () => fixture().bin.slice();
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(LexiconFormatError);
    return (e as LexiconFormatError).code;
  }
  return "no error";
};

describe("loading a binary", () => {
  it("takes views, so the lexicon's arrays share the binary's buffer", () => {
    const b = bin();
    const lex = loadLexicon(b);
    expect(lex.automaton.fail.buffer).toBe(b.buffer);
    expect(lex.alphabet.bmp.buffer).toBe(b.buffer);
    expect(lex.info.format).toBe(FORMAT);
    expect(lex.info.checksum).toMatch(/^[0-9a-f]{64}$/);
  });
  it("carries the lexicon version in its header", () => {
    const b = bin();
    expect(new TextDecoder().decode(b.subarray(VERSION_OFFSET, VERSION_OFFSET + 6))).toBe("test-1");
    expect(loadLexicon(b).info.version).toBe("test-1");
  });
  it("refuses a wrong magic number", () => {
    const b = bin();
    b[0] = 0x58;
    expect(codeOf(() => loadLexicon(b))).toBe("bad_magic");
  });
  it("refuses a format from the future", () => {
    const b = bin();
    new DataView(b.buffer).setUint32(4, FORMAT + 1, true);
    expect(codeOf(() => loadLexicon(b))).toBe("bad_format");
  });
  it("refuses a truncated binary", () => {
    expect(codeOf(() => loadLexicon(bin().subarray(0, 1000).slice()))).toBe("truncated");
    expect(codeOf(() => loadLexicon(new Uint8Array(10)))).toBe("truncated");
  });
  it("refuses a section table that points outside the binary", () => {
    const b = bin();
    new DataView(b.buffer).setUint32(HEADER_BYTES + 4, b.length + 8, true);
    expect(codeOf(() => loadLexicon(b))).toBe("bad_section");
  });
});

describe("verifying a binary", () => {
  it("accepts an intact binary", async () => {
    const r = await verifyLexicon(bin());
    expect(r.ok).toBe(true);
  });
  it("finds a flipped byte by its checksum", async () => {
    const b = bin();
    b[b.length - 20]! ^= 0xff;
    expect(await verifyLexicon(b)).toMatchObject({ ok: false, code: "checksum_mismatch" });
  });
  it("reports format errors as values, not exceptions", async () => {
    expect(await verifyLexicon(new Uint8Array(256))).toMatchObject({ ok: false, code: "bad_magic" });
  });
  it("refuses a binary over the KV value limit before reading it", async () => {
    expect(await verifyLexicon(new Uint8Array(MAX_BINARY_BYTES + 1))).toMatchObject({ ok: false, code: "too_large" });
  });
});
