import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";
import { layerAliases } from "./tools/aliases";
import { contentSecurityPolicy, inlineStyleHashes, securityHeaders } from "./tools/csp";
import { faceModels } from "./tools/vite-face-models";
import { inlineEntryCss, preloadFirstScreen } from "./tools/vite-first-screen";
import { cspReportCollector, headersForDeployment } from "./tools/vite-csp";
import { onnxModels } from "./tools/vite-onnx-models";
import { offlinePacks } from "./tools/vite-offline-packs";
import { LAZY_RULES, PRECACHE_IGNORES } from "./src/ml/packs";
import { appManifest } from "./tools/manifest";
import { SHARE_TARGET_SCRIPT, shareTargetWorker } from "./tools/vite-share-target";

// The shop service (api/, `npm run api:start`) behind this origin: /api/v1/search →
// http://127.0.0.1:8787/v1/search. Same origin, so no CORS and no COEP question.
const shopApi = {
  "^/api/": {
    target: `http://127.0.0.1:${process.env.CURATOR_API_PORT ?? 8787}`,
    changeOrigin: true,
    rewrite: (path: string) => path.replace(/^\/api/, ""),
    // The dev server serves the app's own modules from api/ (api/contract.ts, shared with
    // the app) under the same /api/ prefix: those are files, not requests for the service.
    bypass: (req: { url?: string }) => (/^\/api\/[\w/.-]+\.(ts|js|mjs)(\?|$)/.test(req.url ?? "") ? req.url : undefined),
  },
};

// CURATOR_DIST lets several builds (e.g. parallel e2e runs) coexist.
const outDir = process.env.CURATOR_DIST ?? "dist";

// Every response carries cross-origin isolation (multi-threaded WASM needs it) and the
// Content-Security-Policy (tools/csp.ts; deployments: README and the built dist/_headers).
// CURATOR_CSP_EXTRA adds connect/img sources (e.g. a local S3 server over plain http);
// CURATOR_CSP_REPORT_LOG (tests) collects violation reports.
const extraSources = (process.env.CURATOR_CSP_EXTRA ?? "").split(/\s+/).filter(Boolean);
const reportLog = process.env.CURATOR_CSP_REPORT_LOG;
const REPORT_ROUTE = "/__csp-report";
const devHeaders = securityHeaders(contentSecurityPolicy({ dev: true, extraSources }));
/** The built index.html inlines its first-paint CSS: the policy allows exactly that <style> by hash. */
function previewHeaders() {
  const index = join(outDir, "index.html");
  const html = existsSync(index) ? readFileSync(index, "utf8") : "";
  return securityHeaders(contentSecurityPolicy({ styleHashes: inlineStyleHashes(html), extraSources, ...(reportLog ? { reportUri: REPORT_ROUTE } : {}) }));
}

export default defineConfig(({ isPreview }) => ({
  resolve: { alias: layerAliases() },
  build: { outDir, target: "es2022", sourcemap: false, chunkSizeWarningLimit: 4096 },
  // Workers are bundled separately: they need the models virtual module too.
  worker: { format: "es", plugins: () => [onnxModels(), offlinePacks()] },
  // Other build dirs (CURATOR_DIST=dist-*) in the project root must not trigger dev reloads.
  server: { headers: devHeaders, watch: { ignored: ["**/dist-*/**"] }, proxy: shopApi },
  preview: { headers: isPreview ? previewHeaders() : devHeaders, proxy: shopApi },
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
    // The Wardrobe tab is what a start paints: fetch its chunk with the entry.
    preloadFirstScreen("/src/app/wardrobe/WardrobeScreen.tsx"),
    inlineEntryCss(),
    headersForDeployment(),
    cspReportCollector(reportLog, REPORT_ROUTE),
    faceModels(),
    onnxModels(),
    offlinePacks(),
    shareTargetWorker(),
    VitePWA({
      registerType: "prompt",
      injectRegister: false,
      includeAssets: ["icons/*.png", "icons/*.svg"],
      // Share target, file handlers, shortcuts and screenshots: tools/manifest.ts.
      manifest: appManifest(),
      workbox: {
        // Only the app shell is precached (the wardrobe works offline after one visit). The
        // vision runtime and models, and the face models, are fetched on first need (or by
        // Settings → Storage → "Make Curator work fully offline now") and kept by the
        // cache-first rules below, one cache per capability (src/ml/packs.ts), so Settings
        // can list and remove them. Their names carry a version or a hash.
        globPatterns: ["**/*.{js,mjs,css,html,svg,png,ico,webmanifest,wasm,onnx,json,bin}"],
        // The manifest's screenshots are for the install sheet only.
        globIgnores: [...PRECACHE_IGNORES, "screenshots/**"],
        // The first visit's page is controlled at once, so what it fetches on first need
        // (the models for the first photo) is cached for offline use by the rules below.
        clientsClaim: true,
        // Receives Android's Share → Curator (workers/share-target.sw.ts).
        importScripts: [SHARE_TARGET_SCRIPT],
        runtimeCaching: LAZY_RULES.map(({ pattern, cacheName, maxEntries }) => ({
          urlPattern: pattern,
          handler: "CacheFirst" as const,
          // Module scripts (ORT's glue, the face worker) are requested with an Origin header and
          // the server answers "Vary: Origin": without ignoreVary they would miss the cache offline.
          options: { cacheName, expiration: { maxEntries }, matchOptions: { ignoreVary: true } },
        })),
        maximumFileSizeToCacheInBytes: 40 * 1024 * 1024,
        navigateFallback: "index.html",
        // The shop service's answers are never the app shell.
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
}));
