import { useEffect, useState } from "react";
import "../wardrobe/vision.css";
import models from "virtual:curator-models";
import { formatBytes } from "@data/storage";
import { DEFAULT_CONFIDENCE_THRESHOLD, getConfidenceThreshold, getSetting, setConfidenceThreshold, setSetting } from "@data/settings";
import { loadVisionModels, onModelProgress, setPreferredBackend, visionStatus, type VisionStatus } from "@ml/vision-client";
import type { Backend, ModelInfo, ModelLoadProgress } from "@ml/modelInfo";
import { describeGate } from "@domain/monitoring/gate";

const BACKEND_NAMES: Record<string, string> = {
  webgpu: "WebGPU (graphics processor)",
  "wasm-threads": "WebAssembly, multi-threaded",
  wasm: "WebAssembly, single thread",
};

/** What each model does, in the words of the Settings table. */
const MODEL_NAMES: Record<ModelInfo["name"], string> = {
  "garment-classifier": "Garment recogniser",
  "garment-embedder": "Similarity (Siamese)",
  "garment-detector": "Garment finder (several per photo)",
};
const modelName = (name: string): string => MODEL_NAMES[name as ModelInfo["name"]] ?? name;

/** The champion's test-set gate curve (registry entries from v2 on; v1 has none, and then nothing is said). */
const gateCurve = models.find((m) => m.name === "garment-classifier")?.calibration?.test_gate_curve;

/** Is this model file in the service worker's cache (usable offline)? */
async function cachedOffline(path: string): Promise<boolean> {
  if (!("caches" in self)) return false;
  const url = new URL(path, new URL(import.meta.env.BASE_URL, location.origin)).href;
  return (await caches.match(url, { ignoreSearch: true })) !== undefined;
}

export default function ModelsSection() {
  const [offline, setOffline] = useState<Record<string, boolean>>({});
  const [status, setStatus] = useState<VisionStatus | null>(null);
  const [progress, setProgress] = useState<ModelLoadProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [threshold, setThreshold] = useState<number | null>(null);
  const [choice, setChoice] = useState<Backend | "auto">("auto");

  useEffect(() => {
    void Promise.all(models.map(async (m) => [m.name, await cachedOffline(m.path)] as const)).then((e) => setOffline(Object.fromEntries(e)));
    void visionStatus().then(setStatus);
    void getConfidenceThreshold().then(setThreshold);
    void getSetting("backend").then(setChoice);
    return onModelProgress(setProgress);
  }, []);

  const load = async () => {
    setError(null);
    try {
      setStatus(await loadVisionModels());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const backend = status?.backend;
  const meaning = describeGate(gateCurve, threshold ?? DEFAULT_CONFIDENCE_THRESHOLD);
  return (
    <div className="models">
      <table className="models-table">
        <caption className="visually-hidden">On-device models</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Version</th>
            <th scope="col">Size</th>
            <th scope="col">Offline</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.name} data-testid={`model-${m.name}`}>
              <th scope="row">{modelName(m.name)}</th>
              <td>v{m.version}</td>
              <td>{formatBytes(m.bytes)}</td>
              <td>{offline[m.name] === undefined ? "…" : offline[m.name] ? "Available offline" : "Not cached yet"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="model-backend">
        {backend ? (
          <>
            Running on: <strong>{BACKEND_NAMES[backend] ?? backend}</strong>
          </>
        ) : (
          "Models load when you first add a photo."
        )}
      </p>
      {!backend && (
        <button type="button" className="button" onClick={load}>
          Load models now
        </button>
      )}
      {progress && progress.phase !== "ready" && !backend && (
        <p role="status">
          Loading {progress.model}: {progress.phase}{" "}
          {progress.phase === "download" ? `${Math.round((100 * progress.loadedBytes) / Math.max(1, progress.totalBytes))} %` : ""}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <label className="threshold">
        Run the models on
        <select
          value={choice}
          onChange={async (e) => {
            const v = e.target.value as Backend | "auto";
            setChoice(v);
            setStatus(null);
            await setSetting("backend", v);
            await setPreferredBackend(v === "auto" ? undefined : v);
          }}
        >
          <option value="auto">Automatic (fastest available)</option>
          <option value="webgpu">WebGPU</option>
          <option value="wasm-threads">WebAssembly, multi-threaded</option>
          <option value="wasm">WebAssembly, single thread</option>
        </select>
      </label>
      <div className="threshold">
        <label htmlFor="threshold-input">
          Ask me to confirm the category when the recogniser is less sure than{" "}
          <output htmlFor="threshold-input">{threshold === null ? "…" : `${Math.round(threshold * 100)} %`}</output>
        </label>
        <input
          id="threshold-input"
          type="range"
          aria-label="Confidence threshold"
          aria-valuetext={threshold === null ? undefined : `${Math.round(threshold * 100)} %`}
          aria-describedby={meaning ? "threshold-meaning" : undefined}
          min={0.5}
          max={0.99}
          step={0.01}
          value={threshold ?? DEFAULT_CONFIDENCE_THRESHOLD}
          onChange={(e) => {
            const v = Number(e.target.value);
            setThreshold(v);
            void setConfidenceThreshold(v).catch((err: unknown) => setError(String(err)));
          }}
        />
        {meaning && (
          <p id="threshold-meaning" className="threshold-meaning" data-testid="threshold-meaning">
            {meaning}
          </p>
        )}
      </div>
    </div>
  );
}
