import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Every wrangler a test starts stays on loopback: no fetch of the Request.cf placeholder data from
// Cloudflare and no usage metrics (child processes inherit these).
process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";
process.env.WRANGLER_SEND_METRICS = "false";
export default defineConfig({
  test: {
    projects: [
      { test: { name: "node", include: ["test/{core,compiler,cli,lexicon}/**/*.test.ts"], environment: "node" } },
      { test: { name: "browser", include: ["test/browser/**/*.test.ts"], environment: "node", globalSetup: ["test/browser/support/worker-setup.ts"], testTimeout: 30_000, hookTimeout: 60_000 } },
      { plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })], test: { name: "workerd", include: ["test/worker/**/*.test.ts"], globalSetup: ["test/worker/global-setup.ts"] } },
    ],
  },
});
