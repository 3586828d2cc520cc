// The catalog endpoint under abuse, on localhost: 64 clients (each from its own loopback
// address, 127.0.0.2 ... 127.0.0.65, so each has its own rate-limit bucket) send batches
// of 32 queries back to back, without waiting between requests or after a refusal, while
// a probe polls /healthz on a fresh connection every 20 ms and slow clients trickle
// request bodies at one byte per second.
//   node bench/api-abuse.bench.mjs [--seconds 20] [--clients 64] [--slow 4]
// Phases, each on a fresh server (dist-api/node.mjs, built first when missing):
//   idle        no load: the baseline the other phases' /healthz figures are divided by
//   main thread searches on the event loop, no cap, no rate limit: the endpoint before
//               issue 12 (CURATOR_API_SEARCH_THREADS=0, limits off; its timeouts are new)
//   pool, refusals at once, nice 0  worker pool and limits, but refused searches answered
//               at once and search threads at the event loop's CPU priority
//   defaults    worker pool (one thread per core, 5 nice steps below the event loop), cap,
//               rate limit, refusals held 1 s, timeouts as shipped
// The clients run in a worker thread of this process and the probe on its main thread,
// so the probe's figures are not the load generator's own event-loop delays. A request
// still in flight when a phase ends is cut and counted as unfinished.
// Prints median / p95 / p99 / max of /healthz, the ratio of its p99 to the idle p99 (same
// process, same machine minutes apart), answers by status, queries answered per second,
// batch latency, resident memory, and how long each slow client kept its connection.
// No figure passes or fails anything: timings here move with the machine's load.
// (Not autocannon: it sends every connection from one address, so a per-address rate
// limit would see one client, and it cannot run a probe and trickling clients alongside.)
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { connect } from "node:net";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: { seconds: { type: "string", default: "20" }, clients: { type: "string", default: "64" }, slow: { type: "string", default: "4" } },
});
const SECONDS = Number(args.seconds);
const CLIENTS = Number(args.clients);
const SLOW = Number(args.slow);
const CATALOG_DIR = resolve(process.env.CURATOR_CATALOG_DIR ?? join(root, "api/catalog"));

if (!existsSync(join(root, "dist-api/search-worker.mjs"))) {
  console.log("api abuse bench: building dist-api/ (npm run api:build)");
  const built = spawnSync("npx", ["vite", "build", "--config", "api/vite.config.ts"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) process.exit(1);
}

const manifest = JSON.parse(readFileSync(join(CATALOG_DIR, "catalog.json"), "utf8"));
const embedder = { name: manifest.embedder.name, version: manifest.embedder.version };
/** Full batches as the app would send them (32 queries of 128 numbers), a few different ones. */
const bodies = Array.from({ length: 8 }, (_, b) =>
  JSON.stringify({
    queries: Array.from({ length: 32 }, (_, q) => ({
      embedding: Array.from({ length: 128 }, (_, i) => Math.fround(Math.sin(b * 31 + q * 7.3 + i * 0.41))),
      embedder,
      k: 12,
    })),
  }),
);

const quantile = (xs, q) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const ms = (x) => (Number.isFinite(x) ? x.toFixed(1) : "-").padStart(8);
const sleep = (t) => new Promise((r) => setTimeout(r, t));

/** Starts dist-api/node.mjs on a free port with `env`; resolves when /readyz is 200 and the pictures are loaded. */
async function startServer(env) {
  const child = spawn(process.execPath, [join(root, "dist-api/node.mjs")], {
    env: { ...process.env, CURATOR_API_PORT: "0", CURATOR_CATALOG_DIR: CATALOG_DIR, CURATOR_API_ACCESS_LOG: "0", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  // A bench stopped halfway (Ctrl+C, kill) does not leave its server running.
  const orphan = () => child.kill("SIGTERM");
  process.once("exit", orphan);
  const url = await new Promise((resolve, reject) => {
    child.stdout.once("data", (c) => resolve(/on (http:\/\/\S+)/.exec(c.toString())?.[1]));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  for (;;) {
    const r = await get(`${url}/readyz`).catch(() => null);
    // Ready, and done loading the product pictures (46 MB), so that memory figures compare.
    if (r?.status === 200 && JSON.parse(r.text).images?.status !== "loading") break;
    await sleep(100);
  }
  const stop = () => {
    process.off("exit", orphan);
    return new Promise((r) => (child.once("exit", r), child.kill("SIGTERM")));
  };
  return { url, stop };
}

function get(url, agent = false, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const req = request(url, { agent }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode, ms: performance.now() - t, text }));
    });
    req.on("error", reject);
    req.setTimeout(timeoutMs, () => req.destroy(new Error("timed out")));
    req.end();
  });
}

function post(url, body, agent) {
  return new Promise((resolve) => {
    const t = performance.now();
    const req = request(url, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode, ms: performance.now() - t }));
    });
    req.on("error", (e) => resolve({ status: e.code ?? "error", ms: performance.now() - t }));
    req.end(body);
  });
}

/** Can this machine bind 127.0.0.2 (Linux: all of 127/8 is loopback; macOS: only 127.0.0.1)? */
async function loopbackAliases() {
  return new Promise((resolve) => {
    const s = connect({ port: 9, host: "127.0.0.1", localAddress: "127.0.0.2" });
    s.on("error", (e) => resolve(e.code !== "EADDRNOTAVAIL"));
    s.on("connect", () => (s.destroy(), resolve(true)));
  });
}

/** The /healthz probe: one fresh connection every 20 ms until `until`; one not answered in 10 s counts as failed. */
async function probe(url, until) {
  const lat = [];
  let failed = 0;
  while (Date.now() < until) {
    const r = await get(`${url}/healthz`, false, 10_000).catch(() => null);
    if (r?.status === 200) lat.push(r.ms);
    else failed++;
    await sleep(20);
  }
  return { lat, failed };
}

/** A client trickling a body: headers, then one byte per second. Resolves with how long the server let it stay. */
function slowClient(url) {
  const { port, hostname } = new URL(url);
  return new Promise((resolve) => {
    const t = performance.now();
    let text = "";
    const socket = connect(Number(port), hostname, () =>
      socket.write("POST /v1/search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n"),
    );
    const drip = setInterval(() => socket.writable && socket.write("{"), 1000);
    setTimeout(() => socket.destroy(), 120_000).unref(); // not cut off in two minutes: say so, go on
    socket.on("data", (c) => (text += c));
    socket.on("error", () => undefined);
    socket.once("close", () => {
      clearInterval(drip);
      resolve({ seconds: (performance.now() - t) / 1000, status: /^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? "closed" });
    });
  });
}

async function rss(url) {
  const text = (await get(`${url}/metrics`)).text;
  return Number(/^process_resident_memory_bytes (\S+)$/m.exec(text)?.[1]) / 2 ** 20;
}

/** The load (in a worker thread): `clients` loops posting batches until `until` (Date.now() ms). */
async function runLoad({ url, clients, until, aliases }) {
  const statuses = {};
  const batchMs = [];
  let queries = 0;
  let unfinished = 0;
  const agents = [];
  const stop = setTimeout(() => agents.forEach((a) => a.destroy()), Math.max(0, until - Date.now()));
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1, ...(aliases ? { localAddress: `127.0.0.${2 + c}` } : {}) });
      agents.push(agent);
      for (let i = 0; Date.now() < until; i++) {
        const r = await post(`${url}/v1/search/batch`, bodies[(c + i) % bodies.length], agent);
        if (Date.now() >= until && r.status !== 200) {
          unfinished++;
          break;
        }
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.status === 200) {
          batchMs.push(r.ms);
          queries += 32;
        }
      }
      agent.destroy();
    }),
  );
  clearTimeout(stop);
  return { statuses, batchMs, queries, unfinished };
}

async function phase(name, env, { load }) {
  const server = await startServer(env);
  const idleRss = await rss(server.url);
  const until = Date.now() + SECONDS * 1000;
  let peakRss = idleRss;
  const aliases = await loopbackAliases();
  const loadResult = load
    ? new Promise((resolve, reject) => {
        const w = new Worker(new URL(import.meta.url), { workerData: { url: server.url, clients: CLIENTS, until, aliases }, argv: process.argv.slice(2) });
        w.once("message", resolve);
        w.once("error", reject);
      })
    : Promise.resolve({ statuses: {}, batchMs: [], queries: 0, unfinished: 0 });
  const slow = load ? Array.from({ length: SLOW }, () => slowClient(server.url)) : [];
  const memory = (async () => {
    while (Date.now() < until) {
      await sleep(2000);
      peakRss = Math.max(peakRss, await rss(server.url).catch(() => 0));
    }
  })();
  const health = await probe(server.url, until);
  const result = await loadResult;
  await memory;
  const slowResults = await Promise.all(slow);
  await server.stop();
  return {
    name,
    health,
    statuses: new Map(Object.entries(result.statuses).map(([k, v]) => [/^\d+$/.test(k) ? Number(k) : k, v])),
    batchMs: result.batchMs,
    unfinished: result.unfinished,
    qps: result.queries / SECONDS,
    idleRss,
    peakRss,
    slowResults,
    aliases,
  };
}

/**
 * Resident memory a pool of `threads` search workers adds to a process holding the loaded
 * catalog, with the catalog shared (SharedArrayBuffers, as the server does) or copied into
 * every worker. Each variant in a fresh process, measured after a GC and a pause.
 */
function poolMemory(threads, shared) {
  const code = `
    const lib = await import(${JSON.stringify(join(root, "dist-api/search.mjs"))});
    const settle = async () => { for (let i = 0; i < 3; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 300)); } return process.memoryUsage.rss(); };
    let data = lib.indexData(await lib.loadCatalog(${JSON.stringify(CATALOG_DIR)}));
    if (${shared}) data = lib.shareIndexData(data);
    const before = await settle();
    const pool = ${threads} > 0 ? await lib.SearchPool.start({ data, kind: "exact", threads: ${threads}, workerUrl: new URL(${JSON.stringify(`file://${join(root, "dist-api/search-worker.mjs")}`)}) }) : null;
    const after = await settle();
    await pool?.close();
    console.log(JSON.stringify({ before, after }));`;
  // A file, not --eval: worker threads inherit the process's flags, and --input-type is not one they take.
  const file = join(mkdtempSync(join(tmpdir(), "curator-pool-memory-")), "measure.mjs");
  writeFileSync(file, code);
  const r = spawnSync(process.execPath, ["--expose-gc", file], { encoding: "utf8" });
  rmSync(dirname(file), { recursive: true, force: true });
  if (r.status !== 0) throw new Error(r.stderr);
  const { before, after } = JSON.parse(r.stdout.trim().split("\n").at(-1));
  return { before: before / 2 ** 20, added: (after - before) / 2 ** 20 };
}

async function main() {
  for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => process.exit(130));
  console.log(
    `api abuse bench: ${CLIENTS} clients sending batches of 32 back to back for ${SECONDS} s per phase, /healthz polled every 20 ms, ${SLOW} clients trickling 1 byte/s`,
  );
  console.log(
    `catalog ${manifest.count} products (${CATALOG_DIR}); ${availableParallelism()} cores; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")} (1/5/15 min): timings move with it`,
  );

  const results = [];
  results.push(await phase("idle", {}, { load: false }));
  results.push(
    await phase(
      "main thread, no limits (before)",
      { CURATOR_API_SEARCH_THREADS: "0", CURATOR_API_RATE_LIMIT: "0", CURATOR_API_MAX_PENDING_QUERIES: "100000000" },
      { load: true },
    ),
  );
  results.push(await phase("pool, refusals at once, nice 0", { CURATOR_API_SEARCH_NICENESS: "0", CURATOR_API_REFUSAL_DELAY_MS: "0" }, { load: true }));
  results.push(await phase("defaults", {}, { load: true }));

  const idleP99 = quantile(results[0].health.lat, 0.99);
  console.log(`\n/healthz latency (ms) while the clients hammer the batch route; × = p99 / idle p99`);
  console.log(`${"phase".padEnd(34)}  median      p95      p99      max        ×  probes`);
  for (const r of results) {
    const l = r.health.lat;
    const p99 = quantile(l, 0.99);
    console.log(
      `${r.name.padEnd(34)}${ms(quantile(l, 0.5))} ${ms(quantile(l, 0.95))} ${ms(p99)} ${ms(Math.max(...l))} ${(p99 / idleP99).toFixed(1).padStart(8)}  ${l.length}${r.health.failed ? ` (${r.health.failed} failed)` : ""}`,
    );
  }
  console.log(
    `\nbatch answers (${CLIENTS} clients${results[1].aliases ? ", each from its own loopback address" : ", all from 127.0.0.1: this machine has no 127.0.0.x aliases"})`,
  );
  for (const r of results.slice(1)) {
    const by = [...r.statuses]
      .sort(([a], [b]) => String(a).localeCompare(String(b)))
      .map(([s, n]) => `${s}: ${n}`)
      .join(", ");
    const fiveXX = [...r.statuses].filter(([s]) => typeof s === "number" && s >= 500 && s !== 503).reduce((n, [, c]) => n + c, 0);
    console.log(`${r.name.padEnd(34)}${by}; 5xx other than 503: ${fiveXX}; cut at the end: ${r.unfinished}`);
    console.log(
      `${"".padEnd(34)}queries answered ${r.qps.toFixed(0)}/s; a 200 batch took median ${quantile(r.batchMs, 0.5).toFixed(0)} / p95 ${quantile(r.batchMs, 0.95).toFixed(0)} / p99 ${quantile(r.batchMs, 0.99).toFixed(0)} ms`,
    );
  }
  console.log(`\nresident memory of the server process (MB): ready, before the load / peak under load (sampled every 2 s)`);
  for (const r of results) console.log(`${r.name.padEnd(34)}${r.idleRss.toFixed(0).padStart(6)} / ${r.peakRss.toFixed(0)}`);
  console.log(`\nsearch workers' memory: resident MB a pool adds to a process holding the catalog (exact index)`);
  for (const [threads, shared] of [
    [1, true],
    [2, true],
    [2, false],
  ]) {
    const m = poolMemory(threads, shared);
    console.log(
      `${`${threads} thread${threads > 1 ? "s" : ""}, catalog ${shared ? "shared (SharedArrayBuffer)" : "copied into each worker"}`.padEnd(52)}+${m.added.toFixed(1)} (process before: ${m.before.toFixed(0)})`,
    );
  }
  console.log(`\nslow-body clients (1 byte/s of a 4,000-byte body): held the connection for`);
  for (const r of results.slice(1)) console.log(`${r.name.padEnd(34)}${r.slowResults.map((s) => `${s.seconds.toFixed(1)} s (${s.status})`).join(", ")}`);
}

if (isMainThread) await main();
else parentPort.postMessage(await runLoad(workerData));
