/**
 * `lexicon rollback VERSION [--local|--remote] [--env NAME]`: point `lexicon:current` at a version
 * already in KV, after checking it exists, its sha256 and format verify, and its metadata agrees.
 */
import { verifyLexicon } from "../../core";
import { CURRENT_KEY, describeTarget, getValue, parseTarget, putText, readState, shortSum, versionKey, propagationNote, withKvErrors } from "../kv";

export default withKvErrors(async function rollback(argv: string[]): Promise<number> {
  const { target, rest } = parseTarget(argv);
  const [version, ...extra] = rest;
  if (!version || extra.length || version.startsWith("--")) {
    console.error("usage: npm run lexicon -- rollback VERSION [--local|--remote] [--env NAME]   (see `versions` for the ids)");
    return 2;
  }
  const state = await readState(target);
  const entry = state.versions.find((v) => v.version === version);
  if (!entry) {
    const known = state.versions.map((v) => v.version).join(", ") || "none";
    console.error(`${describeTarget(target)} has no ${versionKey(version)}. Versions there: ${known}.`);
    return 1;
  }
  const bin = await getValue(target, versionKey(version));
  const verified = await verifyLexicon(bin);
  if (!verified.ok) {
    console.error(`${versionKey(version)} does not verify (${verified.code}: ${verified.message}); ${CURRENT_KEY} left at ${state.current ?? "(unset)"}.`);
    return 1;
  }
  const info = verified.info;
  const m = entry.metadata ?? {};
  const problems: string[] = [];
  if (info.version !== version) problems.push(`the binary is version ${info.version}`);
  if (m.checksum !== undefined && m.checksum !== info.checksum) problems.push(`metadata checksum ${shortSum(m.checksum)}… differs from the binary's ${shortSum(info.checksum)}…`);
  if (m.format !== undefined && m.format !== info.format) problems.push(`metadata format ${m.format} differs from the binary's ${info.format}`);
  if (problems.length) {
    console.error(`${versionKey(version)} is inconsistent: ${problems.join("; ")}. ${CURRENT_KEY} left at ${state.current ?? "(unset)"}.`);
    return 1;
  }
  if (state.current === version) {
    console.log(`${CURRENT_KEY} already names ${version} (${describeTarget(target)}); nothing to do.`);
    return 0;
  }
  await putText(target, CURRENT_KEY, version);
  console.log(`Pointed ${CURRENT_KEY} at ${version} (was ${state.current ?? "unset"}) in ${describeTarget(target)}: ${info.entries} entries, built ${info.builtAt}, sha256 ${shortSum(info.checksum)}….`);
  console.log(propagationNote(target));
  return 0;
});
