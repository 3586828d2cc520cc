import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";
import { layerAliases } from "./tools/aliases";
import { faceModels } from "./tools/vite-face-models";
import { onnxModels } from "./tools/vite-onnx-models";

// Cross-origin isolation lets onnxruntime-web and tfjs use SharedArrayBuffer
// (multi-threaded WASM). Deployments must send the same two headers (README).
const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

// The shop service (api/, `npm run api:start`) behind this origin: /api/v1/search →
// http://127.0.0.1:8787/v1/search. Same origin, so no CORS and no COEP question.
const shopApi = {
  "^/api/": {
    target: `http://127.0.0.1:${process.env.CURATOR_API_PORT ?? 8787}`,
    changeOrigin: true,
    rewrite: (path: string) => path.replace(/^\/api/, ""),
  },
};

// CURATOR_DIST lets several builds (e.g. parallel e2e runs) coexist.
const outDir = process.env.CURATOR_DIST ?? "dist";

export default defineConfig({
  resolve: { alias: layerAliases() },
  build: { outDir, target: "es2022", sourcemap: false, chunkSizeWarningLimit: 4096 },
  // Workers are bundled separately: they need the models virtual module too.
  worker: { format: "es", plugins: () => [onnxModels()] },
  // Other build dirs (CURATOR_DIST=dist-*) in the project root must not trigger dev reloads.
  server: { headers: isolation, watch: { ignored: ["**/dist-*/**"] }, proxy: shopApi },
  preview: { headers: isolation, proxy: shopApi },
  optimizeDeps: {
    exclude: ["onnxruntime-web"],
    include: [
      "@tensorflow/tfjs",
      "@tensorflow-models/face-landmarks-detection",
      "dexie",
      // The face worker imports these directly (not the tfjs meta-package, which would drag
      // the WebGL and CPU backends into the worker); listed so dev does not re-optimise mid-run.
      "@tensorflow/tfjs-core",
      "@tensorflow/tfjs-converter",
      "@tensorflow/tfjs-backend-wasm",
      "comlink",
    ],
  },
  plugins: [
    react(),
    faceModels(),
    onnxModels(),
    VitePWA({
      registerType: "prompt",
      injectRegister: false,
      includeAssets: ["icons/*.png", "icons/*.svg"],
      manifest: {
        name: "Curator — your wardrobe",
        short_name: "Curator",
        description: "Your wardrobe on your device: recognises clothes, suggests outfits, works offline.",
        theme_color: "#1f2a44",
        background_color: "#f7f5f2",
        display: "standalone",
        start_url: "./",
        scope: "./",
        icons: [
          { src: "icons/icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "icons/icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: {
        // The app shell, its workers and the one ORT WASM build are precached; model
        // weights are precached too, under versioned names, so the app works offline
        // after one visit. The default 2 MiB limit would silently skip them.
        globPatterns: ["**/*.{js,mjs,css,html,svg,png,ico,webmanifest,wasm,onnx,json,bin}"],
        // The WebGPU build of ORT (27 MB) is fetched only where WebGPU is used, then kept
        // by the runtime cache below.
        globIgnores: ["**/*.asyncify-*.wasm", "**/*.asyncify-*.mjs"],
        runtimeCaching: [
          {
            urlPattern: /\/assets\/ort-wasm-simd-threaded\.asyncify-[\w-]+\.(wasm|mjs)$/,
            handler: "CacheFirst",
            options: { cacheName: "curator-ort-webgpu", expiration: { maxEntries: 4 } },
          },
        ],
        maximumFileSizeToCacheInBytes: 40 * 1024 * 1024,
        navigateFallback: "index.html",
        // The shop service's answers are never the app shell.
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
});
