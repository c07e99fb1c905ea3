/**
 * `lexicon diff A B [--local|--remote] [--env NAME] [--dir lexicon] [--json]`: entries added,
 * removed and changed from A to B. Each side is a version id in KV, `.` (the working tree, built
 * in memory from --dir), or a path to a compiled .bin file.
 */
import { existsSync, readFileSync } from "node:fs";
import { type Lexicon, listEntries, loadLexicon, verifyLexicon } from "../../core";
import { buildLexicon } from "../../compiler";
import { getValue, KvError, type KvState, type KvTarget, parseTarget, readState, takeFlag, takeOption, versionKey, withKvErrors } from "../kv";

type Entry = ReturnType<typeof listEntries>[number];
const FIELDS = ["role", "category", "lang", "action", "term"] as const;

async function load(side: string, target: KvTarget, dir: string, state: () => Promise<KvState>): Promise<Lexicon> {
  if (side === ".") {
    const r = buildLexicon(dir);
    if (!r.ok || !r.bin) {
      for (const e of r.errors) console.error(`${e.where}: ${e.message}`);
      throw new KvError(`The working tree (${dir}/) does not build.`);
    }
    return loadLexicon(r.bin);
  }
  if (side.endsWith(".bin") && existsSync(side)) return loadLexicon(readFileSync(side));
  const { versions } = await state();
  if (!versions.some((v) => v.version === side)) {
    throw new KvError(`No ${versionKey(side)} in KV (and "${side}" is not "." or a .bin file). Versions: ${versions.map((v) => v.version).join(", ") || "none"}.`);
  }
  const bin = await getValue(target, versionKey(side));
  const v = await verifyLexicon(bin);
  if (!v.ok) throw new KvError(`${versionKey(side)} does not verify (${v.code}: ${v.message}).`);
  return loadLexicon(bin);
}

const describe = (e: Entry) => `[${e.role}${e.action ? ` ${e.action}` : ""} ${e.lang}] ${e.term}`;

export default withKvErrors(async function diff(argv: string[]): Promise<number> {
  const { target, rest } = parseTarget(argv);
  const dir = takeOption(rest, "--dir") ?? "lexicon";
  const asJson = takeFlag(rest, "--json");
  if (rest.length !== 2) {
    console.error("usage: npm run lexicon -- diff A B [--local|--remote] [--dir lexicon] [--json]   (A, B: a version id, . for the working tree, or a .bin file)");
    return 2;
  }
  let cached: Promise<KvState> | undefined;
  const state = () => (cached ??= readState(target)); // one KV listing for both sides
  const a = await load(rest[0]!, target, dir, state);
  const b = await load(rest[1]!, target, dir, state);
  const before = new Map(listEntries(a).map((e) => [e.id, e]));
  const after = new Map(listEntries(b).map((e) => [e.id, e]));
  const added = [...after.values()].filter((e) => !before.has(e.id));
  const removed = [...before.values()].filter((e) => !after.has(e.id));
  const changed = [...after.values()]
    .filter((e) => before.has(e.id))
    .map((e) => {
      const old = before.get(e.id)!;
      const fields = FIELDS.filter((f) => old[f] !== e[f]).map((f) => ({ field: f, from: old[f], to: e[f] }));
      return { id: e.id, fields };
    })
    .filter((c) => c.fields.length);
  if (asJson) {
    console.log(JSON.stringify({ from: a.info.version, to: b.info.version, added, removed, changed }, null, 2));
    return 0;
  }
  console.log(`${rest[0]} (${a.info.version}, ${before.size} entries) → ${rest[1]} (${b.info.version}, ${after.size} entries): +${added.length} added, -${removed.length} removed, ~${changed.length} changed`);
  for (const e of added) console.log(`+ ${e.id}  ${describe(e)}`);
  for (const e of removed) console.log(`- ${e.id}  ${describe(e)}`);
  for (const c of changed) console.log(`~ ${c.id}  ${c.fields.map((f) => `${f.field}: ${f.from ?? "-"} → ${f.to ?? "-"}`).join("; ")}`);
  return 0;
});
