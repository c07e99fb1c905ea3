/**
 * `lexicon push [--local|--remote] [--env NAME] [--dir lexicon] [--version ID] [--persist-to DIR]`:
 * build and validate the lexicon (every example must pass), upload it as `lexicon:v:<version>`
 * with its metadata, then point `lexicon:current` at it. Nothing is written when the build fails,
 * and a version id given with --version that KV already holds with another checksum is refused
 * (version keys are immutable); the default id (date + source fingerprint) moves to `<id>.2`, … instead.
 */
import { verifyLexicon } from "../../core";
import { buildLexicon } from "../../compiler";
import {
  CURRENT_KEY,
  describeTarget,
  parseTarget,
  putBinary,
  putText,
  readState,
  shortSum,
  takeFlag,
  takeOption,
  type VersionMetadata,
  versionKey,
  propagationNote,
  withKvErrors,
} from "../kv";

const USAGE = "usage: npm run lexicon -- push [--local|--remote] [--env NAME] [--dir lexicon] [--version ID] [--dry-run]";

export default withKvErrors(async function push(argv: string[]): Promise<number> {
  const { target, rest } = parseTarget(argv);
  const dir = takeOption(rest, "--dir") ?? "lexicon";
  const version = takeOption(rest, "--version");
  const dryRun = takeFlag(rest, "--dry-run");
  if (rest.length) {
    console.error(`Unexpected argument "${rest[0]}".\n${USAGE}`);
    return 2;
  }
  if (version !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/.test(version)) {
    console.error(`--version "${version}" is not a valid version id (letters, digits, . _ + -; at most 128).`);
    return 2;
  }

  let built = buildLexicon(dir, version ? { version } : {});
  for (const e of built.errors) console.error(`${e.where}: ${e.message}`);
  if (!built.ok || !built.bin || !built.info) {
    console.error(`\nThe lexicon in ${dir}/ does not build (${built.errors.length} error${built.errors.length === 1 ? "" : "s"}); nothing was uploaded.`);
    return 1;
  }
  const state = await readState(target);
  // An id made from the source (date + fingerprint) that KV already holds with other bytes means
  // the same source was built again (its build time differs): take the next free id, `<id>.2`, …
  // A version named with --version is never renamed: that clash is refused below.
  if (!version) {
    const taken = (id: string) => state.versions.find((v) => v.version === id);
    const base = built.info.version;
    let id = base;
    for (let n = 2; taken(id) && taken(id)!.metadata?.checksum !== built.info.checksum; n++) id = `${base}.${n}`;
    if (id !== base) {
      console.log(`${versionKey(base)} already holds an earlier build of this source; this build becomes ${id}.`);
      built = buildLexicon(dir, { version: id });
      if (!built.ok || !built.bin || !built.info) return 1;
    }
  }
  const verified = await verifyLexicon(built.bin);
  if (!verified.ok) {
    console.error(`The built binary does not verify (${verified.code}: ${verified.message}); nothing was uploaded.`);
    return 1;
  }
  const info = verified.info;
  const meta: VersionMetadata = { checksum: info.checksum, format: info.format, entries: info.entries, builtAt: info.builtAt };
  console.log(`Built ${info.version}: ${info.entries} entries, ${built.examples.passed} examples pass, ${built.bin.byteLength} bytes, sha256 ${shortSum(info.checksum)}…`);

  const existing = state.versions.find((v) => v.version === info.version);
  if (existing && existing.metadata?.checksum !== info.checksum) {
    console.error(
      `${describeTarget(target)} already has ${versionKey(info.version)} with checksum ${shortSum(existing.metadata?.checksum)}… ` +
        `(built ${existing.metadata?.builtAt ?? "?"}); this build's checksum is ${shortSum(info.checksum)}…. ` +
        "Version keys are never overwritten. To serve the stored one, run `npm run lexicon -- rollback " +
        `${info.version}\`; to upload this build, give it a new id with --version (e.g. --version ${info.version}.2).`,
    );
    return 1;
  }
  if (dryRun) {
    console.log(`Dry run: would ${existing ? "reuse" : "write"} ${versionKey(info.version)} and point ${CURRENT_KEY} at it (${describeTarget(target)}).`);
    return 0;
  }
  if (existing) console.log(`${versionKey(info.version)} is already in ${describeTarget(target)} with the same checksum; not uploading it again.`);
  else {
    await putBinary(target, versionKey(info.version), built.bin, meta);
    console.log(`Wrote ${versionKey(info.version)} to ${describeTarget(target)} with metadata ${JSON.stringify(meta)}.`);
  }
  if (state.current === info.version) {
    console.log(`${CURRENT_KEY} already names ${info.version}; nothing else to do.`);
  } else {
    await putText(target, CURRENT_KEY, info.version);
    console.log(`Pointed ${CURRENT_KEY} at ${info.version} (was ${state.current ?? "unset: the bundled lexicon"}).`);
  }
  console.log(propagationNote(target));
  return 0;
});
