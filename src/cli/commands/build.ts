/** `lexicon build`: validate and compile lexicon/ to build/lexicon.bin (and build/lexicon.json, its info). */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { buildLexicon } from "../../compiler";

export default async function build(args: string[]): Promise<number> {
  const dir = args.find((a) => !a.startsWith("--")) ?? "lexicon";
  const out = args.includes("--out") ? args[args.indexOf("--out") + 1]! : "build/lexicon.bin";
  const t0 = performance.now();
  const r = buildLexicon(dir);
  for (const e of r.errors) console.error(`${e.where}: ${e.message}`);
  if (!r.ok) {
    console.error(`\nlexicon build failed: ${r.errors.length} error${r.errors.length === 1 ? "" : "s"}; nothing written.`);
    return 1;
  }
  mkdirSync(out.replace(/[^/]*$/, "") || ".", { recursive: true });
  // Write then rename: a server or test reading the binary meanwhile sees the old one or the new
  // one, never half of each.
  const write = (path: string, data: string | Uint8Array) => {
    writeFileSync(`${path}.tmp-${process.pid}`, data);
    renameSync(`${path}.tmp-${process.pid}`, path);
  };
  write(out, r.bin!);
  write(out.replace(/\.bin$/, ".json"), `${JSON.stringify(r.info, null, 2)}\n`);
  const ms = (performance.now() - t0).toFixed(0);
  console.error(
    `lexicon ${r.info!.version}: ${r.info!.entries} entries, ${r.patterns} patterns, ${r.info!.categories.length} categories, ${r.info!.languages.length} languages; ` +
      `${r.examples.passed} examples pass; ${r.bin!.length} bytes → ${out} (${ms} ms)`,
  );
  return 0;
}
