import { useEffect, useRef, useState } from "react";
import packFiles from "virtual:curator-packs";
import type { ModelLoadProgress } from "@ml/modelInfo";

/** What photo recognition reads on first use: the runtime and each model (raw bytes, as the worker counts them). */
const TOTAL = packFiles.vision.filter((f) => f.path.endsWith(".wasm") || f.path.endsWith(".onnx")).reduce((s, f) => s + f.bytes, 0);
/** Files read from the cache finish within this: no bar for them. */
const SHOW_AFTER_MS = 300;
/** A download that stopped reporting (failed, or the worker ended) hides its bar. */
const STALE_MS = 4000;

/**
 * A bar under the header while photo recognition downloads its runtime and models the
 * first time (they are not part of the install): on whichever screen started it, usually
 * the first photo added. Reading them from the cache later shows nothing.
 */
export function DownloadProgress() {
  const [fraction, setFraction] = useState<number | null>(null);
  const loaded = useRef(new Map<string, number>());
  const started = useRef(0);
  useEffect(() => {
    let off: (() => void) | undefined;
    let stale: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    void import("@ml/vision-client").then((m) => {
      if (!live) return;
      off = m.onModelProgress((p: ModelLoadProgress) => {
        if (p.phase !== "download") return;
        if (loaded.current.size === 0) started.current = performance.now();
        loaded.current.set(p.model, p.loadedBytes);
        const done = [...loaded.current.values()].reduce((s, b) => s + b, 0);
        const f = Math.min(1, done / Math.max(1, TOTAL));
        clearTimeout(stale);
        const finish = () => {
          loaded.current.clear();
          setFraction(null);
        };
        if (f >= 1) return finish();
        stale = setTimeout(finish, STALE_MS);
        if (performance.now() - started.current >= SHOW_AFTER_MS) setFraction(f);
      });
    });
    return () => {
      live = false;
      off?.();
      clearTimeout(stale);
    };
  }, []);
  if (fraction === null) return null;
  const pct = Math.round(fraction * 100);
  return (
    <div className="download-progress" role="status" data-testid="download-progress">
      <span>Downloading photo recognition for offline use (once): {pct} %</span>
      <progress value={fraction} max={1} aria-label="Photo recognition download" />
    </div>
  );
}
