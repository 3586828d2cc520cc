/**
 * Main-thread client of the catalog-search endpoint (api/contract.ts). Only what the
 * caller passes in leaves the device: a 128-number embedding, the embedder's name and
 * version, and the chosen filters — or, for a search by words, the words typed. Every call has a timeout and an AbortSignal, every
 * answer is shape-checked, every failure is a ShopError with a user-facing message (a
 * cancel is a CancelledError).
 */
import { CancelledError, throwIfCancelled } from "@domain/errors";
import {
  EMBEDDING_DIM,
  MAX_BATCH,
  MAX_K,
  MAX_TEXT_CHARS,
  type BatchSearchResponse,
  type BatchTextSearchResponse,
  type ReadyResponse,
  type SearchRequest,
  type SearchResponse,
  type TextSearchRequest,
  type TextSearchResponse,
} from "@api/contract";
import { ShopError } from "./errors";
import { apiErrorBody, batchSearchResponse, batchTextSearchResponse, readyResponse, searchResponse, ShapeError, textSearchResponse } from "./validate";

export { ShopError } from "./errors";

export const DEFAULT_TIMEOUT_MS = 15_000;
/** A search answer is a few KB; anything far larger is not the service we expect. */
const MAX_RESPONSE_CHARS = 4 * 1024 * 1024;

export interface ShopCallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Whether the device has a connection (navigator.onLine in the browser). */
  isOnline?: () => boolean;
}

const browserOnline = () => typeof navigator === "undefined" || navigator.onLine !== false;

/** The endpoint as an absolute http(s) URL without a trailing slash ("/api" → same origin). */
export function resolveBase(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl.trim(), globalThis.location?.href);
  } catch (e) {
    throw new ShopError("bad-endpoint", { detail: baseUrl, cause: e });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ShopError("bad-endpoint", { detail: baseUrl });
  url.search = "";
  url.hash = "";
  return url.href.replace(/\/+$/, "");
}

/** A product image address: relative ones are relative to the API base (contract), only http(s) is accepted. */
export function resolveImageUrl(base: string, imageUrl: string): string {
  const absolute = /^[a-z][a-z\d+.-]*:/i.test(imageUrl);
  let url: URL;
  try {
    url = new URL(absolute ? imageUrl : `${base}/${imageUrl.replace(/^\/+/, "")}`);
  } catch {
    throw new ShapeError("a product image URL is not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ShapeError(`product image URL has the scheme ${url.protocol}`);
  return url.href;
}

function withImages(base: string, r: SearchResponse): SearchResponse {
  return { ...r, results: r.results.map((h) => ({ ...h, product: { ...h.product, imageUrl: resolveImageUrl(base, h.product.imageUrl) } })) };
}

/** Refuses a query the server would refuse anyway, before anything is sent. */
export function checkQuery(q: SearchRequest, at = "query"): void {
  const bad = (detail: string) => new ShopError("invalid-request", { detail });
  if (!Array.isArray(q.embedding) || q.embedding.length !== EMBEDDING_DIM) throw bad(`${at}.embedding must have ${EMBEDDING_DIM} numbers`);
  if (!q.embedding.every((v) => typeof v === "number" && Number.isFinite(v))) throw bad(`${at}.embedding has a number that is not finite`);
  if (q.embedding.every((v) => v === 0)) throw bad(`${at}.embedding is all zeros`);
  if (!q.embedder?.name || !Number.isInteger(q.embedder.version)) throw bad(`${at}.embedder is missing`);
  if (q.k !== undefined && (!Number.isInteger(q.k) || q.k < 1 || q.k > MAX_K)) throw bad(`${at}.k must be 1..${MAX_K}`);
}

const SEARCH_CANCELLED = "The search was cancelled.";

async function call<T>(
  baseUrl: string,
  path: string,
  init: { method: "GET" | "POST"; body?: unknown },
  parse: (v: unknown, base: string) => T,
  opts: ShopCallOptions,
): Promise<T> {
  const base = resolveBase(baseUrl);
  const online = opts.isOnline ?? browserOnline;
  if (!online()) throw new ShopError("offline");
  throwIfCancelled(opts.signal, SEARCH_CANCELLED);
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;

  let res: Response;
  let text: string;
  try {
    res = await fetch(`${base}${path}`, {
      method: init.method,
      headers: init.body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal,
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
    });
    text = await res.text();
  } catch (e) {
    if (opts.signal?.aborted) throw new CancelledError(SEARCH_CANCELLED, { cause: e });
    if (timeout.aborted) throw new ShopError("timeout", { cause: e });
    // The browser's own text ("Failed to fetch") says nothing more than the message: kept as the cause only.
    throw new ShopError(online() ? "unreachable" : "offline", { cause: e });
  }
  const requestId = res.headers.get("x-request-id") ?? undefined;
  let json: unknown = undefined;
  try {
    json = text.length > 0 && text.length <= MAX_RESPONSE_CHARS ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (res.ok) {
    try {
      if (json === undefined) throw new ShapeError("the answer is not JSON");
      return parse(json, base);
    } catch (e) {
      if (e instanceof ShapeError) throw new ShopError("bad-response", { status: res.status, detail: e.message, requestId, cause: e });
      throw e;
    }
  }
  throw errorFor(res.status, json, requestId, retryAfterSeconds(res.headers.get("retry-after")));
}

/** Retry-After as seconds (delta-seconds only; an HTTP date or nonsense is ignored), capped at 10 minutes. */
function retryAfterSeconds(v: string | null): number | undefined {
  if (v === null || !/^\d{1,6}$/.test(v.trim())) return undefined;
  return Math.min(600, Number(v.trim()));
}

function errorFor(status: number, json: unknown, requestId: string | undefined, retryAfter?: number): ShopError {
  const body = apiErrorBody(json);
  if (body) {
    const { code, message, field } = body.error;
    const detail = field ? `${message} (${field})` : message;
    const o = { status, detail, requestId, ...(retryAfter !== undefined ? { retryAfter } : {}) };
    switch (code) {
      case "rate_limited":
      case "overloaded":
        return new ShopError("busy", o);
      case "embedder_mismatch":
        return new ShopError("embedder-mismatch", o);
      case "not_ready":
        return new ShopError("not-ready", o);
      case "internal":
        return new ShopError("server", o);
      default:
        return new ShopError("invalid-request", o);
    }
  }
  // No contract body: something in between answered. A dev/preview proxy says 500 with
  // an empty body when the service is down; gateways say 502/503/504.
  if (status === 502 || status === 503 || status === 504 || (status === 500 && json === undefined)) return new ShopError("unreachable", { status, requestId });
  if (status >= 500) return new ShopError("server", { status, requestId });
  return new ShopError("bad-response", { status, requestId, detail: `HTTP ${status}` });
}

/** GET /readyz: is the catalog loaded, how big is it, which embedder built it. */
export async function checkCatalog(baseUrl: string, opts: ShopCallOptions = {}): Promise<ReadyResponse> {
  return call(baseUrl, "/readyz", { method: "GET" }, (v) => readyResponse(v), opts);
}

/** POST /v1/search: the products nearest to one garment embedding. Product image URLs come back absolute. */
export async function searchSimilar(baseUrl: string, query: SearchRequest, opts: ShopCallOptions = {}): Promise<SearchResponse> {
  checkQuery(query);
  return call(baseUrl, "/v1/search", { method: "POST", body: query }, (v, base) => withImages(base, searchResponse(v)), opts);
}

/** POST /v1/search/text: products for words ("black ankle boots"), optionally like an item ("like this, but in red"). */
export async function searchText(baseUrl: string, query: TextSearchRequest, opts: ShopCallOptions = {}): Promise<TextSearchResponse> {
  const checked = checkText(query);
  return call(
    baseUrl,
    "/v1/search/text",
    { method: "POST", body: checked },
    (v, base) => {
      const r = textSearchResponse(v);
      return { ...withImages(base, r), understood: r.understood };
    },
    opts,
  );
}

/** The words of a search by words, checked as the server checks them; trimmed. */
function checkText(query: TextSearchRequest, at?: string): TextSearchRequest {
  const text = query.text.trim();
  const where = at ? `${at}: ` : "";
  if (text.length === 0) throw new ShopError("invalid-request", { detail: `${where}type what you are looking for` });
  if ([...text].length > MAX_TEXT_CHARS) throw new ShopError("invalid-request", { detail: `${where}at most ${MAX_TEXT_CHARS} characters` });
  if (query.like) checkQuery({ embedding: query.like.embedding, embedder: query.like.embedder }, at ? `${at}.like` : "like");
  return { ...query, text };
}

/** POST /v1/search/text/batch: several searches by words in one request (the capsule's "what would add the most"), answered in order. */
export async function searchTextBatch(baseUrl: string, queries: TextSearchRequest[], opts: ShopCallOptions = {}): Promise<BatchTextSearchResponse> {
  if (queries.length < 1 || queries.length > MAX_BATCH)
    throw new ShopError("invalid-request", { detail: `a batch has 1..${MAX_BATCH} queries, not ${queries.length}` });
  const checked = queries.map((q, i) => checkText(q, `queries[${i}]`));
  return call(
    baseUrl,
    "/v1/search/text/batch",
    { method: "POST", body: { queries: checked } },
    (v, base) => {
      const r = batchTextSearchResponse(v, checked.length);
      return { ...r, results: r.results.map((s) => ({ ...withImages(base, s), understood: s.understood })) };
    },
    opts,
  );
}

/** POST /v1/search/batch: one request for several garments (an outfit), answered in order. */
export async function searchBatch(baseUrl: string, queries: SearchRequest[], opts: ShopCallOptions = {}): Promise<BatchSearchResponse> {
  if (queries.length < 1 || queries.length > MAX_BATCH)
    throw new ShopError("invalid-request", { detail: `a batch has 1..${MAX_BATCH} queries, not ${queries.length}` });
  queries.forEach((q, i) => checkQuery(q, `queries[${i}]`));
  return call(
    baseUrl,
    "/v1/search/batch",
    { method: "POST", body: { queries } },
    (v, base) => {
      const r = batchSearchResponse(v, queries.length);
      return { ...r, results: r.results.map((s) => withImages(base, s)) };
    },
    opts,
  );
}
