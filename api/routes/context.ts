import type { Admission, RateLimiter } from "../limits";
import type { Metrics } from "../metrics";
import type { CatalogService, ReadyCatalog } from "../service";
import { ApiError } from "../errors";

/** What a route gets: the request, its path parameters and the shared state. */
export interface RouteContext {
  req: Request;
  params: string[];
  service: CatalogService;
  metrics: Metrics;
  /** The client's rate-limit key (clientKey of its address); undefined for in-process calls. */
  client: string | undefined;
  limiter: RateLimiter;
  admission: Admission;
}

export type RouteFn = (ctx: RouteContext) => Promise<Response> | Response;

/** The loaded catalog, or 503 not_ready (still loading, or failed: the reason is in /readyz). */
export function readyCatalog(service: CatalogService): ReadyCatalog {
  const s = service.state;
  if (s.status === "ready") return s;
  throw new ApiError(
    "not_ready",
    s.status === "loading" ? "the catalog is still loading; retry shortly" : "the catalog failed to load; see /readyz",
    undefined,
    5,
  );
}
