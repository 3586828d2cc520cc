import { useEffect, useState } from "react";
import type { ModelLoadProgress } from "@ml/modelInfo";
import { onModelProgress } from "@ml/vision-client";
import type { ShopCallState } from "./useShopCall";

/** While the embedding is computed, the models may still be downloading: say how far. */
function useModelLoading(active: boolean): ModelLoadProgress | null {
  const [p, setP] = useState<ModelLoadProgress | null>(null);
  useEffect(() => {
    if (!active) return;
    const off = onModelProgress(setP);
    return () => {
      off();
      setP(null);
    };
  }, [active]);
  return p && p.phase !== "ready" ? p : null;
}

function embeddingText(p: ModelLoadProgress | null): string {
  if (!p) return "Reading the garment's shape on this device…";
  const pct = p.phase === "download" ? ` ${Math.round((100 * p.loadedBytes) / Math.max(1, p.totalBytes))} %` : "";
  return `Loading the on-device model (${p.phase}${pct})…`;
}

/** The live status line (progress, result count) and the error with Retry, shared by item and outfit searches. */
export function ShopStatus({ state, done, onRetry }: { state: ShopCallState<unknown>; done: string; onRetry: () => void }) {
  const busy = state.phase === "embedding" || state.phase === "searching";
  const loading = useModelLoading(state.phase === "embedding");
  const text =
    state.phase === "embedding" ? embeddingText(loading) : state.phase === "searching" ? "Searching the catalog…" : state.phase === "done" ? done : "";
  return (
    <>
      <p role="status" aria-live="polite" className={busy ? "shop-status shop-busy" : "shop-status"}>
        {text}
      </p>
      {state.phase === "error" && (
        <div className="shop-error" role="alert">
          <p>{state.message}</p>
          {state.detail && <p className="shop-detail">Details: {state.detail}</p>}
          <button type="button" className="button" onClick={onRetry}>
            Retry
          </button>
        </div>
      )}
    </>
  );
}
