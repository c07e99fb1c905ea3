/**
 * `npm run lexicon -- <command> [args]`: the lexicon maintainer's CLI. Each command is one module in
 * ./commands exporting `default (args: string[]) => Promise<number>` (the exit code).
 */
const COMMANDS: Record<string, string> = {
  build: "validate lexicon/ and compile it to build/lexicon.bin",
  check: 'explain the decision for a query: check "TEXT" [--kind hashtag] [--locale fr] [--json]',
  push: "build, validate and upload a new version to KV, then serve it: push [--local|--remote] [--env NAME]",
  versions: "list the versions in KV: versions [--local|--remote]",
  rollback: "serve an earlier version again: rollback VERSION [--local|--remote]",
  diff: "entries added, removed and changed: diff A B (a version id, or . for the working tree)",
  status: "what a running service serves: status [URL]",
};

async function main(argv: string[]): Promise<number> {
  const [cmd, ...args] = argv;
  if (!cmd || cmd === "help" || cmd === "--help" || cmd === "-h" || !(cmd in COMMANDS)) {
    if (cmd && !(cmd in COMMANDS) && cmd !== "help" && cmd !== "--help" && cmd !== "-h") console.error(`Unknown command "${cmd}".\n`);
    console.error("usage: npm run lexicon -- <command> [args]\n");
    for (const [name, what] of Object.entries(COMMANDS)) console.error(`  ${name.padEnd(9)} ${what}`);
    return cmd && cmd !== "help" && cmd !== "--help" && cmd !== "-h" ? 2 : 0;
  }
  const mod = (await import(`./commands/${cmd}.ts`)) as { default: (args: string[]) => Promise<number> };
  return mod.default(args);
}

// Commands turn expected failures into messages and exit codes; what reaches here is a bug, so its
// stack is shown.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
