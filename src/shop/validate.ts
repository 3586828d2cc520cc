/**
 * Shape checks for everything the shop service sends back: the network is not
 * trusted, so a response that does not match api/contract.ts is refused as a whole
 * instead of rendering half a product or an image from an unexpected scheme.
 */
import {
  API_CATEGORIES,
  API_COLOURS,
  API_GENDERS,
  API_PATTERNS,
  type ApiErrorBody,
  type ApiErrorCode,
  type BatchSearchResponse,
  type BatchTextSearchResponse,
  type Product,
  type ReadyResponse,
  type SearchHit,
  type SearchResponse,
  type TextSearchResponse,
  type TextUnderstanding,
} from "@api/contract";

export class ShapeError extends Error {
  override name = "ShapeError";
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function obj(v: unknown, at: string): Obj {
  if (!isObj(v)) throw new ShapeError(`${at} is not an object`);
  return v;
}

function str(o: Obj, key: string, at: string, max = 2000): string {
  const v = o[key];
  if (typeof v !== "string" || v.length > max) throw new ShapeError(`${at}.${key} is not a string`);
  return v;
}

function num(o: Obj, key: string, at: string, min = -Infinity, max = Infinity): number {
  const v = o[key];
  if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) throw new ShapeError(`${at}.${key} is not a number in [${min}, ${max}]`);
  return v;
}

function int(o: Obj, key: string, at: string, min = 0): number {
  const v = num(o, key, at, min);
  if (!Number.isInteger(v)) throw new ShapeError(`${at}.${key} is not an integer`);
  return v;
}

function oneOf<T extends string>(o: Obj, key: string, allowed: readonly T[], at: string): T {
  const v = o[key];
  if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) throw new ShapeError(`${at}.${key} is not one of ${allowed.join(", ")}`);
  return v as T;
}

function arr(o: Obj, key: string, at: string): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) throw new ShapeError(`${at}.${key} is not an array`);
  return v;
}

export function readyResponse(v: unknown): ReadyResponse {
  const o = obj(v, "response");
  if (o.status !== "ready") throw new ShapeError('response.status is not "ready"');
  const c = obj(o.catalog, "catalog");
  const e = obj(c.embedder, "catalog.embedder");
  const images = o.images === undefined ? undefined : obj(o.images, "images");
  return {
    status: "ready",
    ...(images ? { images: { status: oneOf(images, "status", ["available", "loading", "unavailable"] as const, "images") } } : {}),
    catalog: {
      products: int(c, "products", "catalog"),
      embedder: { name: str(e, "name", "catalog.embedder", 200), version: int(e, "version", "catalog.embedder") },
      index: oneOf(c, "index", ["exact", "ivf", "lance"] as const, "catalog"),
      builtAt: str(c, "builtAt", "catalog", 100),
    },
  };
}

function product(v: unknown, at: string): Product {
  const o = obj(v, at);
  const p = obj(o.price, `${at}.price`);
  return {
    id: str(o, "id", at, 200),
    name: str(o, "name", at, 500),
    brand: str(o, "brand", at, 200),
    category: oneOf(o, "category", API_CATEGORIES, at),
    subtype: str(o, "subtype", at, 100),
    gender: oneOf(o, "gender", API_GENDERS, at),
    price: { amount: num(p, "amount", `${at}.price`, 0), currency: currency(p, `${at}.price`) },
    imageUrl: str(o, "imageUrl", at),
    // Older servers send no colour or pattern.
    ...(o.colour === undefined ? {} : { colour: oneOf(o, "colour", API_COLOURS, at) }),
    ...(o.pattern === undefined ? {} : { pattern: oneOf(o, "pattern", API_PATTERNS, at) }),
  };
}

function understood(v: unknown, at: string): TextUnderstanding {
  const o = obj(v, at);
  return {
    words: str(o, "words", at, 400),
    ...(o.colour === undefined ? {} : { colour: oneOf(o, "colour", API_COLOURS, at) }),
    ...(o.pattern === undefined ? {} : { pattern: oneOf(o, "pattern", API_PATTERNS, at) }),
    ...(o.gender === undefined ? {} : { gender: oneOf(o, "gender", API_GENDERS, at) }),
    ...(o.category === undefined ? {} : { category: oneOf(o, "category", API_CATEGORIES, at) }),
  };
}

export function textSearchResponse(v: unknown, at = "response"): TextSearchResponse {
  return { ...searchResponse(v, at), understood: understood(obj(v, at).understood, `${at}.understood`) };
}

function currency(o: Obj, at: string): string {
  const c = str(o, "currency", at, 3);
  if (!/^[A-Z]{3}$/.test(c)) throw new ShapeError(`${at}.currency is not an ISO 4217 code`);
  return c;
}

function hit(v: unknown, at: string): SearchHit {
  const o = obj(v, at);
  // Cosine similarity; a hair of float slack either side.
  return { score: num(o, "score", at, -1.001, 1.001), product: product(o.product, `${at}.product`) };
}

export function searchResponse(v: unknown, at = "response"): SearchResponse {
  const o = obj(v, at);
  return {
    results: arr(o, "results", at).map((h, i) => hit(h, `${at}.results[${i}]`)),
    candidates: int(o, "candidates", at),
    tookMs: num(o, "tookMs", at, 0),
  };
}

export function batchSearchResponse(v: unknown, expected: number): BatchSearchResponse {
  const o = obj(v, "response");
  const results = arr(o, "results", "response");
  if (results.length !== expected) throw new ShapeError(`response.results has ${results.length} answers for ${expected} queries`);
  return { results: results.map((r, i) => searchResponse(r, `response.results[${i}]`)), tookMs: num(o, "tookMs", "response", 0) };
}

export function batchTextSearchResponse(v: unknown, expected: number): BatchTextSearchResponse {
  const o = obj(v, "response");
  const results = arr(o, "results", "response");
  if (results.length !== expected) throw new ShapeError(`response.results has ${results.length} answers for ${expected} queries`);
  return { results: results.map((r, i) => textSearchResponse(r, `response.results[${i}]`)), tookMs: num(o, "tookMs", "response", 0) };
}

/** Every error code of api/contract.ts (the `satisfies` makes a new contract code a compile error here until it is listed). */
const ALL_CODES = {
  invalid_json: true,
  invalid_request: true,
  not_found: true,
  method_not_allowed: true,
  embedder_mismatch: true,
  payload_too_large: true,
  unsupported_media_type: true,
  not_ready: true,
  request_timeout: true,
  rate_limited: true,
  headers_too_large: true,
  overloaded: true,
  internal: true,
} satisfies Record<ApiErrorCode, true>;
const CODES = Object.keys(ALL_CODES) as ApiErrorCode[];

/** The contract's error body, or null when the body is something else (a proxy's page, empty). */
export function apiErrorBody(v: unknown): ApiErrorBody | null {
  try {
    const e = obj(obj(v, "body").error, "error");
    const field = e.field;
    return {
      error: {
        code: oneOf(e, "code", CODES, "error"),
        message: str(e, "message", "error", 1000),
        ...(typeof field === "string" ? { field } : {}),
      },
    };
  } catch {
    return null;
  }
}
