// What each route answers before the catalog is ready: while it loads, and when it failed.
// In-process (Api.handle), so the first request is sure to come while the catalog loads.
import { describe, expect, it } from "vitest";
import { createHandler } from "./handler";
import { parseMetrics, sampleValue, options, catalogPresent, manifestEmbedder, jsonRequest } from "./testkit";

const get = (path: string) => new Request(`http://x${path}`);
const post = jsonRequest;

async function answer(res: Response): Promise<{ status: number; retryAfter: string | null; cache: string | null; body: unknown }> {
  return { status: res.status, retryAfter: res.headers.get("retry-after"), cache: res.headers.get("cache-control"), body: await res.json() };
}

const notReady = (message: string) => ({ error: { code: "not_ready", message } });

describe("before the catalog is ready", () => {
  it("a catalog that failed to load: alive, not ready with the reason, every catalog route 503 pointing to /readyz", async () => {
    const api = createHandler(options({ catalogDir: "/nonexistent/catalog", textModelDir: "/nonexistent/text" }));
    await api.service.ready;
    expect(await answer(await api.handle(get("/healthz")))).toEqual({ status: 200, retryAfter: null, cache: "no-store", body: { status: "ok" } });
    const ready = await answer(await api.handle(get("/readyz")));
    expect(ready).toMatchObject({ status: 503, retryAfter: "5", cache: "no-store" });
    const message = (ready.body as { error: { message: string } }).error.message;
    expect(message).toMatch(/^the catalog failed to load: \S/);
    expect(message).not.toContain("/nonexistent");
    const search = post("/v1/search", { embedding: Array(128).fill(1), embedder: { name: "e", version: 1 } });
    for (const req of [
      search,
      get("/v1/products/fm-train-000001"),
      get("/v1/products/fm-train-000001/image.png"),
      post("/v1/search/text", { text: "red dress" }),
    ]) {
      const a = await answer(await api.handle(req));
      expect(a, req.url).toMatchObject({ status: 503, retryAfter: "5", body: notReady("the catalog failed to load; see /readyz") });
    }
    const metrics = await api.handle(get("/metrics"));
    expect(metrics.headers.get("cache-control")).toBe("no-store");
    const { samples } = parseMetrics(await metrics.text());
    expect(sampleValue(samples, "curator_api_catalog_products", {})).toBe(0);
    expect(sampleValue(samples, "curator_api_index_ready", {})).toBe(0);
  });

  it.skipIf(!catalogPresent)("a catalog still loading: not ready, and searches told to retry shortly; then ready", async () => {
    const api = createHandler(options());
    try {
      const ready = await answer(await api.handle(get("/readyz")));
      expect(ready).toEqual({ status: 503, retryAfter: "5", cache: "no-store", body: notReady("the catalog is still loading") });
      const search = await answer(await api.handle(post("/v1/search", { embedding: Array(128).fill(1), embedder: manifestEmbedder() })));
      expect(search).toMatchObject({ status: 503, retryAfter: "5", body: notReady("the catalog is still loading; retry shortly") });
      const { samples } = parseMetrics(await (await api.handle(get("/metrics"))).text());
      expect(sampleValue(samples, "curator_api_index_ready", {})).toBe(0);
      expect(sampleValue(samples, "curator_api_catalog_products", {})).toBe(0);
      await api.service.ready;
      expect((await api.handle(get("/readyz"))).status).toBe(200);
      const loaded = parseMetrics(await (await api.handle(get("/metrics"))).text()).samples;
      expect(sampleValue(loaded, "curator_api_index_ready", {})).toBe(1);
      expect(sampleValue(loaded, "curator_api_catalog_products", {})).toBe(60_000);
    } finally {
      await api.service.ready;
      await api.service.close();
    }
  });
});
