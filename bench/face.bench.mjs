// Face analysis benchmark: landmarks + shape per image in the real face worker, in
// headless Chromium, on a production build (minified worker, WASM from the build).
//   node bench/face.bench.mjs [--runs 30] [--dump out.json]
// Prints the cold first call (model download + WASM start-up + first inference), then
// warm median and p95, and the ratio of the full round trip (decode, transfer, worker,
// measurements) to its own baseline: the bare face-mesh inference time inside the
// worker, measured in the same calls. A breakdown line follows each image: pixel read in
// the worker, worker total, what is left outside the worker (page decode, messaging), and
// the page decode alone (timed in a separate call after each round trip).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build, preview } from "vite";
import { chromium } from "playwright-core";
import { findChromium, HEADLESS_ARGS } from "../tools/browser.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: { runs: { type: "string", default: "30" }, dump: { type: "string" }, "no-build": { type: "boolean" } },
});
const RUNS = Number(args.runs);
const PORT = Number(process.env.BENCH_PORT ?? 4186);
process.env.CURATOR_DIST ??= "dist-face-bench";
const configFile = join(root, "vite.config.ts");
const input = { index: join(root, "index.html"), faceBench: join(root, "bench/face/index.html") };

if (!args["no-build"]) {
  await build({ root, configFile, logLevel: "warn", build: { rollupOptions: { input } } });
}
const server = await preview({ root, configFile, logLevel: "warn", preview: { port: PORT, strictPort: true } });
const browser = await chromium.launch({ executablePath: await findChromium(), args: HEADLESS_ARGS });

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
};
const ms = (x) => `${x.toFixed(1)} ms`;

try {
  const page = await browser.newPage();
  page.on("console", (m) => m.type() === "error" && console.error("[page]", m.text()));
  page.on("response", (r) => r.status() >= 400 && console.error(`[page] ${r.status()} ${r.url()}`));
  await page.goto(`http://localhost:${PORT}/bench/face/index.html`);
  await page.waitForFunction(() => "faceBench" in window);
  const photos = {
    astronaut: "e2e/fixtures/faces/astronaut.png",
    "no-face": "e2e/fixtures/faces/no-face.png",
    "tiny-face": "e2e/fixtures/faces/tiny-face.png",
    "two-faces": "e2e/fixtures/faces/two-faces.png",
  };
  for (const [name, file] of Object.entries(photos)) {
    const b64 = readFileSync(join(root, file)).toString("base64");
    await page.evaluate(([n, b]) => window.faceBench.addPhoto(n, b, "image/png"), [name, b64]);
  }

  console.log(
    `face: machine load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")} (1/5/15 min) — timings scale with it`,
  );
  const cold = await page.evaluate(() => window.faceBench.analyse("astronaut"));
  console.log(`face: cold first call (load models + WASM + first estimate): ${ms(cold.roundTripMs)} → ${cold.status}`);
  const engine = await page.evaluate(() => window.faceBench.warmUp());
  console.log(`face: engine ${engine.backend}${engine.simd ? " + SIMD" : ""}, single-threaded`);
  const dump = { astronaut: cold };
  const figures = { at: new Date().toISOString(), loadavg: loadavg(), engine, coldMs: cold.roundTripMs, images: {} };

  for (const name of Object.keys(photos)) {
    const trips = [];
    const inference = [];
    const pixels = [];
    const worker = [];
    const decode = [];
    let last;
    const runs = name === "astronaut" ? RUNS : Math.max(3, Math.round(RUNS / 6));
    for (let i = 0; i < runs; i++) {
      last = await page.evaluate((n) => window.faceBench.analyse(n), name);
      trips.push(last.roundTripMs);
      inference.push(last.timings.landmarksMs);
      pixels.push(last.timings.decodeMs);
      worker.push(last.timings.totalMs);
      decode.push(await page.evaluate((n) => window.faceBench.decodeOnly(n), name));
    }
    dump[name] = last;
    const med = quantile(trips, 0.5);
    const base = quantile(inference, 0.5);
    figures.images[name] = {
      runs,
      status: last.status,
      tiled: last.timings.tiled,
      roundTrip: { median: med, p95: quantile(trips, 0.95) },
      inference: { median: base, p95: quantile(inference, 0.95) },
      ratio: med / base,
      breakdown: {
        pixelsMedian: quantile(pixels, 0.5),
        workerTotalMedian: quantile(worker, 0.5),
        outsideWorkerMedian: quantile(
          trips.map((t, i) => t - worker[i]),
          0.5,
        ),
        pageDecodeMedian: quantile(decode, 0.5),
      },
    };
    console.log(
      `face: ${name.padEnd(9)} warm ×${runs}: median ${ms(med)}, p95 ${ms(quantile(trips, 0.95))}` +
        ` | baseline (mesh inference in worker) median ${ms(base)}, p95 ${ms(quantile(inference, 0.95))}` +
        ` | ratio ${(med / base).toFixed(2)}× | ${last.status}${last.timings.tiled ? " (tiled search)" : ""}`,
    );
    const b = figures.images[name].breakdown;
    console.log(
      `face:   breakdown (medians): pixels read in worker ${ms(b.pixelsMedian)}, worker total ${ms(b.workerTotalMedian)},` +
        ` outside the worker ${ms(b.outsideWorkerMedian)} (of which page decode alone ${ms(b.pageDecodeMedian)}, timed separately)`,
    );
  }
  mkdirSync(join(root, "bench/results"), { recursive: true });
  writeFileSync(join(root, "bench/results/face.json"), JSON.stringify(figures, null, 2));
  if (args.dump) writeFileSync(args.dump, JSON.stringify(dump));
} finally {
  await browser.close();
  await new Promise((r) => server.httpServer.close(r));
}
