/**
 * Full verification of a lexicon binary before it is trusted (KV refresh, rollback, push):
 * size, header, format, sha256 checksum, that every section loads, and that its structure is
 * safe to run (integrity.ts).
 * Expected failures are values, not exceptions.
 */
import { checksumBody, hex, LexiconFormatError } from "./binary";
import { structuralError } from "./integrity";
import { loadLexicon } from "./lexicon";
import type { LexiconInfo } from "./types";

/** One KV value's limit: a larger binary could never have been stored whole. */
export const MAX_BINARY_BYTES = 25 * 1024 * 1024;

export type VerifyResult = { ok: true; info: LexiconInfo } | { ok: false; code: string; message: string };

export async function verifyLexicon(bin: ArrayBuffer | Uint8Array): Promise<VerifyResult> {
  const bytes = bin instanceof Uint8Array ? bin : new Uint8Array(bin);
  if (bytes.byteLength > MAX_BINARY_BYTES) {
    return { ok: false, code: "too_large", message: `Lexicon binary is ${bytes.byteLength} bytes, over the 25 MiB KV value limit.` };
  }
  try {
    const lex = loadLexicon(bytes);
    const digest = hex(new Uint8Array(await crypto.subtle.digest("SHA-256", checksumBody(lex.bytes))));
    if (digest !== lex.info.checksum) {
      return { ok: false, code: "checksum_mismatch", message: `Lexicon binary checksum is ${digest}, header says ${lex.info.checksum}.` };
    }
    const broken = structuralError(lex);
    if (broken) return { ok: false, code: "bad_structure", message: `Lexicon binary is signed but unsound: ${broken}.` };
    return { ok: true, info: lex.info };
  } catch (e) {
    if (e instanceof LexiconFormatError) return { ok: false, code: e.code, message: e.message };
    return { ok: false, code: "unreadable", message: `Lexicon binary could not be read: ${(e as Error).message}` };
  }
}
