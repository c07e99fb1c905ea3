/**
 * The lexicon build: read and validate `lexicon/`, compile, then run every example in it.
 * A lexicon with any error (including a failing example) yields no binary.
 */
import { check } from "../core/decide";
import type { Lexicon } from "../core/lexicon";
import type { LexiconInfo } from "../core/types";
import { type CompileError, compile, sha256Hex } from "./compile";
import { type LexiconSource, readLexicon } from "./source";

export { type CompileError, type Compiled, compile, compileTerms, type SourceEntry } from "./compile";
export { type Example, type LexiconSource, readLexicon } from "./source";

export interface BuildResult {
  ok: boolean;
  errors: CompileError[];
  bin?: Uint8Array;
  lex?: Lexicon;
  info?: LexiconInfo;
  source: LexiconSource;
  examples: { passed: number; failed: number };
  patterns: number;
}

/** The version id of a build: the build date and a fingerprint of the source, e.g. `2026.11.23-3fa9c21b`. */
export function versionOf(sourceText: string, now = new Date()): string {
  const d = now.toISOString().slice(0, 10).replace(/-/g, ".");
  return `${d}-${sha256Hex(sourceText).slice(0, 8)}`;
}

export function buildLexicon(dir = "lexicon", opts: { version?: string; now?: Date } = {}): BuildResult {
  const source = readLexicon(dir);
  const errors = [...source.errors];
  const result: BuildResult = { ok: false, errors, source, examples: { passed: 0, failed: 0 }, patterns: 0 };
  if (errors.length) return result;
  const now = opts.now ?? new Date();
  const compiled = compile({
    entries: source.entries,
    categories: source.categories,
    languages: source.languages,
    connectors: source.connectors,
    emoji: source.emoji,
    locales: source.locales,
    messages: source.messages,
    version: opts.version ?? versionOf(source.text, now),
    builtAt: now.toISOString(),
  });
  errors.push(...compiled.errors);
  result.patterns = compiled.patterns;
  for (const ex of source.examples) {
    const r = check(compiled.lex, ex.q, { kind: ex.kind, locale: ex.locale, explain: true });
    if (r.decision === ex.expect) {
      result.examples.passed++;
      continue;
    }
    result.examples.failed++;
    const hits = r.explain!.hits.map((h) => `${h.entry}${h.suppressedBy ? ` (${h.suppressedBy})` : ""}`).join(", ") || "no hits";
    errors.push({ where: ex.where, message: `example ${JSON.stringify(ex.q)} expects ${ex.expect} but got ${r.decision} [${r.reasons.join(", ")}]; hits: ${hits}` });
  }
  if (errors.length) return result;
  return { ...result, ok: true, bin: compiled.bin, lex: compiled.lex, info: compiled.lex.info };
}
