import { useCallback, useEffect, useRef, useState } from "react";
import type { SearchRequest, SearchResponse } from "../../../api/contract";
import { searchSimilar, ShopError } from "../../shop/client";
import { getShopEndpoint } from "../../shop/endpoint";

/**
 * One explicit search at a time: prepare (compute the embedding), then ask the shop
 * service. A new search, Cancel or unmounting aborts the one in flight.
 */
export type ShopSearchState =
  | { phase: "idle" }
  | { phase: "embedding" }
  | { phase: "searching" }
  | { phase: "done"; response: SearchResponse; request: SearchRequest }
  | { phase: "error"; message: string; detail: string | null; retryable: boolean };

const isAbort = (e: unknown) => (e instanceof ShopError && e.kind === "aborted") || (e instanceof Error && e.name === "AbortError");

export function useShopSearch(prepare: (signal: AbortSignal) => Promise<SearchRequest>) {
  const [state, setState] = useState<ShopSearchState>({ phase: "idle" });
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
      const request = await prepare(ac.signal);
      if (ac.signal.aborted) throw new ShopError("aborted");
      setState({ phase: "searching" });
      const response = await searchSimilar(await getShopEndpoint(), request, { signal: ac.signal });
      if (!ac.signal.aborted) setState({ phase: "done", response, request });
    } catch (e) {
      if (ac.signal.aborted || isAbort(e)) {
        if (current.current === ac) setState({ phase: "idle" });
        return;
      }
      if (e instanceof ShopError) setState({ phase: "error", message: e.message, detail: e.detail ?? null, retryable: e.retryable });
      else setState({ phase: "error", message: e instanceof Error ? e.message : String(e), detail: null, retryable: true });
    }
  }, [prepare]);

  const cancel = useCallback(() => current.current?.abort(), []);
  return { state, run, cancel };
}
