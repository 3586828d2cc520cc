// One Lance table (the unit the sharded catalog is made of, catalog.ts) against the
// in-memory exact index on the real catalog (its first products): the same top hits with
// and without filters, filters applied before the top-k, the sharded catalog on a real
// S3-protocol server (s3rver, through LanceDB's own object store) answering as local, and
// the service refusing a missing table.
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineFromEnv } from "../config";
import { API_COLOURS } from "../contract";
import { loadCatalog, type Catalog } from "../catalog/load";
import { productLook } from "../catalog/products";
import { ExactIndex, indexData, makeFilter, normalise, type IndexData } from "../search/index";
import { CatalogService } from "../service";
import { CATALOG_DIR, catalogPresent, DATASET_DIR } from "../testkit";
import { LanceCatalog, writeCatalog } from "./catalog";
import { productRows } from "./rows";
import { LanceSearcher } from "./searcher";
import { LanceCatalogTable, whereClause, writeTable, type LanceLocation } from "./table";

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

describe("whereClause", () => {
  it("writes the contract's filters as Lance SQL, quoting values", () => {
    expect(whereClause(makeFilter())).toBeNull();
    expect(whereClause(makeFilter("shoes", "women"))).toBe("category = 'shoes' AND gender IN ('women', 'unisex')");
    expect(whereClause(makeFilter(undefined, "unisex", "red", "striped"))).toBe("gender = 'unisex' AND colour = 'red' AND pattern = 'striped'");
  });
});

describe.skipIf(!catalogPresent)("Lance catalog table", () => {
  let dir: string;
  let catalog: Catalog;
  let data: IndexData;
  let exact: ExactIndex;
  let table: LanceCatalogTable;
  const queries: Float32Array[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "curator-lance-"));
    catalog = head(await loadCatalog(CATALOG_DIR), N);
    data = indexData(catalog);
    exact = new ExactIndex(data);
    await writeTable({ uri: dir }, "t", productRows(catalog, 0, N, 1500), { kind: "ivf_flat", partitions: 16 });
    table = await LanceCatalogTable.open({ uri: dir }, "t", { nprobes: 16, refineFactor: 1, ef: 64 });
    // Queries: stored vectors of products spread over the catalog, nudged off themselves.
    for (let q = 0; q < 12; q++) {
      const rows = [...productRows(catalog, q * 331, q * 331 + 1)][0]!;
      queries.push(normalise(rows.vectors.map((x, j) => x + (j % 7 === q % 7 ? 0.05 : 0)))!);
    }
  }, 300_000);

  afterAll(async () => {
    table?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("holds every product with its attributes", async () => {
    expect(table.rows).toBe(N);
    expect(table.indexed).toBe(true);
    const red = makeFilter(undefined, undefined, "red");
    let reds = 0;
    for (let i = 0; i < N; i++) if (productLook("train", i, catalog.labels[i]!).colour === "red") reds++;
    expect(await table.count(red)).toBe(reds);
  });

  it("answers as the exact in-memory index does (probing every list), with and without filters", async () => {
    const filters = [makeFilter(), makeFilter("shoes", "women"), makeFilter("top", undefined, "navy"), makeFilter(undefined, "men", undefined, "checked")];
    for (const f of filters) {
      for (const q of queries) {
        const want = exact.search(q, 10, f);
        const got = await table.search(q, 10, f);
        expect(got.map((h) => h.index)).toEqual(want.map((h) => h.index));
        got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i]!.score, 2));
      }
    }
  });

  it("applies the filter before the top-k: a rare filter still fills k hits, all passing it", async () => {
    const rare = makeFilter("bag", "unisex", "purple");
    const pool = (await table.count(rare)) as number;
    expect(pool).toBeGreaterThan(0);
    const hits = await table.search(queries[0]!, Math.min(10, pool), rare);
    expect(hits).toHaveLength(Math.min(10, pool));
    for (const h of hits) {
      expect(data.facets.category[h.index]).toBe(rare.category);
      expect(API_COLOURS[data.facets.colour[h.index]!]).toBe("purple");
    }
  });

  it("serves the handler's searches through LanceSearcher, query by query", async () => {
    const s = new LanceSearcher(table);
    const res = await s.search(queries.slice(0, 3).map((q) => ({ query: q, k: 5, filter: makeFilter() })));
    expect(res).toHaveLength(3);
    res.forEach((r, i) => expect(r.hits.map((h) => h.index)).toEqual(exact.search(queries[i]!, 5, makeFilter()).map((h) => h.index)));
  });

  it("the service refuses to serve without the catalog's own table, and says so without a path", async () => {
    const service = new CatalogService({
      catalogDir: CATALOG_DIR,
      datasetDir: DATASET_DIR,
      index: "exact",
      engine: "lance",
      lance: { uri: dir },
      logError: () => undefined,
    });
    await service.ready;
    expect(service.state.status).toBe("failed");
    const reason = service.state.status === "failed" ? service.state.reason : "";
    expect(reason).toMatch(/Lance table/);
    expect(reason).not.toContain(dir);
  });

  describe("on an S3-protocol server (s3rver)", () => {
    let server: S3rver;
    let s3dir: string;
    let loc: LanceLocation;

    beforeAll(async () => {
      s3dir = await mkdtemp(join(tmpdir(), "curator-lance-s3-"));
      server = new S3rver({ address: "127.0.0.1", port: 0, directory: s3dir, silent: true });
      const { port } = await server.run();
      const endpoint = `http://127.0.0.1:${port}`;
      const client = new S3Client({ endpoint, forcePathStyle: true, region: "us-east-1", credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
      await client.send(new CreateBucketCommand({ Bucket: "catalog" }));
      client.destroy();
      // The location as the server builds it from its environment (api/config.ts), pointed at s3rver.
      const { lance } = engineFromEnv(
        {
          CURATOR_LANCE_URI: "s3://catalog/lance",
          CURATOR_LANCE_S3_ENDPOINT: endpoint,
          AWS_ACCESS_KEY_ID: "S3RVER",
          AWS_SECRET_ACCESS_KEY: "S3RVER",
          AWS_REGION: "us-east-1",
        },
        s3dir,
      );
      loc = lance!;
      await writeCatalog(loc, "t", head(catalog, 1000), 1000, { batch: 500 });
    }, 300_000);

    afterAll(async () => {
      // LanceDB's object store (Rust, in this process) keeps idle keep-alive connections
      // open, and close() waits for every connection to end: drop them first.
      server?.httpServer?.closeAllConnections();
      await server?.close();
      await rm(s3dir, { recursive: true, force: true });
    }, 30_000);

    it("writes and reads the sharded catalog through LanceDB's object store, answering as local", async () => {
      const remote = await LanceCatalog.open(loc, "t");
      try {
        expect(remote.rows).toBe(1000);
        const small = new ExactIndex(indexData(head(catalog, 1000)));
        for (const q of queries.slice(0, 4)) {
          for (const f of [makeFilter("shoes"), makeFilter(undefined, "women"), makeFilter("top", "men", "black")]) {
            expect((await remote.search(q, 8, f)).map((h) => h.index)).toEqual(small.search(q, 8, f).map((h) => h.index));
          }
        }
      } finally {
        remote.close();
      }
    });
  });
});
