import { defineConfig } from "vitest/config";
import { layerAliases } from "./tools/aliases";

export default defineConfig({
  resolve: { alias: layerAliases() },
  test: {
    include: ["src/**/*.test.ts", "workers/**/*.test.ts", "api/**/*.test.ts", "models/**/*.test.ts", "tools/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
  },
});
