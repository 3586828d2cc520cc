// Several garments in one photo (issue 16): a 12-megapixel flat-lay of four garments → four
// stored items (cut-out, classified, coloured, fingerprinted; one shared original), in
// headless Chromium on the test build (real image and vision workers, onnxruntime-web WASM,
// real IndexedDB), through the app's own importPhotos() with every piece kept (no reviewer).
//   node bench/pieces.bench.mjs [--runs 20] [--no-build]
// Flat-lays: e2e/fixtures/flatlay.mjs seededFlatLay (four Fashion-MNIST test garments of
// different kinds, one per quarter, distinct colours, light background), drawn at 4000×3000
// with light and grain (bench/photos/make-photos.mjs). Baseline in the same process: one-garment
// 12 MP photos through the same import (detector included: it finds one and the photo is one
// item) → ratio. Prints median and p95 of the wall time per photo and of each stage (the
// "curator:import:*" User Timing measures), how many items each flat-lay made, and how many
// of the four garments came out with the right category. Asserts nothing.
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { readFileSync } from "node:fs";
import { build, preview } from "vite";
import { chromium } from "playwright-core";
import { findChromium, HEADLESS_ARGS, NO_BROWSER_MESSAGE } from "../tools/browser.mjs";
import { seededFlatLay } from "../e2e/fixtures/flatlay.mjs";
import { fmnistSubset, garmentPhoto } from "../e2e/fixtures/garments.mjs";
import { makePhotos } from "./photos/make-photos.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({ options: { runs: { type: "string", default: "20" }, "no-build": { type: "boolean" } } });
const RUNS = Math.max(5, Number(args.runs));
const PORT = Number(process.env.BENCH_PORT ?? 4193);
process.env.CURATOR_DIST ??= "dist-pieces-bench";
const BIG = { width: 4000, height: 3000 };
const q = (xs, p) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const pos = (s.length - 1) * p;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
};
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");

const registry = JSON.parse(readFileSync(join(root, "models/registry.json"), "utf8"));
const detector = registry.models.find((m) => m.name === "garment-detector" && m.status === "champion");
if (!detector) {
  console.log("pieces bench: no garment-detector champion in models/registry.json — every photo is one item; nothing to measure");
  process.exit(0);
}

/** Four subset indices of four different kinds for flat-lay k. */
function fourKinds(k) {
  const { labels } = fmnistSubset();
  const kinds = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].sort((a, b) => ((a * 7 + k * 3) % 10) - ((b * 7 + k * 3) % 10)).slice(0, 4);
  return kinds.map((c, j) => {
    let i = (k * 37 + j * 11) % labels.length;
    while (labels[i] !== c) i = (i + 1) % labels.length;
    return i;
  });
}

async function importEach(page, set) {
  return page.evaluate(async (set) => {
    const rows = [];
    for (const file of window.__photos[set]) {
      performance.clearMeasures();
      const t0 = performance.now();
      const report = await window.curatorDebug.importPhotos([file]);
      const wall = performance.now() - t0;
      const stages = {};
      for (const e of performance.getEntriesByType("measure"))
        if (e.name.startsWith("curator:import:")) {
          stages[e.name.slice(15)] = (stages[e.name.slice(15)] ?? 0) + e.duration;
          // The image worker's own time per piece (decode once, masking, encode, thumbnail, hash), summed over the photo's pieces.
          if (e.name === "curator:import:piece-cut")
            for (const [k, v] of Object.entries(e.detail ?? {})) if (typeof v === "number") stages[`worker ${k}`] = (stages[`worker ${k}`] ?? 0) + v;
        }
      const r = report.results[0];
      rows.push({ file: file.name, wall, stages, ok: r.ok, items: r.ok ? r.itemIds : [], message: r.ok ? null : r.message });
    }
    const db = await new Promise((res, rej) => Object.assign(indexedDB.open("curator"), { onsuccess: (e) => res(e.target.result), onerror: rej }));
    const items = await new Promise((res) => (db.transaction("items").objectStore("items").getAll().onsuccess = (e) => res(e.target.result)));
    db.close();
    return { rows, items: items.map((i) => ({ id: i.id, category: i.category })) };
  }, set);
}

async function main() {
  const executablePath = await findChromium();
  if (!executablePath) throw new Error(NO_BROWSER_MESSAGE);
  const configFile = join(root, "vite.config.ts");
  if (!args["no-build"]) await build({ root, configFile, logLevel: "warn", mode: "e2e" });
  const server = await preview({ root, configFile, logLevel: "warn", preview: { port: PORT, strictPort: true } });
  const browser = await chromium.launch({ executablePath, args: HEADLESS_ARGS });
  const before = load();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: "block" })).newPage();
    page.on("pageerror", (e) => console.error("[page]", e.message));
    await page.goto(`http://localhost:${PORT}/?curator-debug`);
    await page.waitForFunction(() => "curatorDebug" in window);
    await page.evaluate(() => window.curatorDebug.clear());
    const flats = Array.from({ length: RUNS + 1 }, (_, k) => {
      const f = seededFlatLay(100 + k, fourKinds(k), 1000);
      return { name: `flatlay-${k}.jpg`, kinds: f.pieces.map((p) => p.subtype), png: f.png.toString("base64") };
    });
    const singles = Array.from({ length: RUNS + 1 }, (_, k) => {
      const g = garmentPhoto(300 + k, 300 + k, { width: 400, height: 300 });
      return { name: `single-${k}.jpg`, png: g.png.toString("base64") };
    });
    await makePhotos(page, "flat", flats, BIG);
    await makePhotos(page, "single", singles, BIG);
    console.log(`pieces: ${detector.name} v${detector.version}; load average ${before}; ${RUNS} + 1 cold photos of each kind at ${BIG.width}×${BIG.height}`);
    // Cold first: the workers start and the models load on the first photo of the run.
    const single = await importEach(page, "single");
    await page.evaluate(() => window.curatorDebug.clear());
    const flat = await importEach(page, "flat");
    const category = new Map(flat.items.map((i) => [i.id, i.category]));
    const kindCategory = Object.fromEntries(JSON.parse(readFileSync(join(root, "models/labels.json"), "utf8")).classes.map((c) => [c.subtype, c.category]));
    const rows = flat.rows.slice(1);
    const base = single.rows.slice(1);
    const line = (label, a, b) =>
      console.log(
        `${label.padEnd(34)}${fmt(q(a, 0.5)).padStart(9)}${fmt(q(a, 0.95)).padStart(9)}${fmt(q(b, 0.5)).padStart(11)}${fmt(q(b, 0.95)).padStart(9)}${fmt(q(a, 0.5) / q(b, 0.5), 2).padStart(8)}`,
      );
    console.log(
      `\n${"ms per photo".padEnd(34)}${"4-garm med".padStart(9)}${"p95".padStart(9)}${"1-garm med".padStart(11)}${"p95".padStart(9)}${"ratio".padStart(8)}`,
    );
    const workerStages = ["decode", "analysis", "encode", "thumbnail", "hash"].map((k) => `worker ${k}`);
    for (const stage of ["process", "detect", "analyse", ...workerStages, "store"])
      line(
        `  ${stage}`,
        rows.map((r) => r.stages[stage]),
        base.map((r) => r.stages[stage]),
      );
    line(
      "TOTAL (wall)",
      rows.map((r) => r.wall),
      base.map((r) => r.wall),
    );
    const counts = rows.map((r) => r.items.length);
    const hist = counts.reduce((h, c) => ((h[c] = (h[c] ?? 0) + 1), h), {});
    console.log(
      `items per flat-lay: ${JSON.stringify(hist)} (4 expected); one-garment photos → ${JSON.stringify(base.reduce((h, r) => ((h[r.items.length] = (h[r.items.length] ?? 0) + 1), h), {}))}`,
    );
    let right = 0;
    let total = 0;
    flat.rows.slice(1).forEach((r, k) => {
      const want = flats[k + 1].kinds.map((s) => kindCategory[s]).sort();
      const got = r.items.map((id) => category.get(id)).sort();
      total += want.length;
      for (const c of new Set(want)) right += Math.min(want.filter((x) => x === c).length, got.filter((x) => x === c).length);
    });
    console.log(`categories right over the flat-lays (multiset match): ${right}/${total}`);
    console.log(
      `target: four-garment photo → four stored items ≤ 1000 ms median: ${fmt(
        q(
          rows.map((r) => r.wall),
          0.5,
        ),
      )} ms; first flat-lay ${fmt(flat.rows[0].wall)} ms`,
    );
    console.log(`load average before ${before}, after ${load()}`);
    for (const r of [...flat.rows, ...single.rows].filter((x) => !x.ok)) console.error(`pieces: ${r.file} failed: ${r.message}`);
  } finally {
    await browser.close();
    await new Promise((r) => server.httpServer.close(r));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
