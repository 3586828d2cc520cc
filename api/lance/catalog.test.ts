// The sharded Lance catalog (one table per category × gender) against the in-memory exact
// index over the whole, unsharded catalog (its first products): routing (each product in
// its own shard, a filter searching exactly the shards it admits) and merging (the global
// top k in order, ties by lower id) must both be right for the answers to be equal.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_CATEGORIES, API_COLOURS, API_GENDERS } from "../contract";
import { loadCatalog, type Catalog } from "../catalog/load";
import { ExactIndex, indexData, makeFilter, normalise, type IndexData } from "../search/index";
import { CatalogService } from "../service";
import { CATALOG_DIR, catalogPresent, DATASET_DIR } from "../testkit";
import { LanceCatalog, mergeTopK, SHARDS, shardLabel, shardsFor, WHOLE_MIN_REFINE, writeCatalog, type ShardBuildReport } from "./catalog";
import { productRows } from "./rows";
import { DEFAULT_TUNING, LanceCatalogTable, tableName, writeTable } from "./table";

const N = 4000;

function head(c: Catalog, n: number): Catalog {
  return {
    manifest: { ...c.manifest, count: n },
    vectors: c.vectors.subarray(0, n * 128),
    scales: c.scales.subarray(0, n),
    centroids: c.centroids,
    labels: c.labels.subarray(0, n),
  };
}

const labels = (f: ReturnType<typeof makeFilter>) => shardsFor(f).map(shardLabel);

describe("shard routing of a filter", () => {
  it("searches the filter's category with the genders it admits (women and men include unisex)", () => {
    expect(labels(makeFilter("top", "women"))).toEqual(["top_women", "top_unisex"]);
    expect(labels(makeFilter("shoes", "men"))).toEqual(["shoes_men", "shoes_unisex"]);
    expect(labels(makeFilter("bag", "unisex"))).toEqual(["bag_unisex"]);
    expect(labels(makeFilter("dress"))).toEqual(["dress_women", "dress_men", "dress_unisex"]);
    // No category: every category, fanned out.
    expect(labels(makeFilter(undefined, "unisex"))).toEqual(API_CATEGORIES.map((c) => `${c}_unisex`));
    expect(labels(makeFilter())).toHaveLength(API_CATEGORIES.length * API_GENDERS.length);
    // Colour and pattern do not choose shards: they filter inside one.
    expect(labels(makeFilter("top", "women", "red", "striped"))).toEqual(["top_women", "top_unisex"]);
  });

  it("merges best-first lists into the global top k, equal scores by lower id", () => {
    const a = [
      { index: 9, score: 0.9 },
      { index: 4, score: 0.5 },
    ];
    const b = [
      { index: 3, score: 0.7 },
      { index: 2, score: 0.5 },
      { index: 1, score: 0.1 },
    ];
    expect(mergeTopK([a, b], 4).map((h) => h.index)).toEqual([9, 3, 2, 4]);
    expect(mergeTopK([[], b], 10).map((h) => h.index)).toEqual([3, 2, 1]);
  });
});

/** The endpoint's catalog service reading the Lance tables at `uri`, once it is ready or has failed, and what it logged. */
async function lanceService(uri: string): Promise<{ service: CatalogService; logged: string[] }> {
  const logged: string[] = [];
  const service = new CatalogService({
    catalogDir: CATALOG_DIR,
    datasetDir: DATASET_DIR,
    index: "exact",
    engine: "lance",
    lance: { uri },
    logError: (l) => logged.push(l),
  });
  await service.ready;
  return { service, logged };
}

describe.skipIf(!catalogPresent)("Lance catalog sharded by category x gender", () => {
  let dir: string;
  let catalog: Catalog;
  let data: IndexData;
  let exact: ExactIndex;
  let flat: LanceCatalog;
  let indexed: LanceCatalog;
  const queries: Float32Array[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "curator-lance-shards-"));
    catalog = head(await loadCatalog(CATALOG_DIR), N);
    data = indexData(catalog);
    exact = new ExactIndex(data);
    // No vector index anywhere (these shards are all under 5,000 rows): brute force per shard.
    await writeCatalog({ uri: dir }, "flat", catalog, N, { batch: 700 });
    flat = await LanceCatalog.open({ uri: dir }, "flat");
    // A vector index on every shard of 300 rows or more, probed in full: the indexed path must answer exactly too.
    await writeCatalog({ uri: dir }, "ivf", catalog, N, { index: (n) => (n >= 300 ? { kind: "ivf_flat", partitions: 4 } : { kind: "none", partitions: 1 }) });
    indexed = await LanceCatalog.open({ uri: dir }, "ivf", { nprobes: 4, refineFactor: 1, ef: 64 });
    // Queries: stored vectors of products spread over the catalog, nudged off themselves.
    for (let q = 0; q < 12; q++) {
      const rows = [...productRows(catalog, q * 331, q * 331 + 1)][0]!;
      queries.push(normalise(rows.vectors.map((x, j) => x + (j % 7 === q % 7 ? 0.05 : 0)))!);
    }
  }, 300_000);

  afterAll(async () => {
    flat?.close();
    indexed?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("puts every product in the shard of its category and gender, and nothing else there", async () => {
    expect(flat.rows).toBe(N);
    expect(indexed.indexed).toBe(true);
    for (const s of SHARDS) {
      expect(flat.rowsOf(s), shardLabel(s)).toBe(data.facets.counts[s.category * 3 + s.gender]);
      // The shard's rows, counted through the category + gender filter, are all of them.
      const only = { category: s.category, genders: 1 << s.gender, colour: -1, pattern: -1 };
      expect(await flat.count(only)).toBe(flat.rowsOf(s));
    }
    const red = makeFilter(undefined, undefined, "red");
    let reds = 0;
    for (let i = 0; i < N; i++) if (data.facets.colour[i] === API_COLOURS.indexOf("red")) reds++;
    expect(await flat.count(red)).toBe(reds);
  });

  const FILTERS = [
    ["no filter (all shards)", makeFilter()],
    ["one category, one gender (2 shards)", makeFilter("top", "women")],
    ["one category, any gender (3 shards)", makeFilter("shoes")],
    ["one gender, any category (14 shards)", makeFilter(undefined, "men")],
    ["colour inside the shards", makeFilter("top", undefined, "navy")],
    ["unisex + pattern across categories", makeFilter(undefined, "unisex", undefined, "checked")],
  ] as const;

  for (const [what, f] of FILTERS)
    it(`answers as exact search over the unsharded catalog: ${what}`, async () => {
      for (const q of queries) {
        const want = exact.search(q, 10, f);
        expect(want.length).toBe(10);
        for (const got of [await flat.search(q, 10, f), await indexed.search(q, 10, f), await indexed.search(q, 10, f, { exact: true })]) {
          expect(got.map((h) => h.index)).toEqual(want.map((h) => h.index));
          got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i]!.score, 2));
        }
      }
    });

  it("a filter spanning shards merges their best: deep down the list, as one unsharded table answers, mixing shards in score order", async () => {
    // The same rows in one table, brute force: the same float distances as the shards compute (the int8 index differs in near-ties 50 deep).
    await writeTable({ uri: dir }, "whole", productRows(catalog, 0, N), { kind: "none", partitions: 1 });
    const whole = await LanceCatalogTable.open({ uri: dir }, "whole");
    const f = makeFilter(undefined, "women");
    const mixed = new Set<number>();
    for (const q of queries) {
      const got = await flat.search(q, 50, f);
      expect(got).toEqual(await whole.search(q, 50, f, { exact: true }));
      for (let i = 1; i < got.length; i++) expect(got[i - 1]!.score).toBeGreaterThanOrEqual(got[i]!.score);
      for (const h of got) mixed.add(data.facets.category[h.index]! * 3 + data.facets.gender[h.index]!);
    }
    expect(mixed.size).toBeGreaterThan(2);
    whole.close();
  });

  it("a filter no product passes gives no hits (empty shards, or none left inside them)", async () => {
    for (const f of [makeFilter("accessory"), makeFilter("dress", "men"), makeFilter("dress", "unisex")]) {
      expect(exact.search(queries[0]!, 10, f)).toEqual([]);
      expect(await flat.search(queries[0]!, 10, f)).toEqual([]);
      expect(await indexed.search(queries[0]!, 10, f)).toEqual([]);
    }
  });

  it("a rare filter still fills k hits, all passing it", async () => {
    const rare = makeFilter("bag", "unisex", "purple");
    const pool = await flat.count(rare);
    expect(pool).toBeGreaterThan(0);
    const k = Math.min(10, pool);
    for (const table of [flat, indexed]) {
      const hits = await table.search(queries[0]!, k, rare);
      expect(hits).toHaveLength(k);
      expect(hits.map((h) => h.index)).toEqual(exact.search(queries[0]!, k, rare).map((h) => h.index));
      for (const h of hits) {
        expect(API_CATEGORIES[data.facets.category[h.index]!]).toBe("bag");
        expect(API_GENDERS[data.facets.gender[h.index]!]).toBe("unisex");
        expect(API_COLOURS[data.facets.colour[h.index]!]).toBe("purple");
      }
    }
  });

  it("an interrupted build resumes shard by shard: kept rows, the rest appended, complete shards skipped", async () => {
    // The first 1,500 products, as a build stopped there would have left each shard: a prefix of its rows.
    await writeCatalog({ uri: dir }, "resumed", catalog, 1500);
    const reports: ShardBuildReport[] = await writeCatalog({ uri: dir }, "resumed", catalog, N);
    const kept = reports.filter((r) => r.kept > 0);
    expect(kept.length).toBeGreaterThan(5);
    const resumed = await LanceCatalog.open({ uri: dir }, "resumed");
    try {
      for (const s of SHARDS) expect(resumed.rowsOf(s)).toBe(flat.rowsOf(s));
      for (const [, f] of FILTERS) for (const q of queries.slice(0, 3)) expect(await resumed.search(q, 10, f)).toEqual(await flat.search(q, 10, f));
    } finally {
      resumed.close();
    }
    const again = await writeCatalog({ uri: dir }, "resumed", catalog, N);
    expect(again.every((r) => r.skipped)).toBe(true);
  });

  it("with the whole table beside the shards, searches without a category read it, the others their shards, all answering exactly", async () => {
    await writeCatalog({ uri: dir }, "both", catalog, N, {
      whole: true,
      index: (n) => (n >= 300 ? { kind: "ivf_flat", partitions: 4 } : { kind: "none", partitions: 1 }),
    });
    const both = await LanceCatalog.open({ uri: dir }, "both", { nprobes: 4, refineFactor: 1, ef: 64 });
    const fanOut = await LanceCatalog.open({ uri: dir }, "both", DEFAULT_TUNING, { whole: false });
    try {
      expect(both.whole?.rows).toBe(N);
      // The whole table refines deeper than the shards (measured at 1 M: WHOLE_MIN_REFINE).
      expect(both.whole?.tuning.refineFactor).toBe(WHOLE_MIN_REFINE);
      expect(both.plan(makeFilter("top")).tables.map((t) => t.tuning.refineFactor)).toEqual([1, 1, 1]);
      expect(flat.whole).toBeNull();
      const names = (c: LanceCatalog, f: ReturnType<typeof makeFilter>) => c.plan(f).tables.map((t) => t.table.name);
      expect(names(both, makeFilter())).toEqual(["both"]);
      expect(names(both, makeFilter(undefined, "men", "red"))).toEqual(["both"]);
      expect(names(both, makeFilter("top", "women"))).toEqual(["both__top_women", "both__top_unisex"]);
      expect(names(fanOut, makeFilter(undefined, "unisex"))).toEqual(
        API_CATEGORIES.filter((c) => c !== "dress" && c !== "accessory").map((c) => `both__${c}_unisex`),
      );
      for (const [, f] of FILTERS)
        for (const q of queries.slice(0, 4)) {
          const want = exact.search(q, 10, f).map((h) => h.index);
          expect((await both.search(q, 10, f)).map((h) => h.index)).toEqual(want);
          expect(await both.count(f)).toBe(await flat.count(f));
        }
    } finally {
      both.close();
      fanOut.close();
    }
  });

  it("the service refuses a catalog whose shards do not hold the catalog's products, naming the shard", async () => {
    const full = await loadCatalog(CATALOG_DIR);
    // The real catalog's own table name, but built from its first N products only.
    await writeCatalog({ uri: dir }, tableName(full.manifest.sha256), catalog, N);
    const { service, logged } = await lanceService(dir);
    expect(service.state.status).toBe("failed");
    expect(logged.join("\n")).toMatch(/shard top_women holds \d+ rows, the catalog \d+/);
    const reason = service.state.status === "failed" ? service.state.reason : "";
    expect(reason).toMatch(/Lance table/);
    expect(reason).not.toContain(dir);
    await service.close();
  });

  it("the service serves the real catalog from its shards, and refuses a whole table that does not match it", async () => {
    const full = await loadCatalog(CATALOG_DIR);
    const own = await mkdtemp(join(tmpdir(), "curator-lance-service-"));
    const serve = () => lanceService(own);
    try {
      // Shards only, brute force (no index to build): ready, answering as exact search over the whole catalog.
      await writeCatalog({ uri: own }, tableName(full.manifest.sha256), full, full.manifest.count, { index: () => ({ kind: "none", partitions: 1 }) });
      const ok = await serve();
      expect(ok.service.state.status).toBe("ready");
      if (ok.service.state.status === "ready") {
        const f = makeFilter("top", "women");
        const [res] = await ok.service.state.searcher.search([{ query: queries[0]!, k: 5, filter: f }]);
        expect(res!.hits.map((h) => h.index)).toEqual(new ExactIndex(indexData(full)).search(queries[0]!, 5, f).map((h) => h.index));
      }
      await ok.service.close();
      // A whole table of another size beside them: refused, said in words.
      await writeTable({ uri: own }, tableName(full.manifest.sha256), productRows(catalog, 0, N), { kind: "none", partitions: 1 });
      const bad = await serve();
      expect(bad.service.state.status).toBe("failed");
      expect(bad.logged.join("\n")).toMatch(/the whole catalog, for searches without a category\) holds 4000 rows/);
      await bad.service.close();
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  }, 300_000);
});
