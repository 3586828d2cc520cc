// Validation of search-by-words requests, to the standard of validate.ts: every field
// checked, unknown fields refused, the first problem named with its path.
import { API_CATEGORIES, API_GENDERS, DEFAULT_LIKE_WEIGHT, MAX_BATCH, MAX_TEXT_CHARS, type ApiCategory, type ApiGender, type EmbedderRef } from "../contract";
import { bad, checkEmbedder, checkEmbedding, checkEnum, checkK, describe, isObject, refuseUnknown } from "../validate";

export interface ValidTextQuery {
  text: string;
  /** Unit length; with its weight 0..1. */
  like?: { query: Float32Array; weight: number };
  k: number;
  category?: ApiCategory;
  gender?: ApiGender;
}

const FIELDS = new Set(["text", "like", "k", "category", "gender"]);
const LIKE_FIELDS = new Set(["embedding", "embedder", "weight"]);

function checkText(v: unknown, field: string): string {
  if (v === undefined) bad(field, `required: the words to search for, e.g. "black ankle boots"`);
  if (typeof v !== "string") bad(field, `must be a string, got ${describe(v)}`);
  const text = v.normalize("NFC").trim();
  if (text.length === 0) bad(field, "is empty: type what you are looking for");
  if ([...text].length > MAX_TEXT_CHARS) bad(field, `must be at most ${MAX_TEXT_CHARS} characters, got ${[...text].length}`);
  // Control characters are never typed (tabs and newlines are, and count as spaces).
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) bad(field, "must not contain control characters");
  if (!/[\p{L}\p{N}]/u.test(text)) bad(field, "has no letter or digit to search for");
  return text;
}

export function validateTextSearch(body: unknown, catalog: EmbedderRef, at = ""): ValidTextQuery {
  if (!isObject(body)) bad(at ? at.slice(0, -1) : "(body)", `must be a JSON object, got ${describe(body)}`);
  refuseUnknown(body, FIELDS, at.slice(0, -1));
  const text = checkText(body.text, `${at}text`);
  let like: ValidTextQuery["like"];
  if (body.like !== undefined) {
    const field = `${at}like`;
    if (!isObject(body.like)) bad(field, `must be an object {embedding, embedder, weight?}, got ${describe(body.like)}`);
    refuseUnknown(body.like, LIKE_FIELDS, field);
    checkEmbedder(body.like.embedder, `${field}.`, catalog);
    const query = checkEmbedding(body.like.embedding, `${field}.`);
    let weight = DEFAULT_LIKE_WEIGHT;
    const w = body.like.weight;
    if (w !== undefined) {
      if (typeof w !== "number" || !Number.isFinite(w) || w < 0 || w > 1) bad(`${field}.weight`, `must be a number from 0 to 1, got ${describe(w)}`);
      weight = w;
    }
    like = { query, weight };
  }
  const k = checkK(body.k, at);
  const category = checkEnum(body.category, `${at}category`, API_CATEGORIES);
  const gender = checkEnum(body.gender, `${at}gender`, API_GENDERS);
  return { text, ...(like ? { like } : {}), k, ...(category ? { category } : {}), ...(gender ? { gender } : {}) };
}

export function validateTextBatch(body: unknown, catalog: EmbedderRef): ValidTextQuery[] {
  if (!isObject(body)) bad("(body)", `must be a JSON object {queries: [...]}, got ${describe(body)}`);
  refuseUnknown(body, new Set(["queries"]), "");
  const { queries } = body;
  if (!Array.isArray(queries)) bad("queries", `must be an array of 1 to ${MAX_BATCH} text searches, got ${describe(queries)}`);
  if (queries.length < 1 || queries.length > MAX_BATCH) bad("queries", `must hold 1 to ${MAX_BATCH} queries, got ${queries.length}`);
  return queries.map((q, i) => validateTextSearch(q, catalog, `queries[${i}].`));
}
