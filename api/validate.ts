// Request validation: every field of every request is checked before any search runs,
// and the first problem is reported with its path ("queries[3].embedding[17]") so a
// client developer can find it. Unknown fields are refused rather than ignored: a
// misspelt "catgory" silently searching everything would be worse than an error.
import {
  API_CATEGORIES,
  API_COLOURS,
  API_GENDERS,
  API_PATTERNS,
  DEFAULT_K,
  EMBEDDING_DIM,
  MAX_BATCH,
  MAX_K,
  type ApiCategory,
  type ApiColour,
  type ApiGender,
  type ApiPattern,
  type EmbedderRef,
} from "./contract";
import { ApiError } from "./errors";
import { normalise } from "./search/vectors";

export interface ValidQuery {
  /** Unit length. */
  query: Float32Array;
  k: number;
  category?: ApiCategory;
  gender?: ApiGender;
  colour?: ApiColour;
  pattern?: ApiPattern;
}

const SEARCH_FIELDS = new Set(["embedding", "embedder", "k", "category", "gender", "colour", "pattern"]);

export function bad(field: string, message: string): never {
  throw new ApiError("invalid_request", `${field}: ${message}`, field);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 20 ? v.slice(0, 20) + "…" : v)}`;
  return typeof v === "object" ? "an object" : `${typeof v} ${String(v)}`;
}

export function refuseUnknown(obj: Record<string, unknown>, allowed: Set<string>, at: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.has(key)) bad(at ? `${at}.${key}` : key, `unknown field (allowed: ${[...allowed].join(", ")})`);
  }
}

/** Content-Type must be JSON (parameters such as charset=utf-8 are fine). */
export function checkContentType(header: string | null): void {
  const type = header?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new ApiError("unsupported_media_type", `Content-Type must be application/json, got ${header ? JSON.stringify(header) : "none"}`);
  }
}

export function parseJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError("invalid_json", "the body is not valid UTF-8");
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ApiError("invalid_json", `the body is not valid JSON (${(e as Error).message})`);
  }
}

export function checkEmbedder(v: unknown, at: string, catalog: EmbedderRef): void {
  const field = `${at}embedder`;
  if (v === undefined) bad(field, `required: the model that made the embedding, e.g. ${JSON.stringify(catalog)}`);
  if (!isObject(v)) bad(field, `must be an object {name, version}, got ${describe(v)}`);
  refuseUnknown(v, new Set(["name", "version"]), field);
  if (typeof v.name !== "string") bad(`${field}.name`, `must be a string, got ${describe(v.name)}`);
  if (!Number.isInteger(v.version)) bad(`${field}.version`, `must be an integer, got ${describe(v.version)}`);
  if (v.name !== catalog.name || v.version !== catalog.version) {
    throw new ApiError(
      "embedder_mismatch",
      `the embedding comes from ${v.name} v${String(v.version)} but the catalog was indexed with ${catalog.name} v${catalog.version}: embeddings of different models are not comparable`,
      field,
    );
  }
}

export function checkEmbedding(v: unknown, at: string): Float32Array {
  const field = `${at}embedding`;
  if (v === undefined) bad(field, `required: ${EMBEDDING_DIM} numbers`);
  if (!Array.isArray(v)) bad(field, `must be an array of ${EMBEDDING_DIM} numbers, got ${describe(v)}`);
  if (v.length !== EMBEDDING_DIM) bad(field, `must have exactly ${EMBEDDING_DIM} numbers, got ${v.length}`);
  for (let j = 0; j < v.length; j++) {
    const x: unknown = v[j];
    if (typeof x !== "number" || !Number.isFinite(x)) bad(`${field}[${j}]`, `must be a finite number, got ${describe(x)}`);
  }
  const unit = normalise(v as number[]);
  if (!unit) bad(field, "is a zero vector (or overflows): it has no direction to search for");
  return unit;
}

export function checkEnum<T extends string>(v: unknown, field: string, allowed: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) bad(field, `must be one of ${allowed.join(", ")}, got ${describe(v)}`);
  return v as T;
}

/** One search request (or one query of a batch, with at = "queries[3]."). */
export function validateSearch(body: unknown, catalog: EmbedderRef, at = ""): ValidQuery {
  if (!isObject(body)) bad(at ? at.slice(0, -1) : "(body)", `must be a JSON object, got ${describe(body)}`);
  refuseUnknown(body, SEARCH_FIELDS, at.slice(0, -1));
  checkEmbedder(body.embedder, at, catalog);
  const query = checkEmbedding(body.embedding, at);
  const k = checkK(body.k, at);
  const category = checkEnum(body.category, `${at}category`, API_CATEGORIES);
  const gender = checkEnum(body.gender, `${at}gender`, API_GENDERS);
  const colour = checkEnum(body.colour, `${at}colour`, API_COLOURS);
  const pattern = checkEnum(body.pattern, `${at}pattern`, API_PATTERNS);
  return { query, k, ...(category ? { category } : {}), ...(gender ? { gender } : {}), ...(colour ? { colour } : {}), ...(pattern ? { pattern } : {}) };
}

export function checkK(v: unknown, at: string): number {
  if (v === undefined) return DEFAULT_K;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > MAX_K) bad(`${at}k`, `must be an integer from 1 to ${MAX_K}, got ${describe(v)}`);
  return v;
}

export function validateBatch(body: unknown, catalog: EmbedderRef): ValidQuery[] {
  if (!isObject(body)) bad("(body)", `must be a JSON object {queries: [...]}, got ${describe(body)}`);
  refuseUnknown(body, new Set(["queries"]), "");
  const { queries } = body;
  if (!Array.isArray(queries)) bad("queries", `must be an array of 1 to ${MAX_BATCH} search requests, got ${describe(queries)}`);
  if (queries.length < 1 || queries.length > MAX_BATCH) bad("queries", `must hold 1 to ${MAX_BATCH} queries, got ${queries.length}`);
  return queries.map((q, i) => validateSearch(q, catalog, `queries[${i}].`));
}
