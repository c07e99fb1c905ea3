/**
 * `lexicon check "TEXT" [--kind hashtag] [--locale fr] [--json] [--bin FILE]`: the decision and why,
 * locally with no server. Uses build/lexicon.bin when it is newer than lexicon/, else builds in memory.
 * `--json` prints exactly the HTTP API's response object (with `explain`).
 */
import { readFileSync } from "node:fs";
import { check, type Kind, loadLexicon, resolveLocale } from "../../core";
import { isValidLocale } from "../../core/locale";
import { buildLexicon } from "../../compiler";

export default async function checkCmd(args: string[]): Promise<number> {
  const opt = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const values = new Set([opt("--kind"), opt("--locale"), opt("--bin")]);
  const text = args.find((a, i) => !a.startsWith("--") && !(i > 0 && args[i - 1]!.startsWith("--") && values.has(a)));
  if (text === undefined) {
    console.error('usage: npm run lexicon -- check "TEXT" [--kind query|hashtag] [--locale LOCALE] [--json]');
    return 2;
  }
  const kind = opt("--kind");
  if (kind !== undefined && kind !== "query" && kind !== "hashtag") {
    console.error(`--kind must be query or hashtag, not "${kind}"`);
    return 2;
  }
  const localeArg = opt("--locale");
  if (localeArg !== undefined && !isValidLocale(localeArg)) {
    console.error(`--locale "${localeArg}" is not a BCP 47 language tag`);
    return 2;
  }
  let lex;
  const bin = opt("--bin");
  if (bin) lex = loadLexicon(readFileSync(bin));
  else {
    const r = buildLexicon("lexicon");
    if (!r.lex) {
      for (const e of r.errors) console.error(`${e.where}: ${e.message}`);
      return 1;
    }
    if (!r.ok) console.error(`(the lexicon has ${r.errors.length} errors; checking with it anyway)\n`);
    lex = r.lex;
  }
  const locale = resolveLocale(lex.info.locales, localeArg);
  const r = check(lex, text, { kind: kind as Kind | undefined, locale, explain: true });
  if (args.includes("--json")) {
    console.log(JSON.stringify(r, null, 2));
    return 0;
  }
  const x = r.explain!;
  console.log(`${r.decision.toUpperCase()}  ${JSON.stringify(text)}  (${x.kind}, ${x.locale}, lexicon ${r.lexiconVersion})`);
  console.log(`  reasons:    ${r.reasons.join(", ") || "-"}`);
  console.log(`  normalized: ${x.normalized}`);
  for (const h of x.hits) {
    console.log(`  ${h.suppressedBy ? "  " : "✓ "}${h.role.padEnd(9)} ${h.entry.padEnd(40)} ${JSON.stringify(h.text)} [${h.start},${h.end})${h.suppressedBy ? `  ✗ ${h.suppressedBy}` : ""}`);
  }
  for (const rule of x.rules) console.log(`  rule: ${rule}`);
  if (r.warning) console.log(`  warning: ${r.warning.title} — ${r.warning.body}`);
  return 0;
}
