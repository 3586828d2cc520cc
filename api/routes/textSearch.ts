// POST /v1/search/text and /v1/search/text/batch: search by words. The same order of
// checks and limits as /v1/search (routes/search.ts), then the words are understood
// (api/text/understand.ts) and run as ordinary queries. The words are used for the one
// search and dropped: never logged or stored (they are echoed back as `understood`).
import type { BatchTextSearchResponse, TextSearchResponse } from "../contract";
import { MAX_BATCH_BYTES, MAX_SEARCH_BYTES } from "../contract";
import { ApiError } from "../errors";
import { json, readBody } from "../http";
import type { CatalogService } from "../service";
import type { TextEncoderModel } from "../text/encoder";
import { understand } from "../text/understand";
import { validateTextBatch, validateTextSearch } from "../text/validate";
import { checkContentType, parseJson } from "../validate";
import { readyCatalog, type RouteFn } from "./context";
import { admissible, NO_STORE, response, run } from "./search";

function textModel(service: CatalogService): TextEncoderModel {
  const t = service.text;
  if (t.status === "available") return t.model;
  if (t.status === "loading") throw new ApiError("not_ready", "search by words is still loading; retry shortly", undefined, 5);
  throw new ApiError("not_ready", `search by words is unavailable: ${t.reason}`, undefined, 60);
}

export const searchText: RouteFn = async (ctx) => {
  const cat = readyCatalog(ctx.service);
  const model = textModel(ctx.service);
  admissible(ctx);
  checkContentType(ctx.req.headers.get("content-type"));
  const { query, understood } = understand(model, validateTextSearch(parseJson(await readBody(ctx.req, MAX_SEARCH_BYTES)), cat.embedder));
  const [r] = await run(ctx, cat, [query]);
  ctx.metrics.queries.inc({ mode: "text" });
  const body: TextSearchResponse = { ...response(cat, query, r!), understood };
  return json(200, body, NO_STORE);
};

export const searchTextBatch: RouteFn = async (ctx) => {
  const cat = readyCatalog(ctx.service);
  const model = textModel(ctx.service);
  admissible(ctx);
  checkContentType(ctx.req.headers.get("content-type"));
  const valid = validateTextBatch(parseJson(await readBody(ctx.req, MAX_BATCH_BYTES)), cat.embedder);
  const parts = valid.map((q, i) => understand(model, q, `queries[${i}].`));
  const started = performance.now();
  const results = await run(
    ctx,
    cat,
    parts.map((p) => p.query),
  );
  ctx.metrics.queries.inc({ mode: "text_batch" }, parts.length);
  const body: BatchTextSearchResponse = {
    results: results.map((r, i) => ({ ...response(cat, parts[i]!.query, r), understood: parts[i]!.understood })),
    tookMs: Math.round((performance.now() - started) * 1000) / 1000,
  };
  return json(200, body, NO_STORE);
};
