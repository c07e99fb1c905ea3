/**
 * Our engine as the benchmarks load it.
 *
 * The core is bundled with esbuild into build/bench/core.mjs first, the way wrangler bundles it
 * for the Worker, and every benchmark (in-process and the cold-start children) imports that
 * one file: the code timed is the code deployed. The compiler (Node only) is imported from
 * source.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import type { SynthTerm } from "./gen.js";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const OUT = path.join(ROOT, "build", "bench");
export const CORE_BUNDLE = path.join(OUT, "core.mjs");

/** The subset of src/core/index.ts the benchmarks use. */
export interface Core {
  loadLexicon(bin: ArrayBuffer | Uint8Array): unknown;
  check(lex: unknown, q: string, opts?: { kind?: string; locale?: string; explain?: boolean }): { decision: string; matches: unknown[] };
  rawMatches(lex: unknown, text: string): { entry: number; start: number; end: number }[];
  countRawMatches?(lex: unknown, text: string): number;
}

export async function bundleCore(): Promise<string> {
  fs.mkdirSync(OUT, { recursive: true });
  await build({
    entryPoints: [path.join(ROOT, "src/core/index.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    outfile: CORE_BUNDLE,
    logLevel: "error",
  });
  return CORE_BUNDLE;
}

export async function loadCore(): Promise<Core> {
  return (await import(pathToFileURL(CORE_BUNDLE).href)) as Core;
}

type CompileTerms = (terms: SynthTerm[], opts?: Record<string, unknown>) => Uint8Array | { bin: Uint8Array; errors?: { message: string }[] };
export type CompileSync = (terms: SynthTerm[]) => { bin: Uint8Array; errors: string[] };

/** The lead's compileTerms (src/compiler), whichever module exports it, as a sync function returning the binary. */
export async function loadCompiler(): Promise<CompileSync> {
  let fn: CompileTerms | null = null;
  for (const m of ["src/compiler/index.ts", "src/compiler/compile.ts"]) {
    const p = path.join(ROOT, m);
    if (!fs.existsSync(p)) continue;
    const mod = (await import(pathToFileURL(p).href)) as { compileTerms?: CompileTerms };
    if (mod.compileTerms) {
      fn = mod.compileTerms;
      break;
    }
  }
  if (!fn) throw new Error("compileTerms is not exported by src/compiler yet");
  const f = fn;
  return (terms) => {
    // pinyin: false — the synthetic Han terms get no generated pinyin forms (the peers have none).
    const r = f(terms, { pinyin: false, version: `bench-${terms.length}` });
    if (r instanceof Uint8Array) return { bin: r, errors: [] };
    return { bin: r.bin, errors: (r.errors ?? []).map((e) => e.message) };
  };
}
