import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
export default defineConfig({
  test: {
    projects: [
      { test: { name: "node", include: ["test/{core,compiler,cli,lexicon}/**/*.test.ts"], environment: "node" } },
      { plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })], test: { name: "workerd", include: ["test/worker/**/*.test.ts"] } },
    ],
  },
});
