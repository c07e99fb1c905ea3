import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
export default defineConfig({
  test: {
    projects: [
      { test: { name: "node", include: ["test/{core,compiler,cli,lexicon}/**/*.test.ts"], environment: "node" } },
      { test: { name: "browser", include: ["test/browser/**/*.test.ts"], environment: "node", globalSetup: ["test/browser/support/worker-setup.ts"], testTimeout: 30_000, hookTimeout: 60_000 } },
      { plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })], test: { name: "workerd", include: ["test/worker/**/*.test.ts"], globalSetup: ["test/worker/global-setup.ts"] } },
    ],
  },
});
