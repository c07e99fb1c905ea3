/**
 * `lexicon versions [--local|--remote] [--env NAME] [--json]`: every `lexicon:v:<version>` in KV
 * with its metadata, oldest first; `*` marks the one `lexicon:current` names.
 */
import { CURRENT_KEY, describeTarget, parseTarget, readState, shortSum, takeFlag, withKvErrors } from "../kv";

export default withKvErrors(async function versions(argv: string[]): Promise<number> {
  const { target, rest } = parseTarget(argv);
  const asJson = takeFlag(rest, "--json");
  if (rest.length) {
    console.error(`Unexpected argument "${rest[0]}".\nusage: npm run lexicon -- versions [--local|--remote] [--env NAME] [--json]`);
    return 2;
  }
  const state = await readState(target);
  if (asJson) {
    console.log(JSON.stringify({ current: state.current, versions: state.versions.map((v) => ({ ...v, current: v.version === state.current })) }, null, 2));
    return 0;
  }
  console.log(`${describeTarget(target)}: ${state.versions.length} version${state.versions.length === 1 ? "" : "s"}; ${CURRENT_KEY} = ${state.current ?? "(unset: the Worker serves its bundled lexicon)"}`);
  if (state.versions.length) {
    const w = Math.max(7, ...state.versions.map((v) => v.version.length));
    console.log(`  ${"version".padEnd(w)}  ${"built at".padEnd(24)}  ${"entries".padStart(7)}  format  checksum`);
    for (const v of state.versions) {
      const m = v.metadata ?? {};
      const mark = v.version === state.current ? "*" : " ";
      console.log(`${mark} ${v.version.padEnd(w)}  ${(m.builtAt ?? "?").padEnd(24)}  ${String(m.entries ?? "?").padStart(7)}  ${String(m.format ?? "?").padStart(6)}  ${shortSum(m.checksum)}`);
    }
  }
  if (state.current && !state.versions.some((v) => v.version === state.current)) {
    console.error(`Warning: ${CURRENT_KEY} names ${state.current}, which is not in KV; the Worker keeps its last good lexicon. Fix it with rollback.`);
    return 1;
  }
  return 0;
});
