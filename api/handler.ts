// The web-standard handler: (Request) => Promise<Response>, the same for every adapter.
// It routes, runs the route, turns errors into contract JSON and adds the headers every
// response carries (request id, CORS, cross-origin resource policy), and records metrics.
import { MAX_BATCH_BYTES, MAX_SEARCH_BYTES } from "./contract";
import { ApiError } from "./errors";
import { corsHeaders, errorResponse, preflight, requestIdFrom, type Origins } from "./http";
import { Admission, clientKey, defaultLimits, RateLimiter, type Limits } from "./limits";
import { Metrics } from "./metrics";
import type { RouteFn } from "./routes/context";
import { product, productImage } from "./routes/products";
import { search, searchBatch } from "./routes/search";
import { searchText, searchTextBatch } from "./routes/textSearch";
import { healthz, metrics as metricsRoute, readyz } from "./routes/status";
import { CatalogService, type ServiceOptions } from "./service";

interface Route {
  pattern: RegExp;
  template: string;
  methods: Partial<Record<"GET" | "POST", RouteFn>>;
  /** Largest accepted body in bytes (0: no body expected). */
  bodyLimit: number;
}

const ROUTES: Route[] = [
  { pattern: /^\/healthz$/, template: "/healthz", methods: { GET: healthz }, bodyLimit: 0 },
  { pattern: /^\/readyz$/, template: "/readyz", methods: { GET: readyz }, bodyLimit: 0 },
  { pattern: /^\/metrics$/, template: "/metrics", methods: { GET: metricsRoute }, bodyLimit: 0 },
  { pattern: /^\/v1\/search$/, template: "/v1/search", methods: { POST: search }, bodyLimit: MAX_SEARCH_BYTES },
  { pattern: /^\/v1\/search\/batch$/, template: "/v1/search/batch", methods: { POST: searchBatch }, bodyLimit: MAX_BATCH_BYTES },
  { pattern: /^\/v1\/search\/text$/, template: "/v1/search/text", methods: { POST: searchText }, bodyLimit: MAX_SEARCH_BYTES },
  { pattern: /^\/v1\/search\/text\/batch$/, template: "/v1/search/text/batch", methods: { POST: searchTextBatch }, bodyLimit: MAX_BATCH_BYTES },
  { pattern: /^\/v1\/products\/([^/]+)$/, template: "/v1/products/:id", methods: { GET: product }, bodyLimit: 0 },
  { pattern: /^\/v1\/products\/([^/]+)\/image\.png$/, template: "/v1/products/:id/image.png", methods: { GET: productImage }, bodyLimit: 0 },
];

/** Metric label values are bounded: an odd method from a scanner becomes "other". */
const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

function match(pathname: string): { route: Route; params: string[] } | null {
  for (const route of ROUTES) {
    const m = route.pattern.exec(pathname);
    if (m) return { route, params: m.slice(1).map((p) => safeDecode(p)) };
  }
  return null;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The body limit of the route at `pathname` (adapters stop reading past it). */
export function bodyLimitFor(pathname: string): number {
  return match(pathname)?.route.bodyLimit ?? 0;
}

function allowOf(route: Route): string {
  const methods: string[] = Object.keys(route.methods);
  if (methods.includes("GET")) methods.push("HEAD");
  return [...methods, "OPTIONS"].join(", ");
}

export interface HandlerOptions extends ServiceOptions {
  origins: Origins;
  /** The cap on queries in flight and the per-client rate limit; defaults: limits.ts defaultLimits. */
  limits?: Partial<Limits>;
  /** Where unexpected errors go (message and request id only, never a body). */
  logError?: (line: string) => void;
  /** One entry per request, for an access log (never the body: no embedding is ever logged). */
  logAccess?: (entry: AccessEntry) => void;
}

export interface AccessEntry {
  time: string;
  requestId: string;
  method: string;
  /** The route template ("/v1/products/:id"), never the raw path: ids and junk stay out of logs. */
  route: string;
  status: number;
  ms: number;
}

/** What an adapter knows about the connection that the Request does not carry. */
export interface ClientInfo {
  /**
   * The client's address (Node: the socket peer, or X-Forwarded-For behind trusted
   * proxies; Lambda: the source IP API Gateway saw). Without one (in-process calls) no
   * rate limit applies.
   */
  address?: string;
}

export interface Api {
  handle(req: Request, client?: ClientInfo): Promise<Response>;
  service: CatalogService;
  metrics: Metrics;
  limits: Limits;
  limiter: RateLimiter;
  admission: Admission;
}

export function createHandler(options: HandlerOptions): Api {
  const service = new CatalogService(options);
  const metrics = new Metrics();
  const logError = options.logError ?? ((line: string) => console.error(line));
  const threads = options.searchThreads ?? 0;
  const limits: Limits = { ...defaultLimits(threads), ...options.limits };
  const limiter = new RateLimiter(limits.ratePerSecond, limits.rateBurst, limits.rateClients);
  const admission = new Admission(limits.maxPendingQueries, threads);

  async function route(req: Request, method: string, found: ReturnType<typeof match>, pathname: string, client: string | undefined): Promise<Response> {
    if (!found) throw new ApiError("not_found", `no route for ${pathname.slice(0, 100)}`);
    const { route, params } = found;
    if (method === "OPTIONS") return preflight(options.origins, req.headers.get("origin"), allowOf(route));
    const fn = route.methods[(method === "HEAD" ? "GET" : method) as "GET" | "POST"];
    if (!fn) throw new ApiError("method_not_allowed", `${method} is not allowed on ${route.template}; use ${allowOf(route)}`);
    return fn({ req, params, service, metrics, client, limiter, admission });
  }

  async function handle(req: Request, info: ClientInfo = {}): Promise<Response> {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers.get("x-request-id"));
    const method = req.method.toUpperCase();
    const pathname = new URL(req.url).pathname;
    const found = match(pathname);
    let res: Response;
    try {
      res = await route(req, method, found, pathname, info.address === undefined ? undefined : clientKey(info.address));
    } catch (e) {
      // A client that went away (the adapter aborted req.signal) is no server error; nobody reads this answer.
      const gone = req.signal.aborted && (e as Error | undefined)?.name === "AbortError";
      const err =
        e instanceof ApiError
          ? e
          : gone
            ? new ApiError("invalid_request", "the client closed the connection before the answer")
            : new ApiError("internal", "internal error; the request id identifies it in the server log");
      if (!(e instanceof ApiError) && !gone)
        logError(`request ${requestId} ${method} ${found?.route.template ?? "unmatched"} failed: ${e instanceof Error ? e.message : String(e)}`);
      if (err.status < 500) metrics.invalid.inc({ reason: err.code });
      const extra: Record<string, string> = {};
      if (err.retryAfter !== undefined) extra["Retry-After"] = String(err.retryAfter);
      if (err.code === "method_not_allowed" && found) extra.Allow = allowOf(found.route);
      res = errorResponse(err, extra);
    }
    const headers = new Headers(res.headers);
    headers.set("X-Request-Id", requestId);
    headers.set("Cross-Origin-Resource-Policy", "cross-origin");
    headers.set("X-Content-Type-Options", "nosniff");
    for (const [k, v] of Object.entries(corsHeaders(options.origins, req.headers.get("origin")))) headers.set(k, v);
    const template = found?.route.template ?? "unmatched";
    const knownMethod = KNOWN_METHODS.has(method) ? method : "other";
    const seconds = (performance.now() - started) / 1000;
    metrics.record(template, knownMethod, res.status, seconds);
    options.logAccess?.({
      time: new Date().toISOString(),
      requestId,
      method: knownMethod,
      route: template,
      status: res.status,
      ms: Math.round(seconds * 10_000) / 10,
    });
    return new Response(method === "HEAD" ? null : res.body, { status: res.status, headers });
  }

  return { handle, service, metrics, limits, limiter, admission };
}
