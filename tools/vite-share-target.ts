// The service worker is Workbox's generated sw.js (vite-plugin-pwa, generateSW); what
// only Curator's worker does (receiving Android's Share → Curator, see
// workers/share-target.sw.ts) is bundled here into one classic script that sw.js pulls
// in with importScripts. It is emitted into the build like any asset, so it is
// precached with the shell and its revision changes sw.js when it changes.
import { resolve } from "node:path";
import { rolldown } from "rolldown";
import type { Plugin } from "vite";
import { layerAliases } from "./aliases";

export const SHARE_TARGET_SCRIPT = "share-target-sw.js";

export function shareTargetWorker(entry = resolve(import.meta.dirname, "../workers/share-target.sw.ts")): Plugin {
  return {
    name: "curator:share-target-worker",
    apply: "build",
    async generateBundle() {
      const bundle = await rolldown({
        input: entry,
        platform: "browser",
        logLevel: "warn",
        // The layer aliases (@data/…), as the app's build resolves them.
        plugins: [
          {
            name: "curator:layer-aliases",
            resolveId(source) {
              for (const { find, replacement } of layerAliases()) {
                if (find.test(source)) return this.resolve(source.replace(find, replacement));
              }
              return null;
            },
          },
        ],
      });
      try {
        const { output } = await bundle.generate({ format: "iife", minify: true });
        const [chunk] = output;
        if (!chunk || chunk.type !== "chunk") throw new Error("share-target worker: no output");
        this.emitFile({ type: "asset", fileName: SHARE_TARGET_SCRIPT, source: chunk.code });
        for (const id of chunk.moduleIds) if (!id.startsWith("\0")) this.addWatchFile(id);
      } finally {
        await bundle.close();
      }
    },
  };
}
