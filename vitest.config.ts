import { defineConfig } from "vitest/config";
import { layerAliases } from "./tools/aliases";

export default defineConfig({
  resolve: { alias: layerAliases() },
  test: {
    include: ["src/**/*.test.ts", "workers/**/*.test.ts", "api/**/*.test.ts", "models/**/*.test.ts", "tools/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    // Both cores: vitest's default leaves one free (cpus - 1 = 1 worker here), and most of the
    // suite's time is single-threaded WASM model runs that gain ~2x from a second file in flight.
    maxWorkers: 2,
  },
});
