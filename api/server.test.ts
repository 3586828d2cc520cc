// Search, products and images through the real Node adapter on a localhost port.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, inflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BatchSearchResponse, Product, ReadyResponse, SearchResponse } from "./contract";
import { loadCatalog, type Catalog } from "./catalog/load";
import { describeProduct } from "./catalog/products";
import type { RunningServer } from "./node";
import { CATALOG_DIR, DATASET_DIR, catalogPresent, catalogVector, datasetPresent, manifestEmbedder, postJson, readyServer } from "./testkit";

describe.skipIf(!catalogPresent)("catalog API over HTTP (Node adapter)", () => {
  let server: RunningServer;
  let catalog: Catalog;
  const embedder = catalogPresent ? manifestEmbedder() : { name: "", version: 0 };
  const search = (body: Record<string, unknown>) => postJson(`${server.url}/v1/search`, { embedder, ...body });

  beforeAll(async () => {
    server = await readyServer(8790);
    catalog = await loadCatalog(CATALOG_DIR);
  });
  afterAll(() => server?.close());

  it("answers /healthz, and /readyz with the catalog it loaded", async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as ReadyResponse;
    expect(body.status).toBe("ready");
    expect(body.catalog).toEqual({ products: catalog.manifest.count, embedder, index: "exact", builtAt: catalog.manifest.builtAt });
    expect(body.images?.status).toBe(datasetPresent ? "available" : "unavailable");
  });

  it("puts a request id, CORS and the cross-origin resource policy on every response", async () => {
    const generated = await fetch(`${server.url}/healthz`);
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await fetch(`${server.url}/v1/products/nope`, { headers: { "X-Request-Id": "app-42.trace" } });
    expect(echoed.headers.get("x-request-id")).toBe("app-42.trace");
    const replaced = await fetch(`${server.url}/healthz`, { headers: { "X-Request-Id": "<script>" } });
    expect(replaced.headers.get("x-request-id")).not.toBe("<script>");
    for (const res of [generated, echoed]) {
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    }
    const pre = await fetch(`${server.url}/v1/search`, {
      method: "OPTIONS",
      headers: { Origin: "https://app.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-methods")).toContain("POST");
    expect(pre.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("content-type");
  });

  it("finds a catalog product's own vector first, with score ≈ 1, and returns k hits best first", async () => {
    for (const i of [0, 123, catalog.manifest.count - 1]) {
      const res = await search({ embedding: catalogVector(catalog, i), k: 10 });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const body = (await res.json()) as SearchResponse;
      expect(body.results).toHaveLength(10);
      expect(body.candidates).toBe(catalog.manifest.count);
      expect(body.results[0]!.product.id).toBe(`fm-train-${String(i).padStart(6, "0")}`);
      expect(body.results[0]!.score).toBeGreaterThan(0.9999);
      const scores = body.results.map((h) => h.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(body.results[0]!.product).toEqual(describeProduct("train", i, catalog.labels[i]!));
    }
  });

  it("honours the category and gender filters, and counts the candidates they leave", async () => {
    const all = Array.from({ length: catalog.manifest.count }, (_, i) => describeProduct("train", i, catalog.labels[i]!));
    const cases = [{ category: "shoes", gender: "men" }, { category: "dress" }, { gender: "unisex" }, { category: "bag", gender: "women" }] as const;
    for (const filter of cases) {
      // A query from another category, so the filter (not the query) decides the category.
      const res = await search({ embedding: catalogVector(catalog, 1), k: 50, ...filter });
      const body = (await res.json()) as SearchResponse;
      const allowed = (p: Product) =>
        (!("category" in filter) || p.category === filter.category) &&
        (!("gender" in filter) || p.gender === filter.gender || (filter.gender !== "unisex" && p.gender === "unisex"));
      expect(body.results.length, JSON.stringify(filter)).toBe(Math.min(50, all.filter(allowed).length));
      for (const hit of body.results) expect(allowed(hit.product), `${hit.product.id} ${JSON.stringify(filter)}`).toBe(true);
      expect(body.candidates).toBe(all.filter(allowed).length);
      if ("gender" in filter && filter.gender === "men") expect(body.results.some((h) => h.product.gender === "men")).toBe(true);
    }
  });

  it("answers a batch in order, each answer equal to the single search", async () => {
    const queries = [
      { embedding: catalogVector(catalog, 5), embedder, k: 3 },
      { embedding: catalogVector(catalog, 77), embedder, category: "top" },
      { embedding: catalogVector(catalog, 901 % catalog.manifest.count), embedder, k: 7, gender: "women" },
      { embedding: catalogVector(catalog, 5).map((v) => -v), embedder, k: 1 },
    ];
    const batch = await postJson(`${server.url}/v1/search/batch`, { queries });
    expect(batch.status).toBe(200);
    const body = (await batch.json()) as BatchSearchResponse;
    expect(body.results).toHaveLength(queries.length);
    for (const [i, q] of queries.entries()) {
      const single = (await (await postJson(`${server.url}/v1/search`, q)).json()) as SearchResponse;
      expect(body.results[i]!.results).toEqual(single.results);
      expect(body.results[i]!.candidates).toBe(single.candidates);
    }
  });

  it("serves a product by id, and 404 for ids that are not in this catalog", async () => {
    const res = await fetch(`${server.url}/v1/products/fm-train-000042`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(describeProduct("train", 42, catalog.labels[42]!));
    for (const id of ["fm-train-999999", "fm-test-000042", "fm-train-42", "..%2F..%2Fetc"]) {
      const miss = await fetch(`${server.url}/v1/products/${id}`);
      expect(miss.status, id).toBe(404);
      expect(((await miss.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
  });

  it.skipIf(!datasetPresent)("serves the product picture as a 28×28 grey PNG: the dataset image inverted", async () => {
    const index = 7;
    const res = await fetch(`${server.url}/v1/products/fm-train-${String(index).padStart(6, "0")}/image.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("cache-control")).toContain("immutable");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    const png = Buffer.from(await res.arrayBuffer());
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // Chunks: length, type, data, crc.
    let off = 8;
    const idat: Buffer[] = [];
    let ihdr: Buffer | null = null;
    while (off < png.length) {
      const len = png.readUInt32BE(off);
      const type = png.toString("latin1", off + 4, off + 8);
      const data = png.subarray(off + 8, off + 8 + len);
      if (type === "IHDR") ihdr = data;
      if (type === "IDAT") idat.push(data);
      off += 12 + len;
    }
    expect(ihdr!.readUInt32BE(0)).toBe(28);
    expect(ihdr!.readUInt32BE(4)).toBe(28);
    expect([ihdr![8], ihdr![9]]).toEqual([8, 0]); // 8-bit greyscale
    const raw = inflateSync(Buffer.concat(idat));
    expect(raw.length).toBe(28 * 29);
    const images = gunzipSync(readFileSync(join(DATASET_DIR, "train-images-idx3-ubyte.gz")));
    const expected = images.subarray(16 + index * 784, 16 + (index + 1) * 784);
    const pixels = Buffer.concat(Array.from({ length: 28 }, (_, y) => raw.subarray(y * 29 + 1, y * 29 + 29)));
    expect(Array.from(pixels)).toEqual(Array.from(expected, (p) => 255 - p));
    expect(new Set(pixels).size).toBeGreaterThan(10); // a picture, not a flat square
  });

  it("answers HEAD like GET without a body", async () => {
    const res = await fetch(`${server.url}/healthz`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });
});
