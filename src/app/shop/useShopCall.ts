import { useCallback, useEffect, useRef, useState } from "react";
import { CancelledError, isCancelled } from "@domain/errors";
import { ShopError, type ShopCallOptions } from "@shop/client";
import { getShopEndpoint } from "@shop/endpoint";

/**
 * One explicit shop request at a time: prepare it on the device (compute embeddings),
 * then send it. A new request, Cancel or unmounting aborts the one in flight.
 */
export type ShopCallState<R> =
  | { phase: "idle" }
  | { phase: "embedding" }
  | { phase: "searching" }
  | { phase: "done"; result: R }
  | { phase: "error"; message: string; detail: string | null; retryable: boolean };

export function useShopCall<Q, R>(prepare: (signal: AbortSignal) => Promise<Q>, send: (endpoint: string, query: Q, opts: ShopCallOptions) => Promise<R>) {
  const [state, setState] = useState<ShopCallState<R>>({ phase: "idle" });
  const current = useRef<AbortController | null>(null);

  useEffect(() => () => current.current?.abort(), []);

  const run = useCallback(async () => {
    current.current?.abort();
    const ac = new AbortController();
    current.current = ac;
    try {
      // Offline is known before any work: say so instead of loading a model for nothing.
      if (typeof navigator !== "undefined" && navigator.onLine === false) throw new ShopError("offline");
      setState({ phase: "embedding" });
      const query = await prepare(ac.signal);
      if (ac.signal.aborted) throw new CancelledError();
      setState({ phase: "searching" });
      const result = await send(await getShopEndpoint(), query, { signal: ac.signal });
      if (!ac.signal.aborted) setState({ phase: "done", result });
    } catch (e) {
      if (ac.signal.aborted || isCancelled(e)) {
        if (current.current === ac) setState({ phase: "idle" });
        return;
      }
      if (e instanceof ShopError) setState({ phase: "error", message: e.message, detail: e.detail ?? null, retryable: e.retryable });
      else setState({ phase: "error", message: e instanceof Error ? e.message : String(e), detail: null, retryable: true });
    }
  }, [prepare, send]);

  const cancel = useCallback(() => current.current?.abort(), []);
  return { state, run, cancel };
}
