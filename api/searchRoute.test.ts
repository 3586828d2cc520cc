// The search routes' own arithmetic and refusals, in-process with the real catalog: scores
// clamped and rounded, the took time rounded, and the per-client rate limit's words and
// Retry-After (the HTTP side is abuse.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody } from "./contract";
import { createHandler, type Api } from "./handler";
import { response } from "./routes/search";
import type { ReadyCatalog } from "./service";
import { catalogPresent, manifestEmbedder, options, jsonRequest } from "./testkit";

const query = (i: number) => ({ embedding: Array.from({ length: 128 }, (_, j) => Math.sin(i + j)), embedder: manifestEmbedder() });
const post = jsonRequest;

async function refusal(res: Response): Promise<{ status: number; retryAfter: string | null; code: string; message: string }> {
  const { error } = (await res.json()) as ApiErrorBody;
  return { status: res.status, retryAfter: res.headers.get("retry-after"), code: error.code, message: error.message };
}

describe.skipIf(!catalogPresent)("search routes", () => {
  const apis: Api[] = [];
  const ready = async (over: Parameters<typeof options>[0] = {}) => {
    const api = createHandler(options(over));
    apis.push(api);
    await api.service.ready;
    return api;
  };
  let api: Api;
  let cat: ReadyCatalog;

  beforeAll(async () => {
    api = await ready({ textModelDir: "api/text" });
    if (api.service.state.status !== "ready") throw new Error("catalog not ready");
    cat = api.service.state;
  });
  afterAll(async () => {
    for (const a of apis) await a.service.close();
  });

  it("keeps scores within -1..1 at six decimals, and the time at three", () => {
    const q = { query: new Float32Array(128), k: 3 };
    const r = response(cat, q, {
      hits: [
        { index: 0, score: 1.0000004 },
        { index: 1, score: 0.123456789 },
        { index: 2, score: -1.2 },
      ],
      ms: 1.23456789,
    });
    expect(r.results.map((h) => h.score)).toEqual([1, 0.123457, -1]);
    expect(r.results.map((h) => h.product.id)).toEqual(["fm-train-000000", "fm-train-000001", "fm-train-000002"]);
    expect(r.tookMs).toBe(1.235);
    expect(r.candidates).toBe(60_000);
  });

  it("answers a batch with its time rounded to the microsecond", async () => {
    const res = await api.handle(post("/v1/search/batch", { queries: [query(1), query(2)] }));
    const body = (await res.json()) as { tookMs: number; results: unknown[] };
    expect(res.status).toBe(200);
    expect(body.results).toHaveLength(2);
    expect(body.tookMs).toBeGreaterThanOrEqual(0);
    expect(Math.round(body.tookMs * 1000)).toBeCloseTo(body.tookMs * 1000, 6);
  });

  it("counts searches by mode, words included", async () => {
    const before = api.metrics.render({ catalogProducts: 0, indexReady: true, pendingQueries: 0, maxPendingQueries: 1, rateLimitClients: 0 });
    expect(before).not.toContain('mode="text"');
    expect((await api.handle(post("/v1/search/text", { text: "black ankle boots" }))).status).toBe(200);
    expect((await api.handle(post("/v1/search/text/batch", { queries: [{ text: "red dress" }, { text: "navy coat" }] }))).status).toBe(200);
    const after = api.metrics.render({ catalogProducts: 0, indexReady: true, pendingQueries: 0, maxPendingQueries: 1, rateLimitClients: 0 });
    expect(after).toContain('curator_api_search_queries_total{mode="text"} 1\n');
    expect(after).toContain('curator_api_search_queries_total{mode="text_batch"} 2\n');
  });

  it("lets products be cached for a day, and says what an id looks like when it is not one", async () => {
    const res = await api.handle(new Request("http://x/v1/products/fm-train-000005"));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=86400");
    const miss = await refusal(await api.handle(new Request(`http://x/v1/products/${"z".repeat(60)}`)));
    expect(miss).toEqual({
      status: 404,
      retryAfter: null,
      code: "not_found",
      message: `no product "${"z".repeat(40)}" in this catalog (ids look like fm-train-012345)`,
    });
  });

  it("refuses a client over its rate with when to retry, at most an hour", async () => {
    const slow = await ready({ limits: { ratePerSecond: 0.0001, rateBurst: 32 } });
    const from = { address: "203.0.113.9" };
    expect((await slow.handle(post("/v1/search/batch", { queries: Array.from({ length: 32 }, (_, i) => query(i)) }), from)).status).toBe(200);
    expect(await refusal(await slow.handle(post("/v1/search", query(0)), from))).toEqual({
      status: 429,
      retryAfter: "3600", // 10,000 s for one query at this rate: capped
      code: "rate_limited",
      message: "too many searches from this address: the limit is 0.0001 queries per second (bursts of 32); retry later",
    });
    // Another address has its own bucket; an in-process call (no address) is never limited.
    expect((await slow.handle(post("/v1/search", query(0)), { address: "198.51.100.20" })).status).toBe(200);
    expect((await slow.handle(post("/v1/search", query(0)))).status).toBe(200);
  });

  it("refuses for good a batch larger than a client's whole bucket, counting every query of it", async () => {
    const small = await ready({ limits: { ratePerSecond: 1, rateBurst: 4 } });
    const from = { address: "203.0.113.9" };
    expect(await refusal(await small.handle(post("/v1/search/batch", { queries: Array.from({ length: 8 }, (_, i) => query(i)) }), from))).toEqual({
      status: 429,
      retryAfter: "60",
      code: "rate_limited",
      message: "a request of 8 queries is more than one client may send at once: 1 queries per second (bursts of 4)",
    });
    expect((await small.handle(post("/v1/search/batch", { queries: Array.from({ length: 3 }, (_, i) => query(i)) }), from)).status).toBe(200);
  });
});
