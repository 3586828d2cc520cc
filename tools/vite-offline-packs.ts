import { createHash } from "node:crypto";
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { Plugin } from "vite";
import { FACE_MODEL_DIR, FACE_MODEL_FILES, TFJS_WASM_DIR } from "../src/ml/face/model-files";
import { faceAssets } from "./vite-face-models";
import { modelPrecision, shippedFile } from "./vite-onnx-models";

/**
 * `virtual:curator-packs`: per capability, the files fetched on first need (src/ml/packs.ts)
 * with their sha256, size and gzip size, read from the very files the build ships. The app
 * says "about 4.6 MB to download once" from it while offline, the face worker checks the
 * face files' sha256 before tfjs uses them (the vision worker checks the models against
 * the registry), and bench/install-size.bench.mjs compares it with what the build emits.
 */
const VIRTUAL = "virtual:curator-packs";
const RESOLVED = "\0" + VIRTUAL;
const require = createRequire(import.meta.url);

export interface PackFile {
  /** Relative to the app's base URL when the build keeps the name; else the package's file name. */
  path: string;
  sha256: string;
  bytes: number;
  gzipBytes: number;
}

/** An installed package's folder (some, like onnxruntime-web, do not export their package.json). */
function pkg(name: string): string {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    let dir = dirname(require.resolve(name));
    while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
    return dir;
  }
}

function describe(path: string, file: string | Buffer): PackFile {
  const data = typeof file === "string" ? readFileSync(file) : file;
  return { path, sha256: createHash("sha256").update(data).digest("hex"), bytes: data.byteLength, gzipBytes: gzipSync(data, { level: 9 }).byteLength };
}

/** The files of each pack as the build ships them (one tfjs WASM: the SIMD build every current browser runs). */
export function packFiles(modelsDir = resolve(import.meta.dirname, "../models")): { vision: PackFile[]; face: PackFile[] } {
  const registry = resolve(modelsDir, "registry.json");
  const champions = existsSync(registry)
    ? (JSON.parse(readFileSync(registry, "utf8")) as { models: Parameters<typeof shippedFile>[0][] }).models.filter((m) => m.status === "champion" && m.file)
    : [];
  const precision = modelPrecision();
  const ort = join(pkg("onnxruntime-web"), "dist");
  const vision = [
    ...champions.map((m) => {
      const { file } = shippedFile(m, precision);
      return describe(`models/${file}`, resolve(modelsDir, file));
    }),
    ...["ort-wasm-simd-threaded.wasm", "ort-wasm-simd-threaded.mjs", "ort.wasm.bundle.min.mjs"].map((f) => describe(f, join(ort, f))),
  ];
  // The face models are the build's uint8 copies (tools/face-quantize.ts), not the package's files.
  const shipped = (path: string) => describe(path, faceAssets().get(path) ?? missing(path));
  const face = [...FACE_MODEL_FILES.map((f) => shipped(FACE_MODEL_DIR + f)), shipped(TFJS_WASM_DIR + "tfjs-backend-wasm-simd.wasm")];
  return { vision, face };
}

function missing(path: string): never {
  throw new Error(`The face pack lists ${path} but tools/vite-face-models.ts does not ship it.`);
}

export function offlinePacks(): Plugin {
  let source: string | undefined;
  return {
    name: "curator-offline-packs",
    resolveId: (id) => (id === VIRTUAL ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      source ??= `export default ${JSON.stringify(packFiles())};`;
      return source;
    },
  };
}
