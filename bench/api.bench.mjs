// Catalog-search API latency: exact vs IVF search in process, and the HTTP round trip
// of a single search vs a batch of 32 (per query) through the real Node server.
//   node bench/api.bench.mjs [--queries 200] [--batches 20]
// Queries are real: the first N garments of the committed Fashion-MNIST test subset,
// embedded by the champion embedder in onnxruntime-web. Uses dist-api/ (built first
// when missing: npm run api:build). CURATOR_CATALOG_DIR picks the catalog (default
// api/catalog); BENCH_API_PORT (default 4622) the server port. Prints median, p95 and
// the ratio against exact; no figure passes or fails anything.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({ options: { queries: { type: "string", default: "200" }, batches: { type: "string", default: "20" } } });
const N = Number(args.queries);
const BATCHES = Number(args.batches);
const CATALOG_DIR = resolve(process.env.CURATOR_CATALOG_DIR ?? join(root, "api/catalog"));
const PORT = Number(process.env.BENCH_API_PORT ?? 4622);

if (!existsSync(join(root, "dist-api/search.mjs"))) {
  console.log("api bench: building dist-api/ (npm run api:build)");
  const built = spawnSync("npx", ["vite", "build", "--config", "api/vite.config.ts"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) process.exit(1);
}
const lib = await import(pathToFileURL(join(root, "dist-api/search.mjs")).href);

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const fmt = (ms) => ms.toFixed(3).padStart(9);

async function embedQueries(n) {
  const ort = await import("onnxruntime-web");
  const registry = JSON.parse(readFileSync(join(root, "models/registry.json"), "utf8"));
  const m = registry.models.find((e) => e.name === "garment-embedder" && e.status === "champion");
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(new Uint8Array(readFileSync(join(root, "models", m.file))));
  const raw = readFileSync(join(root, "models/testdata/fmnist-test-2000.images.bin")).subarray(0, n * 784);
  const x = new ort.Tensor(
    "float32",
    Float32Array.from(raw, (v) => v / 255),
    [n, 1, 28, 28],
  );
  const y = (await session.run({ [session.inputNames[0]]: x }))[session.outputNames[0]].data;
  const labels = readFileSync(join(root, "models/testdata/fmnist-test-2000.labels.bin")).subarray(0, n);
  return {
    embedder: { name: m.name, version: m.version },
    labels,
    queries: Array.from({ length: n }, (_, i) => Float32Array.from(y.subarray(i * 128, (i + 1) * 128))),
  };
}

/** filter: one for all queries, or a function of the query's position (its own class). */
function timeSearch(index, queries, k, filter) {
  const f = (i) => (typeof filter === "function" ? filter(i) : filter);
  for (let i = 0; i < 10; i++) index.search(queries[i], k, f(i)); // warm-up (JIT)
  return queries.map((q, i) => {
    const filterOf = f(i);
    const t = performance.now();
    index.search(q, k, filterOf);
    return performance.now() - t;
  });
}

function recall(exact, index, queries, k, filter) {
  if (typeof filter !== "function") return lib.recallAtK(exact, index, queries, k, filter);
  return queries.reduce((sum, q, i) => sum + lib.recallAtK(exact, index, [q], k, filter(i)), 0) / queries.length;
}

console.log(`api bench: catalog ${CATALOG_DIR}, ${N} real test-split queries`);
console.log(
  `machine load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")} (1/5/15 min) — timings scale with it`,
);
const { embedder, labels, queries } = await embedQueries(N);
const classes = JSON.parse(readFileSync(join(root, "models/labels.json"), "utf8")).classes;
let t = performance.now();
const catalog = await lib.loadCatalog(CATALOG_DIR);
const data = lib.indexData(catalog);
const loadMs = performance.now() - t;
t = performance.now();
const ivf = lib.buildIndex("ivf", data);
const ivfBuildMs = performance.now() - t;
const exact = lib.buildIndex("exact", data);
console.log(
  `catalog: ${catalog.manifest.count} products, load + verify + facets ${loadMs.toFixed(0)} ms; IVF build (${ivf.lists} lists, k-means) ${ivfBuildMs.toFixed(0)} ms`,
);

console.log("\nin-process search, k = 12 (ms per query)");
console.log("index              filter         median       p95   speed-up vs exact   recall@10");
const shoes = lib.makeFilter("shoes", "women");
// "own category": the app's usual query (its garment's category); "shoes+women" applied
// to every garment is mostly far from the query, where IVF falls back to an exact scan.
const ownCategory = (i) => lib.makeFilter(classes[labels[i]].category, "women");
for (const [label, filter] of [
  ["none", lib.ANY],
  ["own cat+women", ownCategory],
  ["shoes+women", shoes],
]) {
  const exactTimes = timeSearch(exact, queries, 12, filter);
  const base = quantile(exactTimes, 0.5);
  for (const [name, index] of [["exact", exact], ...[4, 8, 16, 32].map((p) => [`ivf nprobe ${p}`, ivf.withNprobe(p)])]) {
    const times = index === exact ? exactTimes : timeSearch(index, queries, 12, filter);
    const med = quantile(times, 0.5);
    const r = name === "exact" ? 1 : recall(exact, index, queries, 10, filter);
    console.log(
      `${name.padEnd(17)}  ${label.padEnd(13)} ${fmt(med)} ${fmt(quantile(times, 0.95))}   ${(base / med).toFixed(2).padStart(9)}x        ${r.toFixed(3)}`,
    );
  }
}

async function httpRun(mode) {
  const child = spawn(process.execPath, [join(root, "dist-api/node.mjs")], {
    cwd: root,
    env: { ...process.env, CURATOR_CATALOG_DIR: CATALOG_DIR, CURATOR_API_PORT: String(PORT), CURATOR_INDEX: mode },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    const started = performance.now();
    for (;;) {
      const ok = await fetch(`${base}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (performance.now() - started > 120_000) throw new Error("server not ready after 120 s");
      await new Promise((r) => setTimeout(r, 50));
    }
    const readyMs = performance.now() - started;
    const body = (q) => ({ embedding: Array.from(q), embedder, k: 12 });
    const post = (path, payload) =>
      fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) }).then((r) => r.json());
    for (const q of queries.slice(0, 10)) await post("/v1/search", body(q));
    const single = [];
    for (const q of queries) {
      const s = performance.now();
      await post("/v1/search", body(q));
      single.push(performance.now() - s);
    }
    const batch = [];
    for (let b = 0; b < BATCHES; b++) {
      const qs = Array.from({ length: 32 }, (_, j) => body(queries[(b * 32 + j) % queries.length]));
      const s = performance.now();
      await post("/v1/search/batch", { queries: qs });
      batch.push((performance.now() - s) / 32);
    }
    return { readyMs, single, batch };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

console.log("\nHTTP round trip on 127.0.0.1 (Node adapter, k = 12), ms per query");
console.log("index   start->ready   single median   single p95   batch/32 median   batch/32 p95   batch gain");
for (const mode of ["exact", "ivf"]) {
  const r = await httpRun(mode);
  const sm = quantile(r.single, 0.5);
  const bm = quantile(r.batch, 0.5);
  console.log(
    `${mode.padEnd(6)} ${r.readyMs.toFixed(0).padStart(10)} ms ${fmt(sm)}      ${fmt(quantile(r.single, 0.95))}   ${fmt(bm)}        ${fmt(quantile(r.batch, 0.95))}     ${(sm / bm).toFixed(1)}x`,
  );
}
