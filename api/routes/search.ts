// POST /v1/search and /v1/search/batch. The embedding is used for the search and then
// dropped: it is never logged, stored or echoed.
//
// Order of checks, cheapest refusal first: catalog ready (503 not_ready), one token of the
// client's bucket (429) and room for one more query (503 overloaded) before the body is
// even read, content type, body (413 past the limit), validation, then the rest of the
// batch's tokens (429) and the cap on queries in flight (503 overloaded); only then does
// the search run, on the worker pool.
import type { BatchSearchResponse, SearchResponse } from "../contract";
import { MAX_BATCH_BYTES, MAX_SEARCH_BYTES } from "../contract";
import { describeProduct } from "../catalog/products";
import { ApiError } from "../errors";
import { json, readBody } from "../http";
import { candidateCount, makeFilter } from "../search/index";
import { SearcherClosedError, type JobResult } from "../search/searcher";
import type { ReadyCatalog } from "../service";
import { checkContentType, parseJson, validateBatch, validateSearch, type ValidQuery } from "../validate";
import { readyCatalog, type RouteContext, type RouteFn } from "./context";

export const NO_STORE = { "Cache-Control": "no-store" };

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

export function response(cat: ReadyCatalog, q: ValidQuery, r: JobResult): SearchResponse {
  const filter = makeFilter(q.category, q.gender, q.colour, q.pattern);
  const split = cat.manifest.dataset.split;
  const results = r.hits.map((hit) => ({
    // Float32 rounding can put a perfect match a hair above 1: the contract says -1..1.
    score: Math.max(-1, Math.min(1, Math.round(hit.score * 1e6) / 1e6)),
    product: describeProduct(split, hit.index, cat.labels[hit.index]!),
  }));
  return { results, candidates: candidateCount(cat.data.facets, filter), tookMs: round(r.ms) };
}

/** Takes `cost` queries from the client's bucket, or refuses with 429 and when to retry; `sent`: the request's queries. */
function charge({ limiter, client }: RouteContext, cost: number, sent = cost): void {
  if (client === undefined) return; // an in-process call: no client address to limit
  const wait = limiter.take(client, cost);
  if (wait === 0) return;
  const rate = `${limiter.perSecond} queries per second (bursts of ${limiter.burst})`;
  if (wait === Infinity) throw new ApiError("rate_limited", `a request of ${sent} queries is more than one client may send at once: ${rate}`, undefined, 60);
  throw new ApiError(
    "rate_limited",
    `too many searches from this address: the limit is ${rate}; retry later`,
    undefined,
    Math.min(3600, Math.max(1, Math.ceil(wait))),
  );
}

function overloaded(ctx: RouteContext): ApiError {
  return new ApiError("overloaded", "the server is busy with other searches; retry shortly", undefined, ctx.admission.retryAfter());
}

/** Before the body is read: one token of the client's bucket, and room for at least one query. */
export function admissible(ctx: RouteContext): void {
  charge(ctx, 1);
  if (ctx.admission.full) throw overloaded(ctx); // no need to read and parse what cannot run
}

/** Validated queries -> answers, inside the cap on queries in flight. */
export async function run(ctx: RouteContext, cat: ReadyCatalog, queries: ValidQuery[]): Promise<JobResult[]> {
  charge(ctx, queries.length - 1, queries.length); // one was taken before the body was read
  const release = ctx.admission.admit(queries.length);
  if (!release) throw overloaded(ctx);
  try {
    const jobs = queries.map((q) => ({ query: q.query, k: q.k, filter: makeFilter(q.category, q.gender, q.colour, q.pattern) }));
    const results = await cat.searcher.search(jobs, ctx.req.signal).catch((e: unknown) => {
      if (e instanceof SearcherClosedError) throw new ApiError("not_ready", "the server is stopping; retry shortly", undefined, 1);
      throw e;
    });
    ctx.admission.observe(
      results.length,
      results.reduce((s, r) => s + r.ms, 0),
    );
    return results;
  } finally {
    release();
  }
}

export const search: RouteFn = async (ctx) => {
  const cat = readyCatalog(ctx.service);
  admissible(ctx);
  checkContentType(ctx.req.headers.get("content-type"));
  const q = validateSearch(parseJson(await readBody(ctx.req, MAX_SEARCH_BYTES)), cat.embedder);
  const [r] = await run(ctx, cat, [q]);
  ctx.metrics.queries.inc({ mode: "single" });
  return json(200, response(cat, q, r!), NO_STORE);
};

export const searchBatch: RouteFn = async (ctx) => {
  const cat = readyCatalog(ctx.service);
  admissible(ctx);
  checkContentType(ctx.req.headers.get("content-type"));
  const queries = validateBatch(parseJson(await readBody(ctx.req, MAX_BATCH_BYTES)), cat.embedder);
  const started = performance.now();
  const results = await run(ctx, cat, queries);
  ctx.metrics.queries.inc({ mode: "batch" }, queries.length);
  const body: BatchSearchResponse = { results: results.map((r, i) => response(cat, queries[i]!, r)), tookMs: round(performance.now() - started) };
  return json(200, body, NO_STORE);
};
