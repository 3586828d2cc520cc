// Catalog engine cold start (issue 14): the sharded Lance catalog (21 category × gender
// tables + the whole table, api/lance/catalog.ts) opened and asked its first filtered
// search, from a local folder and from an S3-protocol server (s3rver on localhost, through
// LanceDB's own object store, as a Lambda container reads `s3://`), alternating, each run
// a new connection. The same catalog is written to both first (the real 60,000 products by
// default; --scale N grows it as api/lance/rows.ts does). Prints median and p95 of the cold
// open + first search and of the next (warm) search, the S3 / local ratio, and the HTTP
// requests and bytes a cold start costs on the server. Asserts nothing.
//   node bench/catalog-cold.bench.mjs [--scale 60000] [--runs 9]
// Needs dist-api/ (npm run api:build).
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import S3rver from "s3rver";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({ options: { scale: { type: "string" }, runs: { type: "string", default: "9" } } });
if (!existsSync(join(root, "dist-api/lance-bench.mjs"))) throw new Error("build dist-api first: npm run api:build");
const L = await import(pathToFileURL(join(root, "dist-api/lance-bench.mjs")).href);
const catalog = await L.loadCatalog(process.env.CURATOR_CATALOG_DIR ?? join(root, "api/catalog"));
const n = Number(args.scale ?? catalog.manifest.count);
const RUNS = Math.max(3, Number(args.runs));
const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const name = n === catalog.manifest.count ? L.tableName(catalog.manifest.sha256) : `scaled_${n}_${catalog.manifest.sha256.slice(0, 16)}`;

// Queries: products of the catalog with their own category + gender as the filter (the app's search).
const first = L.productRows(catalog, 0, 64, 64).next().value;
const queries = Array.from({ length: 64 }, (_, i) => ({
  vector: first.vectors.slice(i * 128, (i + 1) * 128),
  filter: L.makeFilter(first.category[i], first.gender[i]),
}));

const work = mkdtempSync(join(tmpdir(), "curator-cold-"));
const server = new S3rver({ address: "127.0.0.1", port: 0, directory: join(work, "s3"), silent: true });
const { port } = await server.run();
const endpoint = `http://127.0.0.1:${port}`;
let requests = 0;
let bytesOut = 0;
server.httpServer.on("request", (req, res) => {
  requests++;
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = (chunk, ...rest) => ((bytesOut += chunk?.length ?? 0), write(chunk, ...rest));
  res.end = (chunk, ...rest) => ((bytesOut += typeof chunk === "function" ? 0 : (chunk?.length ?? 0)), end(chunk, ...rest));
});
const client = new S3Client({ endpoint, forcePathStyle: true, region: "us-east-1", credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
await client.send(new CreateBucketCommand({ Bucket: "catalog" }));
client.destroy();
// The S3 location as the server builds it from its environment (api/config.ts), pointed at s3rver.
const s3Env = {
  CURATOR_LANCE_URI: "s3://catalog/lance",
  CURATOR_LANCE_S3_ENDPOINT: endpoint,
  AWS_ACCESS_KEY_ID: "S3RVER",
  AWS_SECRET_ACCESS_KEY: "S3RVER",
  AWS_REGION: "us-east-1",
};
const places = { local: { uri: join(work, "lance") }, s3: L.engineFromEnv(s3Env, work).lance };

try {
  console.log(`catalog cold start: ${n.toLocaleString("en-US")} products, ${RUNS} runs each, local folder vs s3rver (${endpoint})`);
  for (const [where, loc] of Object.entries(places)) {
    const t0 = performance.now();
    await L.writeCatalog(loc, name, catalog, n, { whole: true });
    console.log(`  built on ${where}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const cold = { local: [], s3: [] };
  const warm = { local: [], s3: [] };
  const cost = [];
  for (let r = 0; r < RUNS; r++) {
    for (const [where, loc] of Object.entries(places)) {
      const query = queries[(r * 7) % queries.length];
      const [req0, bytes0] = [requests, bytesOut];
      const t0 = performance.now();
      const lance = await L.LanceCatalog.open(loc, name);
      await lance.search(query.vector, 10, query.filter);
      cold[where].push(performance.now() - t0);
      if (where === "s3") cost.push({ requests: requests - req0, bytes: bytesOut - bytes0 });
      const next = queries[(r * 7 + 3) % queries.length];
      const t1 = performance.now();
      await lance.search(next.vector, 10, next.filter);
      warm[where].push(performance.now() - t1);
      lance.close();
    }
  }
  const line = (label, xs) => `${label.padEnd(46)} median ${q(xs, 0.5).toFixed(0).padStart(6)} ms   p95 ${q(xs, 0.95).toFixed(0).padStart(6)} ms`;
  console.log(line("cold: open 22 tables + first search, local", cold.local));
  console.log(line("cold: open 22 tables + first search, s3rver", cold.s3));
  console.log(`ratio s3rver / local (median): ${(q(cold.s3, 0.5) / q(cold.local, 0.5)).toFixed(2)}`);
  console.log(line("next search (warm), local", warm.local));
  console.log(line("next search (warm), s3rver", warm.s3));
  const c = cost[Math.floor(cost.length / 2)];
  console.log(`s3rver per cold start (median run): ${c.requests} HTTP requests, ${(c.bytes / 1e6).toFixed(1)} MB sent`);
} finally {
  server.httpServer.closeAllConnections();
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
