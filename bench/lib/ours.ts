/**
 * Our engine as the benchmarks load it.
 *
 * The core is bundled with esbuild into build/bench/core.mjs first, the way wrangler bundles it
 * for the Worker, and every benchmark (in-process and the cold-start children) imports that
 * one file: the code timed is the code deployed. The compiler is bundled at the same moment into
 * build/bench/compiler.mjs, and the real lexicon is compiled with it into
 * build/bench/lexicon-real.bin: the tree is shared with people editing it, so every binary the
 * bench loads comes from the same snapshot of the source as the code that loads it.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import type { SynthTerm } from "./gen.js";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const OUT = path.join(ROOT, "build", "bench");
export const CORE_BUNDLE = path.join(OUT, "core.mjs");
export const COMPILER_BUNDLE = path.join(OUT, "compiler.mjs");
export const REAL_BIN = path.join(OUT, "lexicon-real.bin");

/** The subset of src/core/index.ts the benchmarks use. */
export interface Core {
  loadLexicon(bin: ArrayBuffer | Uint8Array): unknown;
  check(lex: unknown, q: string, opts?: { kind?: string; locale?: string; explain?: boolean }): { decision: string; matches: unknown[] };
  rawMatches(lex: unknown, text: string): { entry: number; start: number; end: number }[];
  countRawMatches?(lex: unknown, text: string): number;
}

/**
 * Bundle the core and the compiler of the source tree at `src` (this checkout, or a worktree of
 * another commit for `bench/compare.ts`) into `out`. The compiler's packages stay external: they
 * resolve from this checkout's node_modules, since `out` lies inside it.
 */
export async function bundleCore(src = ROOT, out = OUT): Promise<{ core: string; compiler: string }> {
  fs.mkdirSync(out, { recursive: true });
  const core = path.join(out, "core.mjs");
  const compiler = path.join(out, "compiler.mjs");
  const common = { bundle: true, format: "esm", target: "es2022", logLevel: "error" } as const;
  await Promise.all([
    build({ ...common, entryPoints: [path.join(src, "src/core/index.ts")], platform: "neutral", outfile: core }),
    build({ ...common, entryPoints: [path.join(src, "src/compiler/index.ts")], platform: "node", packages: "external", outfile: compiler }),
  ]);
  return { core, compiler };
}

/** Compile lexicon/ with the bundled compiler into REAL_BIN; on failure copy build/lexicon.bin. */
export async function buildRealLexicon(): Promise<string> {
  try {
    const mod = (await import(pathToFileURL(COMPILER_BUNDLE).href)) as { buildLexicon(dir: string): { ok: boolean; bin?: Uint8Array; errors: { message: string }[] } };
    const r = mod.buildLexicon(path.join(ROOT, "lexicon"));
    if (r.ok && r.bin) {
      fs.writeFileSync(REAL_BIN, r.bin);
      return "compiled from lexicon/ with the bundled compiler";
    }
    fs.copyFileSync(path.join(ROOT, "build/lexicon.bin"), REAL_BIN);
    return `lexicon/ did not build (${r.errors[0]?.message ?? "?"}); copied build/lexicon.bin`;
  } catch (e) {
    fs.copyFileSync(path.join(ROOT, "build/lexicon.bin"), REAL_BIN);
    return `bundled buildLexicon failed (${(e as Error).message.split("\n")[0]}); copied build/lexicon.bin`;
  }
}

export async function loadCore(bundle = CORE_BUNDLE): Promise<Core> {
  return (await import(pathToFileURL(bundle).href)) as Core;
}

type CompileTerms = (terms: SynthTerm[], opts?: Record<string, unknown>) => Uint8Array | { bin: Uint8Array; errors?: { message: string }[] };
export type CompileSync = (terms: SynthTerm[]) => { bin: Uint8Array; errors: string[] };

/** The lead's compileTerms (src/compiler), whichever module exports it, as a sync function returning the binary. */
export async function loadCompiler(bundle = COMPILER_BUNDLE): Promise<CompileSync> {
  const mod = fs.existsSync(bundle) ? ((await import(pathToFileURL(bundle).href)) as { compileTerms?: CompileTerms }) : {};
  if (!mod.compileTerms) throw new Error(`compileTerms is not exported by the compiler bundle ${bundle}`);
  const f = mod.compileTerms;
  return (terms) => {
    // pinyin: false — the synthetic Han terms get no generated pinyin forms (the peers have none).
    const r = f(terms, { pinyin: false, version: `bench-${terms.length}` });
    if (r instanceof Uint8Array) return { bin: r, errors: [] };
    return { bin: r.bin, errors: (r.errors ?? []).map((e) => e.message) };
  };
}
