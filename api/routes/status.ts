// Liveness, readiness and metrics: what an orchestrator and Prometheus poll.
import type { ReadyResponse } from "../contract";
import { json } from "../http";
import type { RouteFn } from "./context";

export const healthz: RouteFn = () => json(200, { status: "ok" }, { "Cache-Control": "no-store" });

export const readyz: RouteFn = ({ service }) => {
  const s = service.state;
  const images =
    service.images.status === "unavailable" ? { status: "unavailable" as const, reason: service.images.reason } : { status: service.images.status };
  if (s.status !== "ready") {
    const message = s.status === "loading" ? "the catalog is still loading" : `the catalog failed to load: ${s.reason}`;
    return json(503, { error: { code: "not_ready", message } }, { "Cache-Control": "no-store", "Retry-After": "5" });
  }
  const body: ReadyResponse = {
    status: "ready",
    catalog: { products: s.manifest.count, embedder: s.embedder, index: s.indexKind, builtAt: s.manifest.builtAt },
    images,
    text: service.text.status === "available" ? { status: "available", model: service.text.model.ref } : { status: "unavailable" },
  };
  return json(200, body, { "Cache-Control": "no-store" });
};

export const metrics: RouteFn = ({ service, metrics, admission, limiter }) => {
  const ready = service.state.status === "ready";
  const text = metrics.render({
    catalogProducts: ready && service.state.status === "ready" ? service.state.manifest.count : 0,
    indexReady: ready,
    pendingQueries: admission.pending,
    maxPendingQueries: admission.maxPending,
    rateLimitClients: limiter.clients,
  });
  return new Response(text, { status: 200, headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store" } });
};
