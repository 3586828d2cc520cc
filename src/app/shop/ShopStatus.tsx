import type { ShopCallState } from "./useShopCall";

/** The live status line (progress, result count) and the error with Retry, shared by item and outfit searches. */
export function ShopStatus({ state, done, onRetry }: { state: ShopCallState<unknown>; done: string; onRetry: () => void }) {
  const busy = state.phase === "embedding" || state.phase === "searching";
  const text = state.phase === "embedding" ? "Reading the garment's shape on this device…" : state.phase === "searching" ? "Searching the catalog…" : state.phase === "done" ? done : "";
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
