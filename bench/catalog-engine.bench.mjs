// Catalog engine at scale: LanceDB (the catalog of record) vs the in-memory index (the
// baseline and small-catalog fast path), in the same process, on the real catalog grown
// to each size (api/lance/rows.ts: deterministic variants of real embeddings).
//   node bench/catalog-engine.bench.mjs [--sizes 1000000,10000000] [--queries 100] [--uri DIR]
// Per size: build time (resumable: a rerun keeps the rows written), disk size, resident
// memory; then, with and without a category + gender filter, recall@10 against exact
// search (Lance with its index bypassed) and latency p50/p99 and QPS at 1 and 2 queries
// in flight; cold start (open + first query) from the folder. Prints; asserts nothing.
// Needs dist-api/ (npm run api:build).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000000,10000000" },
    queries: { type: "string", default: "100" },
    uri: { type: "string", default: join(root, "bench/results/lance") },
  },
});
if (!existsSync(join(root, "dist-api/lance-bench.mjs"))) throw new Error("build dist-api first: npm run api:build");
const L = await import(pathToFileURL(join(root, "dist-api/lance-bench.mjs")).href);
const M = await import(pathToFileURL(join(root, "dist-api/search.mjs")).href);
const catalog = await L.loadCatalog(process.env.CURATOR_CATALOG_DIR ?? join(root, "api/catalog"));
const Q = Number(args.queries);
const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const mb = (b) => (b / 1e6).toFixed(0);

// Queries: real products' vectors, nudged off themselves (so none is its own exact hit).
const queries = [];
for (const b of L.productRows(catalog, 0, catalog.manifest.count, 4096)) {
  for (let k = 0; k < b.category.length && queries.length < Q; k += 97) {
    const v = b.vectors.slice(k * 128, (k + 1) * 128).map((x, j) => x + (j % 5 === queries.length % 5 ? 0.03 : 0));
    queries.push(M.normalise(v));
  }
  if (queries.length >= Q) break;
}
const FILTERS = { none: M.makeFilter(), "shoes + women": M.makeFilter("shoes", "women") };

async function timed(fn, inflight) {
  const lat = [];
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: inflight }, async () => {
      while (next < queries.length) {
        const i = next++;
        const t = performance.now();
        await fn(queries[i]);
        lat.push(performance.now() - t);
      }
    }),
  );
  return { p50: q(lat, 0.5), p99: q(lat, 0.99), qps: (queries.length / (performance.now() - started)) * 1000 };
}

for (const n of args.sizes.split(",").map(Number)) {
  const name = n === catalog.manifest.count ? L.tableName(catalog.manifest.sha256) : `scaled_${n}_${catalog.manifest.sha256.slice(0, 16)}`;
  const uri = args.uri;
  console.log(`\n== ${n.toLocaleString("en-US")} products (${name} at ${uri}) ==`);
  const db = await L.connect({ uri });
  const t0 = performance.now();
  let built = false;
  if (!(await db.tableNames()).includes(name) || (await (await db.openTable(name)).countRows()) !== n) {
    const rep = await L.writeTable({ uri }, name, L.productRows(catalog, 0, n), L.defaultVectorIndex(n));
    console.log(
      `build: write ${(rep.writeMs / 1000).toFixed(1)} s, vector index ${(rep.vectorIndexMs / 1000).toFixed(1)} s, bitmap ${(rep.scalarIndexMs / 1000).toFixed(1)} s`,
    );
    built = true;
  }
  if (!built) console.log(`build: table already there (${((performance.now() - t0) / 1000).toFixed(1)} s to check)`);
  console.log(`disk: ${execFileSync("du", ["-sh", join(uri, `${name}.lance`)], { encoding: "utf8" }).split("\t")[0]}`);
  const c0 = performance.now();
  const table = await L.LanceCatalogTable.open({ uri }, name);
  await table.search(queries[0], 10, FILTERS.none);
  console.log(`cold start (open + first query, local folder): ${(performance.now() - c0).toFixed(0)} ms; rss ${mb(process.memoryUsage().rss)} MB`);
  // The in-memory baseline over the same rows (exact; IVF as well where its k-means is affordable).
  const rows = [...L.productRows(catalog, 0, n, 65536)];
  const mem = n <= 2_000_000 ? memoryIndex(rows, n) : null;
  for (const [fname, f] of Object.entries(FILTERS)) {
    let lanceP50 = 0;
    const exact = [];
    for (const v of queries) exact.push(new Set((await table.search(v, 10, f, { exact: true })).map((h) => h.index)));
    for (const tuning of [
      { nprobes: 8, refineFactor: 4 },
      { nprobes: 16, refineFactor: 4 },
      { nprobes: 16, refineFactor: 10 },
      { nprobes: 32, refineFactor: 20 },
      { nprobes: 32, refineFactor: 50 },
    ]) {
      let rec = 0;
      for (let i = 0; i < queries.length; i++)
        rec += (await table.search(queries[i], 10, f, { tuning })).filter((h) => exact[i].has(h.index)).length / Math.max(1, exact[i].size);
      const one = await timed((v) => table.search(v, 10, f, { tuning }), 1);
      const two = await timed((v) => table.search(v, 10, f, { tuning }), 2);
      lanceP50 ||= one.p50;
      console.log(
        `lance ${fname.padEnd(13)} nprobes ${tuning.nprobes} refine ${tuning.refineFactor} ef ${Math.max(L.DEFAULT_TUNING.ef, 10 * tuning.refineFactor)}: recall@10 ${(rec / queries.length).toFixed(3)}  p50 ${one.p50.toFixed(2)} p99 ${one.p99.toFixed(2)} ms  QPS ${one.qps.toFixed(0)} (1 in flight) / ${two.qps.toFixed(0)} (2)`,
      );
    }
    const ex = await timed((v) => table.search(v, 10, f, { exact: true }), 1);
    console.log(`lance ${fname.padEnd(13)} exact (index bypassed): p50 ${ex.p50.toFixed(2)} p99 ${ex.p99.toFixed(2)} ms`);
    if (mem) {
      const m = await timed((v) => Promise.resolve(mem.search(v, 10, f)), 1);
      console.log(
        `memory ${fname.padEnd(12)} exact int8 (baseline): p50 ${m.p50.toFixed(2)} p99 ${m.p99.toFixed(2)} ms  → lance/memory p50 ratio ${(lanceP50 / m.p50).toFixed(2)} (nprobes 8)}`,
      );
    }
  }
  table.close();
  console.log(`rss after: ${mb(process.memoryUsage().rss)} MB`);
}

function memoryIndex(rows, n) {
  // Plain int8 of the unit vectors (format 1) — the in-memory engine's own storage.
  const vectors = new Int8Array(n * 128);
  const labels = new Uint8Array(n);
  for (const b of rows)
    for (let k = 0; k < b.category.length; k++) for (let j = 0; j < 128; j++) vectors[(b.start + k) * 128 + j] = Math.round(b.vectors[k * 128 + j] * 127);
  for (let i = 0; i < n; i++) labels[i] = catalog.labels[i % catalog.manifest.count];
  const data = M.indexData({
    manifest: { ...catalog.manifest, count: n },
    vectors,
    scales: new Float32Array(n).fill(1 / 127),
    centroids: new Float32Array(10 * 128),
    labels,
  });
  return new M.ExactIndex(data);
}
