import { defineConfig } from "vitest/config";
import { layerAliases } from "./tools/aliases";

// Vitest as StrykerJS runs it (stryker.config.mjs): only the tests of the folder being
// mutated (CURATOR_MUTATE, a folder or a module inside one), so each score says how well
// that code's own tests guard it. The sync fuzzer (minutes per run) is a soak, not a guard.
const folder = (process.env.CURATOR_MUTATE ?? "src/domain").replace(/\/+$/, "");
const tests = { include: [`${folder}/**/*.test.ts`], exclude: ["src/sync/syncFuzz.test.ts"] };

export default defineConfig({
  resolve: { alias: layerAliases() },
  test: {
    include: tests.include,
    exclude: ["**/node_modules/**", ...tests.exclude],
    environment: "node",
    // Coverage instrumentation and a loaded machine slow some tests several times over
    // (a 60 s limit failed the initial run on a colour test).
    testTimeout: 300_000,
  },
});
