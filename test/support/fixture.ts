/** The engine's test lexicon (test/fixtures/lexicon), compiled once per test file. */
import { buildLexicon, compile, readLexicon } from "../../src/compiler";
import type { Compiled } from "../../src/compiler/compile";

let cached: Compiled | undefined;

export function fixture(): Compiled {
  if (cached) return cached;
  const src = readLexicon("test/fixtures/lexicon");
  if (src.errors.length) throw new Error(src.errors.map((e) => `${e.where}: ${e.message}`).join("\n"));
  cached = compile({
    entries: src.entries,
    categories: src.categories,
    languages: src.languages,
    locales: src.locales,
    messages: src.messages,
    version: "test-1",
    builtAt: "2026-01-01T00:00:00.000Z",
  });
  if (cached.errors.length) throw new Error(cached.errors.map((e) => `${e.where}: ${e.message}`).join("\n"));
  return cached;
}

export { buildLexicon };
