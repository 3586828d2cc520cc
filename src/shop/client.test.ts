import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EMBEDDING_DIM, type Product, type SearchRequest } from "@api/contract";
import { checkCatalog, resolveBase, searchBatch, searchSimilar, searchTextBatch } from "./client";
import { ShopError, type ShopErrorCode } from "./errors";
import { CancelledError } from "@domain/errors";
import { startTestServer, type TestServer } from "./testServer";

// The client against a real node:http server speaking api/contract.ts.

const embedding = Array.from({ length: EMBEDDING_DIM }, (_, i) => Math.sin(i + 1));
const query: SearchRequest = { embedding, embedder: { name: "garment-embedder", version: 3 }, k: 4, category: "top", gender: "women" };

const product = (id: string, over: Partial<Product> = {}): Product => ({
  id,
  name: `Crew tee ${id}`,
  brand: "Northwind",
  category: "top",
  subtype: "t-shirt",
  gender: "women",
  price: { amount: 19.5, currency: "EUR" },
  imageUrl: `v1/products/${id}/image.png`,
  ...over,
});

const ready = {
  status: "ready",
  catalog: { products: 60000, embedder: { name: "garment-embedder", version: 3 }, index: "exact", builtAt: "2026-12-02T06:00:00Z" },
};
const apiError = (code: string, message: string, field?: string) => ({ error: { code, message, ...(field ? { field } : {}) } });

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer("/api");
});
afterAll(() => server.close());
beforeEach(() => {
  server.received.length = 0;
});

async function failure(p: Promise<unknown>): Promise<ShopError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ShopError);
  return e as ShopError;
}

async function expectKind(p: Promise<unknown>, code: ShopErrorCode): Promise<ShopError> {
  const e = await failure(p);
  expect(e.code).toBe(code);
  expect(e.message.length).toBeGreaterThan(10);
  return e;
}

describe("successful calls", () => {
  it("checkCatalog reads /readyz", async () => {
    server.answer(() => ({ status: 200, body: ready }));
    const r = await checkCatalog(server.base);
    expect(r.catalog.products).toBe(60000);
    expect(r.catalog.embedder).toEqual({ name: "garment-embedder", version: 3 });
    expect(server.received[0]).toMatchObject({ method: "GET", path: "/readyz" });
  });

  it("searchSimilar sends only the embedding, embedder and filters, and resolves image URLs against the base", async () => {
    server.answer(() => ({
      status: 200,
      body: {
        results: [
          { score: 0.91, product: product("fm-1") },
          { score: 0.5, product: product("fm-2", { imageUrl: "/v1/products/fm-2/image.png" }) },
        ],
        candidates: 6000,
        tookMs: 3.2,
      },
    }));
    const r = await searchSimilar(server.base + "/", query);
    const got = server.received[0]!;
    expect(got).toMatchObject({ method: "POST", path: "/v1/search" });
    expect(got.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(got.body)).toEqual(query);
    expect(r.results.map((h) => h.product.imageUrl)).toEqual([`${server.base}/v1/products/fm-1/image.png`, `${server.base}/v1/products/fm-2/image.png`]);
    expect(r.results[0]?.score).toBe(0.91);
    expect(r.candidates).toBe(6000);
  });

  it("searchBatch sends all queries in one request and keeps their order", async () => {
    server.answer((req) => {
      const { queries } = JSON.parse(req.body) as { queries: SearchRequest[] };
      return {
        status: 200,
        body: {
          results: queries.map((q, i) => ({
            results: [{ score: 0.8, product: product(`fm-${i}`, { category: q.category ?? "top" }) }],
            candidates: 10,
            tookMs: 1,
          })),
          tookMs: 2,
        },
      };
    });
    const r = await searchBatch(server.base, [query, { ...query, category: "bottom" }]);
    expect(server.received).toHaveLength(1);
    expect(server.received[0]?.path).toBe("/v1/search/batch");
    expect(r.results.map((s) => s.results[0]?.product.category)).toEqual(["top", "bottom"]);
    expect(r.results[1]?.results[0]?.product.imageUrl).toBe(`${server.base}/v1/products/fm-1/image.png`);
  });
});

describe("searchTextBatch", () => {
  it("sends every search by words in one request, trimmed, and keeps their order with what the service understood", async () => {
    server.answer((req) => {
      const { queries } = JSON.parse(req.body) as { queries: { text: string; category?: Product["category"] }[] };
      return {
        status: 200,
        body: {
          results: queries.map((q, i) => ({
            results: [{ score: 0.5, product: product(`fm-${i}`, { category: q.category ?? "top", colour: "black" }) }],
            candidates: 10,
            tookMs: 1,
            understood: { words: q.text.split(" ")[1] ?? "", colour: "black" },
          })),
          tookMs: 2,
        },
      };
    });
    const r = await searchTextBatch(server.base, [
      { text: " black boots ", k: 8, category: "shoes" },
      { text: "black shirt", k: 8, category: "top", gender: "men" },
    ]);
    expect(server.received).toHaveLength(1);
    expect(server.received[0]?.path).toBe("/v1/search/text/batch");
    expect(JSON.parse(server.received[0]!.body)).toEqual({
      queries: [
        { text: "black boots", k: 8, category: "shoes" },
        { text: "black shirt", k: 8, category: "top", gender: "men" },
      ],
    });
    expect(r.results.map((s) => s.results[0]?.product.category)).toEqual(["shoes", "top"]);
    expect(r.results[0]?.understood).toEqual({ words: "boots", colour: "black" });
    expect(r.results[1]?.results[0]?.product.imageUrl).toBe(`${server.base}/v1/products/fm-1/image.png`);
  });

  it("an empty batch, empty words or an answer short of results are refused", async () => {
    await expectKind(searchTextBatch(server.base, []), "invalid-request");
    const e = await expectKind(searchTextBatch(server.base, [{ text: "boots" }, { text: "  " }]), "invalid-request");
    expect(e.detail).toMatch(/queries\[1\]/);
    expect(server.received).toHaveLength(0);
    server.answer(() => ({ status: 200, body: { results: [{ results: [], candidates: 0, tookMs: 1, understood: { words: "" } }], tookMs: 1 } }));
    await expectKind(searchTextBatch(server.base, [{ text: "boots" }, { text: "shirt" }]), "bad-response");
    // Each answer must say what was understood, like a single search by words.
    server.answer(() => ({ status: 200, body: { results: [{ results: [], candidates: 0, tookMs: 1 }], tookMs: 1 } }));
    await expectKind(searchTextBatch(server.base, [{ text: "boots" }]), "bad-response");
  });
});

describe("errors the user sees", () => {
  it("offline: nothing is sent and the message says the wardrobe still works", async () => {
    server.answer(() => ({ status: 200, body: ready }));
    const e = await expectKind(checkCatalog(server.base, { isOnline: () => false }), "offline");
    expect(e.message).toMatch(/wardrobe still works offline/);
    expect(server.received).toHaveLength(0);
  });

  it("unreachable: nothing listens on the port", async () => {
    const gone = await startTestServer("/api");
    const base = gone.base;
    await gone.close();
    const e = await expectKind(searchSimilar(base, query), "unreachable");
    expect(e.retryable).toBe(true);
  });

  it("unreachable: a proxy answering 500 with an empty body or a 502 page", async () => {
    server.answer(() => ({ status: 500, raw: "" }));
    await expectKind(checkCatalog(server.base), "unreachable");
    server.answer(() => ({ status: 502, raw: "<html>Bad gateway</html>" }));
    await expectKind(checkCatalog(server.base), "unreachable");
  });

  it("timeout: the server never answers", async () => {
    server.answer(() => ({ status: 200, hang: true }));
    await expectKind(searchSimilar(server.base, query, { timeoutMs: 150 }), "timeout");
  });

  it("aborted by the caller", async () => {
    server.answer(() => ({ status: 200, hang: true }));
    const ac = new AbortController();
    const p = searchSimilar(server.base, query, { signal: ac.signal, timeoutMs: 60_000 });
    await expect.poll(() => server.received.length).toBe(1);
    ac.abort();
    await expect(p).rejects.toBeInstanceOf(CancelledError);
  });

  it("busy: 429 rate_limited and 503 overloaded say when to try again (Retry-After), and are retryable", async () => {
    server.answer(() => ({ status: 429, body: apiError("rate_limited", "too many queries"), headers: { "retry-after": "3" } }));
    const limited = await expectKind(searchSimilar(server.base, query), "busy");
    expect(limited).toMatchObject({ status: 429, retryAfter: 3, retryable: true });
    expect(limited.message).toMatch(/Try again in 3 s/);
    server.answer(() => ({ status: 503, body: apiError("overloaded", "at capacity"), headers: { "retry-after": "garbage" } }));
    const overloaded = await expectKind(searchBatch(server.base, [query]), "busy");
    expect(overloaded.retryAfter).toBeUndefined();
    expect(overloaded.message).toMatch(/busy right now\. Try again in a few seconds/);
  });

  it("not ready: 503 not_ready", async () => {
    server.answer(() => ({ status: 503, body: apiError("not_ready", "index loading") }));
    const e = await expectKind(checkCatalog(server.base), "not-ready");
    expect(e.status).toBe(503);
    expect(e.requestId).toBe("req-1");
  });

  it("embedder mismatch: 409 says the catalog was built for another model version", async () => {
    server.answer(() => ({ status: 409, body: apiError("embedder_mismatch", "catalog is garment-embedder@3, query garment-embedder@2", "embedder.version") }));
    const e = await expectKind(searchSimilar(server.base, { ...query, embedder: { name: "garment-embedder", version: 2 } }), "embedder-mismatch");
    expect(e.message).toMatch(/catalog was built for another model version/);
    expect(e.detail).toBe("catalog is garment-embedder@3, query garment-embedder@2 (embedder.version)");
    expect(e.retryable).toBe(false);
  });

  it("invalid request: 400 with the offending field", async () => {
    server.answer(() => ({ status: 400, body: apiError("invalid_request", "unknown category", "category") }));
    const e = await expectKind(searchSimilar(server.base, query), "invalid-request");
    expect(e.detail).toBe("unknown category (category)");
  });

  it("invalid request caught before sending: wrong length, non-finite, zero vector, k out of range, empty batch", async () => {
    await expectKind(searchSimilar(server.base, { ...query, embedding: embedding.slice(1) }), "invalid-request");
    await expectKind(searchSimilar(server.base, { ...query, embedding: [...embedding.slice(1), Number.NaN] }), "invalid-request");
    await expectKind(searchSimilar(server.base, { ...query, embedding: embedding.map(() => 0) }), "invalid-request");
    await expectKind(searchSimilar(server.base, { ...query, k: 51 }), "invalid-request");
    await expectKind(searchBatch(server.base, []), "invalid-request");
    expect(server.received).toHaveLength(0);
  });

  it("server error: 500 internal with the contract body", async () => {
    server.answer(() => ({ status: 500, body: apiError("internal", "boom") }));
    const e = await expectKind(searchSimilar(server.base, query), "server");
    expect(e.detail).toBe("boom");
  });

  it("an address that answers with something else (an app's index.html, a 404 page)", async () => {
    server.answer(() => ({ status: 200, raw: "<!doctype html><title>Curator</title>" }));
    await expectKind(checkCatalog(server.base), "bad-response");
    server.answer(() => ({ status: 404, raw: "Not found" }));
    await expectKind(checkCatalog(server.base), "bad-response");
  });

  it("a bad endpoint address is refused before any request", () => {
    expect(() => resolveBase("ftp://example.com/api")).toThrow(ShopError);
    expect(() => resolveBase("http://")).toThrow(ShopError);
    expect(resolveBase("http://127.0.0.1:8787/api/")).toBe("http://127.0.0.1:8787/api");
  });
});

describe("answers that do not match the contract are refused", () => {
  const bad: [string, unknown][] = [
    ["a score that is a string", { results: [{ score: "0.9", product: product("a") }], candidates: 1, tookMs: 1 }],
    ["a score above 1", { results: [{ score: 7, product: product("a") }], candidates: 1, tookMs: 1 }],
    ["an unknown category", { results: [{ score: 0.9, product: product("a", { category: "socks" as Product["category"] }) }], candidates: 1, tookMs: 1 }],
    ["a javascript: image URL", { results: [{ score: 0.9, product: product("a", { imageUrl: "javascript:alert(1)" }) }], candidates: 1, tookMs: 1 }],
    ["a product without a price", { results: [{ score: 0.9, product: { ...product("a"), price: undefined } }], candidates: 1, tookMs: 1 }],
    ["a negative price", { results: [{ score: 0.9, product: product("a", { price: { amount: -1, currency: "EUR" } }) }], candidates: 1, tookMs: 1 }],
    ["results that are not an array", { results: {}, candidates: 1, tookMs: 1 }],
    ["no candidates count", { results: [], tookMs: 1 }],
  ];
  it.each(bad)("%s", async (_label, body) => {
    server.answer(() => ({ status: 200, body }));
    const e = await expectKind(searchSimilar(server.base, query), "bad-response");
    expect(e.detail).toBeTruthy();
  });

  it("a batch answer with fewer results than queries", async () => {
    server.answer(() => ({ status: 200, body: { results: [{ results: [], candidates: 0, tookMs: 1 }], tookMs: 1 } }));
    await expectKind(searchBatch(server.base, [query, query]), "bad-response");
  });

  it("a readyz answer without the catalog", async () => {
    server.answer(() => ({ status: 200, body: { status: "ready" } }));
    await expectKind(checkCatalog(server.base), "bad-response");
  });
});
