import { defineConfig } from "vitest/config";
import { layerAliases } from "./tools/aliases";

// Vitest as StrykerJS runs it (stryker.config.mjs): only the tests of the folder being
// mutated (CURATOR_MUTATE), so each folder's score says how well its own tests guard it.
const TESTS: Record<string, { include: string[]; exclude?: string[] }> = {
  "src/domain": { include: ["src/domain/**/*.test.ts"] },
  "src/data": { include: ["src/data/**/*.test.ts"] },
  "src/sync": { include: ["src/sync/**/*.test.ts"], exclude: ["src/sync/syncFuzz.test.ts"] },
  api: { include: ["api/**/*.test.ts"] },
};
const folder = process.env.CURATOR_MUTATE ?? "src/domain";
const tests = TESTS[folder];
if (!tests) throw new Error(`CURATOR_MUTATE must be one of ${Object.keys(TESTS).join(", ")}`);

export default defineConfig({
  resolve: { alias: layerAliases() },
  test: {
    include: tests.include,
    exclude: ["**/node_modules/**", ...(tests.exclude ?? [])],
    environment: "node",
    testTimeout: 60_000,
  },
});
