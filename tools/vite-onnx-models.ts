import { readFileSync, existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Plugin } from "vite";

/**
 * The app's view of models/registry.json: only the champions, only what the app
 * needs, as the virtual module `virtual:curator-models`. The ONNX files are served
 * in dev and copied into the build under their versioned names (models/<name>-vN.onnx),
 * where the service worker precaches them.
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
}

export function onnxModels(modelsDir = resolve(import.meta.dirname, "../models")): Plugin {
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
      const models = champions().map((m) => ({
        name: m.name,
        version: m.version,
        file: m.file,
        path: `models/${m.file}`,
        sha256: m.sha256,
        bytes: m.bytes,
        task: m.task,
        labels: m.labels,
        calibration: m.calibration ?? null,
        input: m.input,
        output: m.output,
        primaryMetric: { name: m.metrics.primary, value: m.metrics[m.metrics.primary as string] },
      }));
      return `export default ${JSON.stringify(models)};`;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = /^\/models\/([\w.-]+\.onnx)$/.exec(req.url ?? "");
        const entry = m && champions().find((c) => c.file === m[1]);
        if (!entry?.file) return next();
        res.setHeader("Content-Type", "application/octet-stream");
        res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        res.end(readFileSync(resolve(modelsDir, entry.file)));
      });
    },
    generateBundle() {
      for (const m of champions()) {
        if (!m.file) continue;
        this.emitFile({ type: "asset", fileName: `models/${m.file}`, source: readFileSync(resolve(modelsDir, m.file)) });
      }
    },
  };
}
