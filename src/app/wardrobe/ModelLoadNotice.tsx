import { useEffect, useState } from "react";
import { onModelProgress } from "@ml/vision-client";
import type { ModelLoadProgress } from "@ml/modelInfo";

const PHASE: Record<ModelLoadProgress["phase"], string> = {
  download: "Downloading",
  verify: "Checking",
  compile: "Starting",
  ready: "Ready",
};

/** While the on-device models load (first import, or after an update): what is happening. */
export function ModelLoadNotice() {
  const [p, setP] = useState<Record<string, ModelLoadProgress>>({});
  useEffect(() => onModelProgress((x) => setP((old) => ({ ...old, [x.model]: x }))), []);
  const loading = Object.values(p).filter((x) => x.phase !== "ready");
  if (loading.length === 0) return null;
  const loaded = loading.reduce((a, x) => a + x.loadedBytes, 0);
  const total = loading.reduce((a, x) => a + x.totalBytes, 0);
  const phase = loading[0]?.phase ?? "download";
  return (
    <div className="model-load" role="status" aria-live="polite">
      <span>
        {PHASE[phase]} the on-device recogniser… {phase === "download" && total ? `${Math.round((100 * loaded) / total)} %` : ""}
      </span>
      <progress max={Math.max(1, total)} value={loaded} aria-label="Recogniser download" />
    </div>
  );
}
