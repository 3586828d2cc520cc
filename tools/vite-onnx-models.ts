import { readFileSync, existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Plugin } from "vite";

/**
 * The app's view of models/registry.json: only the champions, only what the app
 * needs, as the virtual module `virtual:curator-models`. The ONNX files are served
 * in dev and copied into the build under their versioned names (models/<name>-vN.onnx),
 * where the service worker precaches them.
 *
 * A champion with a `quantized` block (models/training/quantize.py: weight-only int8,
 * ~4x smaller, its parity and accuracy against the float file recorded) ships the int8
 * file by default, checked by its own sha256; the float file's name, sha256 and size
 * stay in the module (`float`) for comparison. CURATOR_MODEL_PRECISION=float builds
 * the app with the float files instead (only the chosen files are emitted).
 */
const VIRTUAL = "virtual:curator-models";
const RESOLVED = "\0" + VIRTUAL;

interface RegistryEntry {
  name: string;
  version: number;
  file: string | null;
  sha256: string;
  bytes: number;
  status: string;
  task: string;
  labels: unknown[];
  calibration?: { temperature: number; threshold: number };
  input: unknown;
  output: unknown;
  metrics: Record<string, unknown>;
  quantized?: { file: string; sha256: string; bytes: number };
  /** The detector's post-processing numbers (models/DETECTION.md). */
  postprocess?: Record<string, number>;
}

export type ModelPrecision = "int8" | "float";

/** Which files the build ships: int8 where the registry has them, unless asked for float. */
export function modelPrecision(env = process.env): ModelPrecision {
  const v = env.CURATOR_MODEL_PRECISION ?? "int8";
  if (v !== "int8" && v !== "float") throw new Error(`CURATOR_MODEL_PRECISION must be "int8" or "float", not "${v}"`);
  return v;
}

/** The file the app loads for a champion at this precision. */
export function shippedFile(m: RegistryEntry, precision: ModelPrecision): { file: string; sha256: string; bytes: number; precision: ModelPrecision } {
  if (precision === "int8" && m.quantized) return { file: m.quantized.file, sha256: m.quantized.sha256, bytes: m.quantized.bytes, precision: "int8" };
  return { file: m.file!, sha256: m.sha256, bytes: m.bytes, precision: "float" };
}

export function onnxModels(modelsDir = resolve(import.meta.dirname, "../models"), precision = modelPrecision()): Plugin {
  const champions = (): RegistryEntry[] => {
    const path = resolve(modelsDir, "registry.json");
    if (!existsSync(path)) return [];
    const reg = JSON.parse(readFileSync(path, "utf8")) as { models: RegistryEntry[] };
    return reg.models.filter((m) => m.status === "champion" && m.file);
  };
  return {
    name: "curator-onnx-models",
    resolveId: (id) => (id === VIRTUAL ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const models = champions().map((m) => {
        const shipped = shippedFile(m, precision);
        return {
          name: m.name,
          version: m.version,
          file: shipped.file,
          path: `models/${shipped.file}`,
          sha256: shipped.sha256,
          bytes: shipped.bytes,
          precision: shipped.precision,
          float: { file: m.file, sha256: m.sha256, bytes: m.bytes },
          task: m.task,
          labels: m.labels ?? [],
          calibration: m.calibration ?? null,
          input: m.input,
          output: m.output,
          primaryMetric: { name: m.metrics?.primary, value: m.metrics?.[m.metrics.primary as string] },
          postprocess: m.postprocess ?? null,
        };
      });
      return `export default ${JSON.stringify(models)};`;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = /^\/models\/([\w.-]+\.onnx)$/.exec(req.url ?? "");
        // Dev serves both files of every champion, so either precision can be compared.
        const file =
          m &&
          champions()
            .flatMap((c) => [c.file, c.quantized?.file])
            .find((f) => f === m[1]);
        if (!file) return next();
        res.setHeader("Content-Type", "application/octet-stream");
        res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        res.end(readFileSync(resolve(modelsDir, file)));
      });
    },
    generateBundle() {
      for (const m of champions()) {
        const { file } = shippedFile(m, precision);
        this.emitFile({ type: "asset", fileName: `models/${file}`, source: readFileSync(resolve(modelsDir, file)) });
      }
    },
  };
}
