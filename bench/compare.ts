/**
 * Is a change to the engine faster? `npm run bench:compare -- REV` times the working tree's
 * `check` against commit REV's, the way `npm run bench` times ours: the generated lexicon and
 * queries, batches of 100, beside the floor.
 *
 * Each measurement is a fresh process that loads one build only (`bench/compare-child.ts`), and
 * the two builds take turns, in alternating order: timed in one process, two copies of the very
 * same bundle differ by 5–10 % (where each copy's arrays land), which hides the changes worth
 * measuring. The machine's speed drifts between processes too, so each process also times the
 * floor, and the result is the median over processes of check ÷ floor as well as of check.
 *
 *   --sizes 1000,10000   lexicon sizes (default 10000)
 *   --runs 5             processes per build and size (default 5)
 *   --queries 100000     queries per process (default 100000)
 *
 * REV is bundled from a temporary `git worktree` (removed afterwards) with this checkout's
 * esbuild and packages. Benchmarks, not tests: nothing asserts on time.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { bundleCore, OUT, ROOT } from "./lib/ours.js";
import { table } from "./lib/stats.js";

const args = process.argv.slice(2);
const known = ["--sizes", "--runs", "--queries"];
const unknown = args.filter((a) => a.startsWith("--") && !known.includes(a));
if (unknown.length) {
  console.error(`compare: unknown option ${unknown[0]} (it takes ${known.join(", ")}, each followed by a value)`);
  process.exit(2);
}
function flag(name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
}
const rev = args.find((a, i) => !a.startsWith("--") && (i === 0 || !args[i - 1]!.startsWith("--")));
if (!rev) {
  console.error("usage: npm run bench:compare -- REV [--sizes 1000,10000] [--runs 5] [--queries 100000]");
  process.exit(2);
}
const sizes = flag("--sizes", "10000").split(",").map(Number);
const runs = Number(flag("--runs", "5"));
const queries = Number(flag("--queries", "100000"));
if (sizes.some((n) => !(n > 0)) || !(runs > 0) || !(queries >= 1000)) {
  console.error("--sizes takes positive numbers, --runs a positive number, --queries at least 1000");
  process.exit(2);
}

const git = (...a: string[]) => execFileSync("git", a, { cwd: ROOT, encoding: "utf8" }).trim();
let commit: string;
try {
  commit = git("rev-parse", "--short", "--verify", "--quiet", `${rev}^{commit}`);
} catch {
  console.error(`compare: "${rev}" names no commit in this repository`);
  process.exit(2);
}
const head = git("rev-parse", "--short", "HEAD");
const dirty = git("status", "--porcelain", "--", "src").split("\n").filter(Boolean).length;
const dir = path.join(OUT, "compare");
const tree = fs.mkdtempSync(path.join(os.tmpdir(), "ws-compare-"));
/** Remove the temporary worktree (also on Ctrl-C); a failure here must not hide the first error. */
const cleanup = () => {
  try {
    git("worktree", "remove", "--force", tree);
  } catch {
    fs.rmSync(tree, { recursive: true, force: true });
    try {
      git("worktree", "prune");
    } catch {}
  }
};
process.once("SIGINT", () => {
  cleanup();
  process.exit(130);
});
let builds: { name: string; core: string; compiler: string }[];
try {
  git("worktree", "add", "--detach", "--force", tree, commit);
  builds = [
    { name: `${commit} (REV)`, ...(await bundleCore(tree, path.join(dir, "rev"))) },
    { name: `working tree (${head}${dirty ? ` + ${dirty} changed paths in src/` : ""})`, ...(await bundleCore(ROOT, path.join(dir, "work"))) },
  ];
} finally {
  cleanup();
}

interface Sample {
  check: number;
  floor: number;
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

console.log(`compare: ${builds[0]!.name} vs ${builds[1]!.name}; ${runs} processes each per size, ${queries} queries`);
const rows: string[][] = [];
for (const size of sizes) {
  const samples: Sample[][] = builds.map(() => []);
  for (let r = 0; r < runs; r++) {
    const order = r % 2 ? [1, 0] : [0, 1];
    for (const b of order) {
      const p = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/compare-child.ts"), builds[b]!.core, builds[b]!.compiler, String(size), String(queries)], { cwd: ROOT, encoding: "utf8" });
      if (p.status !== 0) throw new Error(`compare child failed for ${builds[b]!.name}: ${p.stderr.trim().split("\n").slice(-3).join(" ")}`);
      const s = JSON.parse(p.stdout.trim().split("\n").pop()!) as Sample;
      samples[b]!.push(s);
      console.log(`  ${size} terms, run ${r + 1}: ${builds[b]!.name}: check ${s.check.toFixed(0)} ns, floor ${s.floor.toFixed(0)} ns`);
    }
  }
  const [a, b] = samples.map((xs) => ({ check: median(xs.map((x) => x.check)), ratio: median(xs.map((x) => x.check / x.floor)), floor: median(xs.map((x) => x.floor)), lo: Math.min(...xs.map((x) => x.check)), hi: Math.max(...xs.map((x) => x.check)) }));
  for (const [i, m] of [a!, b!].entries()) {
    rows.push([String(size), builds[i]!.name, `${m.check.toFixed(0)} ns`, `${m.lo.toFixed(0)}–${m.hi.toFixed(0)} ns`, `${m.floor.toFixed(0)} ns`, `${m.ratio.toFixed(2)}×`, i === 0 ? "" : `${(((b!.check - a!.check) / a!.check) * 100).toFixed(1)} % (check), ${(((b!.ratio - a!.ratio) / a!.ratio) * 100).toFixed(1)} % (÷ floor)`]);
  }
}
console.log("");
console.log(table(["terms", "build", "check median", "range over processes", "floor", "check ÷ floor", "working tree against REV"], rows));
