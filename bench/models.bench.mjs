// Garment model latency in onnxruntime-web's WASM backend (the app's baseline runtime):
// every champion of models/registry.json at batch 1 and 32, with 1 and 2 threads, in
// Node and in headless Chromium (a cross-origin-isolated page, so threads work).
//   node bench/models.bench.mjs [--runs 60] [--only node|browser] [--json out.json]
// CURATOR_REGISTRY=/path/registry.json benches another registry; BENCH_MODELS_PORT
// (default 4176) is the page's port. Prints median, p95 and ms per image, and the
// speed-up per image against the 1-thread batch-1 baseline of the same model measured
// in the same environment. Thread count is fixed when ORT starts its WASM runtime, so
// each (environment, threads) pair gets a fresh runtime: a child process in Node, a
// fresh page in Chromium. In Node the CPU time per image is printed too: on a busy
// machine wall time includes waiting for a core. No figure here passes or fails anything.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { loadavg } from "node:os";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { timeModel } from "./models/timing.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "60" },
    only: { type: "string" },
    json: { type: "string" },
    child: { type: "string" }, // internal: run the Node half with this many threads, print JSON
  },
});
const REGISTRY = resolve(process.env.CURATOR_REGISTRY ?? join(root, "models/registry.json"));
const MODELS_DIR = dirname(REGISTRY);
const PORT = Number(process.env.BENCH_MODELS_PORT ?? 4176);
const THREADS = [1, 2];
const RUNS = Number(args.runs);
// Batch 32 costs ~32x more per run: fewer runs keep the bench to a few minutes.
const PLAN = [
  { batch: 1, runs: RUNS, warmup: 5 },
  { batch: 32, runs: Math.max(5, Math.round(RUNS / 6)), warmup: 2 },
];

function champions() {
  if (!existsSync(REGISTRY)) return [];
  const reg = JSON.parse(readFileSync(REGISTRY, "utf8"));
  // Each champion, and its int8 file (what the app downloads) when it has one: timed side by side.
  return (
    reg.models
      // The detector (3×256×256, ~90 ms a photo) has its own bench: bench/detect.bench.mjs.
      .filter((m) => m.status === "champion" && m.task !== "detection")
      .flatMap((m) => {
        // One input image's shape (without the batch axis): 1×28×28 for the garment models, 3×256×256 for the detector.
        const shape = m.input?.shape?.slice(1) ?? [1, 28, 28];
        return [
          { id: `${m.name}-v${m.version}`, file: m.file, shape },
          ...(m.quantized ? [{ id: `${m.name}-v${m.version}.int8`, file: m.quantized.file, floatId: `${m.name}-v${m.version}`, shape }] : []),
        ];
      })
  );
}

if (args.child) {
  // Child process: one ORT runtime with a fixed thread count.
  const ort = await import("onnxruntime-web");
  ort.env.wasm.numThreads = Number(args.child);
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const out = {};
  for (const m of champions()) out[m.id] = await timeModel(ort, new Uint8Array(readFileSync(join(MODELS_DIR, m.file))), PLAN, cpuMs, m.shape);
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
};

function runNode() {
  const out = {};
  for (const t of THREADS) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", String(t), "--runs", String(RUNS)], {
      encoding: "utf8",
      env: process.env,
      maxBuffer: 64 << 20,
    });
    if (r.status !== 0) throw new Error(`Node bench with ${t} thread(s) failed:\n${r.stderr}`);
    out[t] = JSON.parse(r.stdout);
  }
  return out;
}

const MIME = { ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm", ".onnx": "application/octet-stream", ".html": "text/html" };
const PAGE = `<!doctype html><meta charset="utf-8"><title>models bench</title><script type="module">
import * as ort from "/ort/ort.wasm.min.mjs";
import { timeModel } from "/bench/timing.mjs";
window.runBench = async (threads, models, plan) => {
  // Explicit glue + binary: multi-threaded ORT does not find them on its own (DESIGN.md).
  ort.env.wasm.wasmPaths = { mjs: "/ort/ort-wasm-simd-threaded.mjs", wasm: "/ort/ort-wasm-simd-threaded.wasm" };
  ort.env.wasm.numThreads = threads;
  const out = {};
  for (const m of models) out[m.id] = await timeModel(ort, new Uint8Array(await (await fetch("/models/" + m.file)).arrayBuffer()), plan, undefined, m.shape);
  return { isolated: self.crossOriginIsolated, out };
};
window.benchReady = true;
</script>`;

function serve() {
  const routes = [
    ["/ort/", join(root, "node_modules/onnxruntime-web/dist/")],
    ["/models/", MODELS_DIR + "/"],
    ["/bench/", join(root, "bench/models/")],
  ];
  const server = createServer((req, res) => {
    // Cross-origin isolation: SharedArrayBuffer, hence WASM threads, needs both headers.
    const headers = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };
    const url = new URL(req.url ?? "/", "http://localhost").pathname;
    if (url === "/") return res.writeHead(200, { ...headers, "Content-Type": "text/html" }).end(PAGE);
    for (const [prefix, dir] of routes) {
      const file = url.startsWith(prefix) ? join(dir, url.slice(prefix.length)) : "";
      if (file && file.startsWith(dir) && existsSync(file)) {
        return res.writeHead(200, { ...headers, "Content-Type": MIME[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
      }
    }
    res.writeHead(404, headers).end("not found");
  });
  return new Promise((ok, fail) => server.once("error", fail).listen(PORT, "127.0.0.1", () => ok(server)));
}

async function runBrowser(models) {
  const { chromium } = await import("playwright-core");
  const { findChromium, HEADLESS_ARGS, NO_BROWSER_MESSAGE } = await import("../tools/browser.mjs");
  const executablePath = await findChromium();
  if (!executablePath) throw new Error(NO_BROWSER_MESSAGE);
  const server = await serve();
  const browser = await chromium.launch({ executablePath, args: HEADLESS_ARGS });
  const out = {};
  try {
    for (const t of THREADS) {
      const page = await browser.newPage(); // a fresh page = a fresh ORT runtime
      page.on("pageerror", (e) => console.error("[page]", e.message));
      await page.goto(`http://127.0.0.1:${PORT}/`);
      await page.waitForFunction(() => window.benchReady === true);
      const r = await page.evaluate(([th, ms, plan]) => window.runBench(th, ms, plan), [t, models, PLAN]);
      if (!r.isolated) console.warn("browser: page is not cross-origin isolated — threads fall back to 1");
      out[t] = r.out;
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}

function report(env, byThreads, models) {
  const rows = [];
  for (const m of models) {
    const base = byThreads[1][m.id].find((r) => r.batch === 1);
    const baseMs = quantile(base.times, 0.5);
    for (const t of THREADS) {
      for (const r of byThreads[t][m.id]) {
        const med = quantile(r.times, 0.5);
        const perImage = med / r.batch;
        rows.push({
          env,
          model: m.id,
          threads: t,
          batch: r.batch,
          runs: r.times.length,
          medianMs: med,
          p95Ms: quantile(r.times, 0.95),
          msPerImage: perImage,
          speedup: baseMs / perImage,
          cpuMsPerImage: r.cpuPerRun === undefined ? undefined : r.cpuPerRun / r.batch,
        });
      }
    }
  }
  for (const r of rows) {
    console.log(
      `${r.env.padEnd(8)} ${r.model.padEnd(26)} threads ${r.threads}  batch ${String(r.batch).padStart(2)}  ` +
        `median ${r.medianMs.toFixed(2).padStart(7)} ms  p95 ${r.p95Ms.toFixed(2).padStart(7)} ms  ` +
        `${r.msPerImage.toFixed(3).padStart(7)} ms/image  ×${r.speedup.toFixed(2)} vs 1 thread batch 1` +
        (r.cpuMsPerImage === undefined ? "" : `  CPU ${r.cpuMsPerImage.toFixed(2)} ms/image`) +
        `  (${r.runs} runs)`,
    );
  }
  return rows;
}

/** int8 ÷ float per environment, threads and batch (medians and p95 of the same run; < 1: int8 is faster). */
function reportQuantized(rows, models) {
  for (const q of models.filter((m) => m.floatId)) {
    for (const r of rows.filter((x) => x.model === q.id)) {
      const f = rows.find((x) => x.env === r.env && x.model === q.floatId && x.threads === r.threads && x.batch === r.batch);
      if (!f) continue;
      console.log(
        `${r.env.padEnd(8)} ${q.id.padEnd(26)} threads ${r.threads}  batch ${String(r.batch).padStart(2)}  ` +
          `int8 ÷ float: median ×${(r.medianMs / f.medianMs).toFixed(2)}  p95 ×${(r.p95Ms / f.p95Ms).toFixed(2)}` +
          (r.cpuMsPerImage === undefined ? "" : `  CPU ×${(r.cpuMsPerImage / f.cpuMsPerImage).toFixed(2)}`),
      );
    }
  }
}

const models = champions();
if (models.length === 0) {
  console.log(`models bench: no champions in ${REGISTRY} — nothing to time (the pipeline registers them).`);
  process.exit(0);
}
console.log(`models bench: ${models.map((m) => m.id).join(", ")} from ${REGISTRY}`);
console.log(
  `machine load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")} (1/5/15 min) — timings scale with it`,
);
const rows = [];
if (args.only !== "browser") rows.push(...report("node", runNode(), models));
if (args.only !== "node") rows.push(...report("chromium", await runBrowser(models), models));
reportQuantized(rows, models);
if (args.json) writeFileSync(args.json, JSON.stringify({ at: new Date().toISOString(), loadavg: loadavg(), rows }, null, 1));
