/**
 * The catalog-search endpoint's wire contract, shared by the server (api/) and the
 * app (src/shop). Only derived numbers leave the device: a 128-d garment embedding
 * and optional filters, never a photo.
 *
 * Routes (all JSON unless noted; every response carries X-Request-Id):
 *   GET  /healthz                    200 { status: "ok" }                 liveness
 *   GET  /readyz                     200 ReadyResponse | 503 (index not loaded)
 *   GET  /metrics                    200 Prometheus text exposition 0.0.4
 *   POST /v1/search                  SearchRequest -> SearchResponse
 *   POST /v1/search/batch            BatchSearchRequest -> BatchSearchResponse
 *   GET  /v1/products/:id            Product
 *   GET  /v1/products/:id/image.png  image/png
 * Errors: ApiErrorBody with 400 invalid_json | invalid_request, 404 not_found,
 * 405 method_not_allowed, 408 request_timeout, 409 embedder_mismatch,
 * 413 payload_too_large, 415 unsupported_media_type, 429 rate_limited (Retry-After),
 * 431 headers_too_large, 503 not_ready | overloaded (Retry-After), 500 internal.
 */

export const EMBEDDING_DIM = 128;
export const DEFAULT_K = 12;
export const MAX_K = 50;
export const MAX_BATCH = 32;
/**
 * Body limits in bytes. A query is at most ~3.1 KB of compact JSON (128 numbers of up to
 * 22 characters, as JSON.stringify writes a float32 embedding, plus k and filters), so a
 * full batch of 32 is at most ~98 KB: the limits leave a third of headroom, no more.
 */
export const MAX_SEARCH_BYTES = 8 * 1024;
export const MAX_BATCH_BYTES = 128 * 1024;

export const API_CATEGORIES = ["top", "bottom", "dress", "outerwear", "shoes", "bag", "accessory"] as const;
export type ApiCategory = (typeof API_CATEGORIES)[number];
export const API_GENDERS = ["women", "men", "unisex"] as const;
export type ApiGender = (typeof API_GENDERS)[number];

export interface EmbedderRef {
  name: string; // "garment-embedder"
  version: number;
}

export interface SearchRequest {
  /** 128 finite numbers; normalised to unit length by the server (a zero vector is refused). */
  embedding: number[];
  /** The model that produced the embedding: it must be the catalog's (409 otherwise). */
  embedder: EmbedderRef;
  /** 1..MAX_K, default DEFAULT_K. */
  k?: number;
  /** Only products of this category. */
  category?: ApiCategory;
  /** Only products for this gender, plus unisex ones ("unisex" alone means unisex only). */
  gender?: ApiGender;
}

export interface BatchSearchRequest {
  /** 1..MAX_BATCH queries, answered in order. */
  queries: SearchRequest[];
}

export interface Product {
  id: string; // e.g. "fm-train-012345"
  name: string;
  brand: string;
  category: ApiCategory;
  subtype: string;
  gender: ApiGender;
  price: { amount: number; currency: string };
  /** Relative to the API base URL. */
  imageUrl: string;
}

export interface SearchHit {
  /** Cosine similarity, -1..1. */
  score: number;
  product: Product;
}

export interface SearchResponse {
  results: SearchHit[];
  /** How many catalog products passed the filters (the pool the hits come from). */
  candidates: number;
  tookMs: number;
}

export interface BatchSearchResponse {
  results: SearchResponse[];
  tookMs: number;
}

export interface ReadyResponse {
  status: "ready";
  catalog: { products: number; embedder: EmbedderRef; index: "exact" | "ivf"; builtAt: string };
  /** Whether product images can be served (the dataset files may be absent; search still works). */
  images?: { status: "available" | "loading" | "unavailable"; reason?: string };
}

export type ApiErrorCode =
  | "invalid_json"
  | "invalid_request"
  | "not_found"
  | "method_not_allowed"
  | "embedder_mismatch"
  | "payload_too_large"
  | "unsupported_media_type"
  | "not_ready"
  | "request_timeout"
  | "rate_limited"
  | "headers_too_large"
  | "overloaded"
  | "internal";

export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
    /** The offending field, e.g. "queries[3].embedding[17]". */
    field?: string;
  };
}
