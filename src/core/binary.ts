/**
 * The compiled lexicon as one binary: a header, a section table and typed-array sections.
 *
 *   0   magic "WSLX"
 *   4   format (u32)            FORMAT below; a reader refuses any other
 *   8   total length (u32)      a truncated binary is refused before any view is taken
 *   12  section count (u32)
 *   16  sha256 (32 bytes)       of bytes 48..end; verified by verifyLexicon before a KV swap
 *   48  lexicon version         UTF-8, zero-padded to 32 bytes (readable without the sections)
 *   80  section table           count × (id u32, offset u32, byte length u32)
 *   …   sections, 8-byte aligned, little-endian
 *
 * Reading takes views on the buffer (no parsing, no copies), so load time does not grow with
 * the lexicon; only the two small JSON sections (metadata, messages) are parsed, lazily.
 */

export const MAGIC = 0x584c5357; // "WSLX" read as little-endian u32
/** 2: a double-array automaton (`da`, `outState`, `outPat`); format 1 had sorted edge lists. */
export const FORMAT = 2;
export const CHECKSUM_OFFSET = 16;
export const VERSION_OFFSET = 48;
export const VERSION_BYTES = 32;
export const HEADER_BYTES = VERSION_OFFSET + VERSION_BYTES;

/** Section ids. Never renumber: a new section gets a new id (and old readers ignore it). */
export const SECTIONS = {
  meta: 1, // JSON: version, builtAt, languages, categories, locales, counts
  messages: 2, // JSON: warning text per locale
  bmp: 3, // Uint16 × 65536: alphabet table
  astralKeys: 4, // Uint32
  astralVals: 5, // Uint16
  symFlags: 6, // Uint8 per symbol
  symLeet: 7, // Uint16 per symbol
  symChars: 8, // Uint32 per symbol
  // 10–13, 15 and 16 were format 1's automaton (root, edges, out, dict).
  fail: 14, // Int32 per slot
  patNext: 17, // Int32 per pattern
  patLen: 18, // Uint16 per pattern
  patEntry: 19, // Int32 per pattern
  patFlags: 20, // Uint8 per pattern
  entRole: 21, // Uint8 per entry
  entAction: 22, // Uint8 per entry
  entCategory: 23, // Uint8 per entry
  entLang: 24, // Uint8 per entry
  entFlags: 25, // Uint8 per entry
  entStrings: 26, // Uint32 × (2 × entries + 1): offsets of id and term into `strings`
  strings: 27, // UTF-8
  da: 28, // Int32 × 2 per slot: check, base << 2 | flags
  outState: 30, // Int32 per slot with an output
  outPat: 31, // Int32 per slot with an output
} as const;
export type SectionName = keyof typeof SECTIONS;

type Typed = Uint8Array | Uint16Array | Int32Array | Uint32Array;

export class LexiconFormatError extends Error {
  constructor(
    readonly code: "bad_magic" | "bad_format" | "truncated" | "bad_section" | "too_large" | "checksum_mismatch",
    message: string,
  ) {
    super(message);
    this.name = "LexiconFormatError";
  }
}

/** Lay the sections out; the checksum field is left zero for the caller to fill (see `checksumBody`). */
export function writeBinary(version: string, sections: Partial<Record<SectionName, Typed>>): Uint8Array {
  const v = new TextEncoder().encode(version);
  if (v.length > VERSION_BYTES || v.includes(0)) throw new Error(`lexicon version "${version}" must be at most ${VERSION_BYTES} bytes of UTF-8`);
  const entries = Object.entries(sections) as [SectionName, Typed][];
  let off = align(HEADER_BYTES + entries.length * 12);
  const placed: [number, number, Typed][] = [];
  for (const [name, arr] of entries) {
    placed.push([SECTIONS[name], off, arr]);
    off = align(off + arr.byteLength);
  }
  const buf = new Uint8Array(off);
  const dv = new DataView(buf.buffer);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, FORMAT, true);
  dv.setUint32(8, off, true);
  dv.setUint32(12, placed.length, true);
  buf.set(v, VERSION_OFFSET);
  placed.forEach(([id, o, arr], i) => {
    const t = HEADER_BYTES + i * 12;
    dv.setUint32(t, id, true);
    dv.setUint32(t + 4, o, true);
    dv.setUint32(t + 8, arr.byteLength, true);
    buf.set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength), o);
  });
  return buf;
}

/** The bytes the checksum covers: everything after the checksum itself, version included. */
export function checksumBody(bin: Uint8Array): Uint8Array {
  return bin.subarray(VERSION_OFFSET);
}

export function hex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

export interface RawSections {
  bytes: Uint8Array;
  checksum: string;
  version: string;
  get<T extends Typed>(name: SectionName, type: new (buf: ArrayBufferLike, off: number, len: number) => T, bytesPer: number): T;
  text(name: SectionName): string;
}

/** Check the header and take views on the sections. Throws LexiconFormatError; never reads out of bounds. */
export function readBinary(input: ArrayBuffer | Uint8Array): RawSections {
  let bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice(); // typed views need aligned offsets
  if (bytes.byteLength < HEADER_BYTES) throw new LexiconFormatError("truncated", `Lexicon binary is ${bytes.byteLength} bytes, shorter than its ${HEADER_BYTES}-byte header.`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint32(0, true) !== MAGIC) throw new LexiconFormatError("bad_magic", "Not a wildlife-sentinel lexicon binary (wrong magic number).");
  const format = dv.getUint32(4, true);
  if (format !== FORMAT) throw new LexiconFormatError("bad_format", `Lexicon binary has format ${format}; this engine reads format ${FORMAT}.`);
  const total = dv.getUint32(8, true);
  if (total !== bytes.byteLength) throw new LexiconFormatError("truncated", `Lexicon binary header says ${total} bytes but ${bytes.byteLength} were given.`);
  const count = dv.getUint32(12, true);
  if (HEADER_BYTES + count * 12 > total) throw new LexiconFormatError("truncated", "Lexicon binary section table runs past its end.");
  const table = new Map<number, [number, number]>();
  for (let i = 0; i < count; i++) {
    const t = HEADER_BYTES + i * 12;
    const id = dv.getUint32(t, true);
    const off = dv.getUint32(t + 4, true);
    const len = dv.getUint32(t + 8, true);
    if (off % 8 !== 0 || off + len > total) throw new LexiconFormatError("bad_section", `Lexicon binary section ${id} lies outside the binary.`);
    table.set(id, [off, len]);
  }
  const checksum = hex(bytes.subarray(CHECKSUM_OFFSET, CHECKSUM_OFFSET + 32));
  const decoder = new TextDecoder();
  const vb = bytes.subarray(VERSION_OFFSET, VERSION_OFFSET + VERSION_BYTES);
  const vEnd = vb.indexOf(0);
  const version = decoder.decode(vEnd < 0 ? vb : vb.subarray(0, vEnd));
  return {
    bytes,
    checksum,
    version,
    get(name, type, bytesPer) {
      const e = table.get(SECTIONS[name]);
      if (!e) throw new LexiconFormatError("bad_section", `Lexicon binary has no "${name}" section.`);
      if (e[1] % bytesPer !== 0) throw new LexiconFormatError("bad_section", `Lexicon binary section "${name}" has a ragged length.`);
      return new type(bytes.buffer, bytes.byteOffset + e[0], e[1] / bytesPer);
    },
    text(name) {
      const e = table.get(SECTIONS[name]);
      if (!e) throw new LexiconFormatError("bad_section", `Lexicon binary has no "${name}" section.`);
      return decoder.decode(bytes.subarray(e[0], e[0] + e[1]));
    },
  };
}

function align(n: number): number {
  return (n + 7) & ~7;
}
