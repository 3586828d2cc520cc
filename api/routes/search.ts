// POST /v1/search and /v1/search/batch. The embedding is used for the search and then
// dropped: it is never logged, stored or echoed.
import type { BatchSearchResponse, SearchResponse } from "../contract";
import { MAX_BATCH_BYTES, MAX_SEARCH_BYTES } from "../contract";
import { describeProduct } from "../catalog/products";
import { json, readBody } from "../http";
import { candidateCount, makeFilter } from "../search/index";
import type { ReadyCatalog } from "../service";
import { checkContentType, parseJson, validateBatch, validateSearch, type ValidQuery } from "../validate";
import { readyCatalog, type RouteFn } from "./context";

const NO_STORE = { "Cache-Control": "no-store" };

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

export function answer(cat: ReadyCatalog, q: ValidQuery): SearchResponse {
  const started = performance.now();
  const filter = makeFilter(q.category, q.gender);
  const split = cat.manifest.dataset.split;
  const results = cat.index.search(q.query, q.k, filter).map((hit) => ({
    // Float32 rounding can put a perfect match a hair above 1: the contract says -1..1.
    score: Math.max(-1, Math.min(1, Math.round(hit.score * 1e6) / 1e6)),
    product: describeProduct(split, hit.index, cat.labels[hit.index]!),
  }));
  return { results, candidates: candidateCount(cat.data.facets, filter), tookMs: round(performance.now() - started) };
}

export const search: RouteFn = async ({ req, service, metrics }) => {
  const cat = readyCatalog(service);
  checkContentType(req.headers.get("content-type"));
  const q = validateSearch(parseJson(await readBody(req, MAX_SEARCH_BYTES)), cat.embedder);
  metrics.queries.inc({ mode: "single" });
  return json(200, answer(cat, q), NO_STORE);
};

export const searchBatch: RouteFn = async ({ req, service, metrics }) => {
  const cat = readyCatalog(service);
  checkContentType(req.headers.get("content-type"));
  const queries = validateBatch(parseJson(await readBody(req, MAX_BATCH_BYTES)), cat.embedder);
  const started = performance.now();
  const results = queries.map((q) => answer(cat, q));
  metrics.queries.inc({ mode: "batch" }, queries.length);
  const body: BatchSearchResponse = { results, tookMs: round(performance.now() - started) };
  return json(200, body, NO_STORE);
};
