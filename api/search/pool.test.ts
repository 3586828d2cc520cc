// The worker pool gives the very answers the in-process index gives (exact, and IVF
// built once in a worker and shared), spreads a batch over its workers, and replaces a
// worker that dies: its query fails, the next ones are answered.
import type { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_CATEGORIES, API_GENDERS } from "../contract";
import { loadCatalog } from "../catalog/load";
import { CATALOG_DIR, catalogPresent, testSearchWorker } from "../testkit";
import { buildFacets } from "./facets";
import { buildIndex, indexData, makeFilter, normalise, type IndexData } from "./index";
import { SearchPool } from "./pool";
import type { SearchJob } from "./searcher";
import { shareIndexData } from "./shared";

/** The first n products of the catalog (an IVF over 6,000 builds in a fraction of the full one's time). */
function head(d: IndexData, n: number): IndexData {
  const labels = d.labels.slice(0, n);
  return {
    count: n,
    vectors: d.vectors.slice(0, n * 128),
    scales: d.scales.slice(0, n),
    centroids: d.centroids,
    labels,
    invNorm: d.invNorm.slice(0, n),
    facets: buildFacets("train", labels),
  };
}

function jobs(n: number): SearchJob[] {
  return Array.from({ length: n }, (_, q) => ({
    query: normalise(Array.from({ length: 128 }, (_, i) => Math.sin(q * 3.7 + i * 0.91)))!,
    k: 1 + (q % 20),
    filter: q % 3 === 0 ? makeFilter() : makeFilter(API_CATEGORIES[q % API_CATEGORIES.length], API_GENDERS[q % API_GENDERS.length]),
  }));
}

describe.skipIf(!catalogPresent)("search worker pool", () => {
  let data: IndexData;
  const pools: SearchPool[] = [];
  beforeAll(async () => {
    data = shareIndexData(head(indexData(await loadCatalog(CATALOG_DIR)), 6000));
  });
  afterAll(() => Promise.all(pools.map((p) => p.close())));

  const start = async (kind: "exact" | "ivf", threads: number, logError?: (l: string) => void) => {
    const pool = await SearchPool.start({ data, kind, threads, workerUrl: await testSearchWorker(), ...(logError ? { logError } : {}) });
    pools.push(pool);
    return pool;
  };

  for (const kind of ["exact", "ivf"] as const) {
    it(`answers a batch exactly as the ${kind} index does in process`, async () => {
      const pool = await start(kind, 2);
      const inline = buildIndex(kind, data);
      const batch = jobs(40);
      const answers = await pool.search(batch);
      expect(answers).toHaveLength(batch.length);
      answers.forEach((a, i) => {
        expect(a.hits, `query ${i}`).toEqual(inline.search(batch[i]!.query, batch[i]!.k, batch[i]!.filter));
        expect(a.ms).toBeGreaterThanOrEqual(0);
      });
    });
  }

  it("replaces a worker that dies; its query fails, later ones are answered", async () => {
    const logged: string[] = [];
    const pool = await start("exact", 1, (l) => logged.push(l));
    const [worker] = (pool as unknown as { slots: { worker: Worker }[] }).slots.map((s) => s.worker);
    const inFlight = pool.search(jobs(4));
    await worker!.terminate();
    await expect(inFlight).rejects.toThrow(/search worker stopped/);
    const again = await pool.search(jobs(3));
    expect(again).toHaveLength(3);
    expect(pool.crashes).toBe(1);
    expect(logged.join("\n")).toMatch(/search worker exited/);
  });

  it("refuses work once closed", async () => {
    const pool = await start("exact", 1);
    await pool.close();
    await expect(pool.search(jobs(1))).rejects.toThrow(/closed/);
  });
});
