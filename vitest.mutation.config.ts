import { defineConfig } from "vitest/config";
import { layerAliases } from "./tools/aliases";

// Vitest as StrykerJS runs it (stryker.config.mjs): only the tests of the folder being
// mutated (CURATOR_MUTATE, a folder or a module inside one), so each score says how well
// that code's own tests guard it. The sync fuzzer (minutes per run) is a soak, not a guard.
const folder = (process.env.CURATOR_MUTATE ?? "src/domain").replace(/\/+$/, "");
// Code whose tests live beside the code that re-exports it: src/domain/image/sniff.ts is the
// image worker's sniff (workers/image/sniff.ts re-exports it), tested there.
const GUARDED_FROM_ELSEWHERE: Record<string, string[]> = {
  "src/domain/image": ["workers/image/sniff.test.ts", "workers/image/pixelLimit.test.ts"],
};
const elsewhere = Object.entries(GUARDED_FROM_ELSEWHERE)
  .filter(([code]) => code === folder || code.startsWith(`${folder}/`))
  .flatMap(([, files]) => files);
const tests = { include: [`${folder}/**/*.test.ts`, ...elsewhere], exclude: ["src/sync/syncFuzz.test.ts"] };

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
