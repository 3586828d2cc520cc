import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog, type Catalog } from "@api/catalog/load";
import type { RunningServer } from "@api/node";
import { CATALOG_DIR, catalogPresent, catalogVector, datasetPresent, manifestEmbedder, readyServer } from "@api/testkit";
import { checkCatalog, searchBatch, searchSimilar, searchTextBatch } from "./client";
import { ShopError } from "./errors";

// The app's client against the real catalog API (api/node.ts on a localhost port, the
// catalog in CURATOR_CATALOG_DIR or api/catalog): the two sides of the contract agree.
describe.skipIf(!catalogPresent)("shop client ↔ real catalog API", () => {
  let server: RunningServer;
  let catalog: Catalog;
  const embedder = catalogPresent ? manifestEmbedder() : { name: "", version: 0 };

  beforeAll(async () => {
    // With the text encoder: the capsule asks the catalog by words.
    server = await readyServer(8802, { textModelDir: "api/text" });
    catalog = await loadCatalog(CATALOG_DIR);
  });
  afterAll(() => server?.close());

  it("checkCatalog reports the loaded catalog", async () => {
    const r = await checkCatalog(server.url);
    expect(r.catalog.products).toBe(catalog.manifest.count);
    expect(r.catalog.embedder).toEqual(embedder);
  });

  it("a catalog product's own vector finds it first, in its category, with an image URL that serves a PNG", async () => {
    const i = 7;
    const r = await searchSimilar(server.url, { embedding: catalogVector(catalog, i), embedder, k: 5 });
    const first = r.results[0]!;
    expect(first.score).toBeGreaterThan(0.99);
    const filtered = await searchSimilar(server.url, { embedding: catalogVector(catalog, i), embedder, k: 5, category: first.product.category });
    expect(filtered.results.every((h) => h.product.category === first.product.category)).toBe(true);
    expect(filtered.results[0]?.product.id).toBe(first.product.id);
    expect(first.product.imageUrl.startsWith(`${server.url}/v1/products/`)).toBe(true);
    // The images come from the dataset files; without them the server says so in /readyz.
    const img = await fetch(first.product.imageUrl);
    expect(img.status).toBe(datasetPresent ? 200 : 404);
    expect(img.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    if (datasetPresent) expect(img.headers.get("content-type")).toBe("image/png");
  });

  it("a batch answers each query in order", async () => {
    const r = await searchBatch(
      server.url,
      [0, 1, 2].map((i) => ({ embedding: catalogVector(catalog, i), embedder, k: 1 })),
    );
    expect(r.results).toHaveLength(3);
    for (const s of r.results) expect(s.results[0]?.score).toBeGreaterThan(0.99);
  });

  it("the capsule's searches by words: each answer in its category and colour, in order", async () => {
    const r = await searchTextBatch(server.url, [
      { text: "black boots", k: 5, category: "shoes", gender: "women" },
      { text: "navy shirt", k: 5, category: "top" },
    ]);
    expect(r.results).toHaveLength(2);
    const [boots, shirts] = r.results;
    expect(boots!.results.length).toBeGreaterThan(0);
    for (const h of boots!.results) expect([h.product.category, h.product.colour, h.product.gender === "men"]).toEqual(["shoes", "black", false]);
    expect(shirts!.results.length).toBeGreaterThan(0);
    for (const h of shirts!.results) expect([h.product.category, h.product.colour]).toEqual(["top", "navy"]);
    expect(boots!.understood.colour).toBe("black");
  });

  it("another embedder version is refused as an embedder mismatch", async () => {
    const e = await searchSimilar(server.url, { embedding: catalogVector(catalog, 0), embedder: { ...embedder, version: embedder.version + 1 } }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ShopError);
    expect((e as ShopError).code).toBe("embedder-mismatch");
    expect((e as ShopError).message).toMatch(/catalog was built for another model version/);
  });
});
