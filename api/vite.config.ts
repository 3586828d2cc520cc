// SSR build of the API adapters into dist-api/: node.mjs (npm run api:start) with its
// search-worker.mjs, and lambda.mjs (handler: lambda.handler). Node built-ins stay imports; nothing else is
// external, so dist-api/ runs without node_modules (onnxruntime is not used at all).
import { resolve } from "node:path";
import { defineConfig } from "vite";

const root = resolve(import.meta.dirname, "..");

export default defineConfig({
  root,
  publicDir: false,
  logLevel: "warn",
  build: {
    ssr: true,
    target: "node20",
    outDir: resolve(root, "dist-api"),
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    rollupOptions: {
      input: {
        node: resolve(root, "api/node.ts"),
        lambda: resolve(root, "api/lambda.ts"),
        search: resolve(root, "api/search/bench-entry.ts"),
        // Builds the catalog's Lance table (chained by api/catalog/build.mjs); needs node_modules (LanceDB is native).
        "lance-build": resolve(root, "api/lance/build.ts"),
        // The Lance side for bench/catalog-engine.bench.mjs.
        "lance-bench": resolve(root, "api/lance/bench-entry.ts"),
        // The search worker thread, started by node.mjs from beside itself.
        "search-worker": resolve(root, "api/search/worker.ts"),
      },
      output: { format: "es", entryFileNames: "[name].mjs", chunkFileNames: "chunks/[name]-[hash].mjs" },
    },
  },
  ssr: { noExternal: true, target: "node" },
});
