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
 *   POST /v1/search/text             TextSearchRequest -> TextSearchResponse   (search by words)
 *   POST /v1/search/text/batch       BatchTextSearchRequest -> BatchTextSearchResponse
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
/** Colour and pattern of a demo product: invented per product id (deterministic), like its name. */
export const API_COLOURS = ["black", "white", "grey", "navy", "blue", "red", "pink", "green", "beige", "brown", "yellow", "purple"] as const;
export type ApiColour = (typeof API_COLOURS)[number];
export const API_PATTERNS = ["plain", "striped", "checked", "floral", "dotted"] as const;
export type ApiPattern = (typeof API_PATTERNS)[number];
/** Search by words: at most this many characters of text. */
export const MAX_TEXT_CHARS = 200;
/** How much a text search may weigh an item's vector ("like this, but in red"): 0..1. */
export const DEFAULT_LIKE_WEIGHT = 0.7;

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
  /** Only products of this colour. */
  colour?: ApiColour;
  /** Only products with this pattern. */
  pattern?: ApiPattern;
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
  /** Always sent by this server; optional for clients of older servers. */
  colour?: ApiColour;
  pattern?: ApiPattern;
}

/**
 * Search by words ("black ankle boots", "navy striped shirt"). Colour, pattern and
 * gender words become filters; the rest is turned into a vector in the catalog's
 * embedding space by the endpoint's text encoder (api/text). Only the words (and, with
 * `like`, an item's embedding) leave the device.
 */
export interface TextSearchRequest {
  /** 1..MAX_TEXT_CHARS characters with at least one letter. */
  text: string;
  /** "Like this, but in red": an item's embedding combined with the words. */
  like?: { embedding: number[]; embedder: EmbedderRef; weight?: number };
  k?: number;
  category?: ApiCategory;
  gender?: ApiGender;
}

export interface BatchTextSearchRequest {
  queries: TextSearchRequest[];
}

/** What the server made of the words: the filters it applied and the words it searched by. */
export interface TextUnderstanding {
  colour?: ApiColour;
  pattern?: ApiPattern;
  gender?: ApiGender;
  category?: ApiCategory;
  /** The words that went to the text encoder ("" when only filters and `like` were left). */
  words: string;
}

export interface TextSearchResponse extends SearchResponse {
  understood: TextUnderstanding;
}

export interface BatchTextSearchResponse {
  results: TextSearchResponse[];
  tookMs: number;
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
  catalog: { products: number; embedder: EmbedderRef; index: "exact" | "ivf" | "lance"; builtAt: string };
  /** Whether product images can be served (the dataset files may be absent; search still works). */
  images?: { status: "available" | "loading" | "unavailable"; reason?: string };
  /** Search by words: whether the endpoint's text encoder is loaded. */
  text?: { status: "available" | "unavailable"; model?: string };
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
