#!/usr/bin/env node
// `npm start`: the Worker locally (workerd via `wrangler dev`) on http://127.0.0.1:${PORT:-8787},
// serving the bundled lexicon (build/lexicon.bin, rebuilt by `prestart`) and the local KV that
// `npm run lexicon -- push --local` writes (.wrangler/state). Arguments after `npm start --` go
// to `wrangler dev`, e.g. `npm start -- --var LEXICON_REFRESH_SECONDS:1`.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const wrangler = join(dirname(require.resolve("wrangler/package.json")), "bin", "wrangler.js");

const port = process.env.PORT || "8787";
if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
  console.error(`PORT must be a TCP port number (1-65535), got "${port}".`);
  process.exit(2);
}

const args = [wrangler, "dev", "--local", "--ip", "127.0.0.1", "--port", port, ...process.argv.slice(2)];
// Local only: no request for the Request.cf placeholder data, no usage metrics.
const env = { CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", ...process.env };
const child = spawn(process.execPath, args, { cwd: root, stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => child.kill(sig));
}
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
