// Pieces shown "as photographed" (issue 16): how long the Wardrobe grid takes to show the
// four pieces of a 12-megapixel flat-lay as crops of the shared photo (made by the image
// worker from one decode of the photo, kept in memory) against showing their stored cut-out
// thumbnails — in headless Chromium on the test build, real IndexedDB and worker. The pieces
// are stored through the app's own import (curatorDebug.importPieces, the fixture's boxes
// and masks as the detector's answer). Each run reloads the page (an empty crop cache: the
// cold case a user meets on opening the app), alternating the two settings; then the warm
// case: switching the setting on an open grid whose crops are cached. Median and p95 of
// each, ratio in the same process. Asserts nothing.
//   node bench/piece-originals.bench.mjs [--runs 9] [--no-build]
import { loadavg } from "node:os";
import { dirname, resolve, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build, preview } from "vite";
import { chromium } from "playwright-core";
import { findChromium, HEADLESS_ARGS, NO_BROWSER_MESSAGE } from "../tools/browser.mjs";
import { seededFlatLay } from "../e2e/fixtures/flatlay.mjs";
import { makePhotos } from "./photos/make-photos.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({ options: { runs: { type: "string", default: "9" }, "no-build": { type: "boolean" } } });
const RUNS = Math.max(3, Number(args.runs));
const PORT = Number(process.env.BENCH_PORT ?? 4194);
process.env.CURATOR_DIST ??= "dist-piece-originals-bench";
const BIG = { width: 4000, height: 3000 };
const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * p;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
};

async function setMode(page, value) {
  await page.evaluate(async (value) => {
    const db = await new Promise((res, rej) => Object.assign(indexedDB.open("curator"), { onsuccess: (e) => res(e.target.result), onerror: rej }));
    await new Promise((res) => {
      const tx = db.transaction("settings", "readwrite");
      tx.objectStore("settings").put({ key: "wardrobe.piecePhotos", value, updatedAt: Date.now() });
      tx.oncomplete = res;
    });
    db.close();
  }, value);
}

const shownAs = (page, mode) =>
  page.waitForFunction(
    (mode) => {
      const imgs = [...document.querySelectorAll(".item-thumb img")];
      return imgs.length === 4 && imgs.every((i) => i.complete && i.naturalWidth > 0 && i.classList.contains("is-cutout") === (mode === "cutout"));
    },
    mode,
    { timeout: 60_000, polling: 5 },
  );

async function main() {
  const executablePath = await findChromium();
  if (!executablePath) throw new Error(NO_BROWSER_MESSAGE);
  const configFile = join(root, "vite.config.ts");
  if (!args["no-build"]) await build({ root, configFile, logLevel: "warn", mode: "e2e" });
  const server = await preview({ root, configFile, logLevel: "warn", preview: { port: PORT, strictPort: true } });
  const browser = await chromium.launch({ executablePath, args: HEADLESS_ARGS });
  const before = loadavg()[0].toFixed(2);
  try {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: "block" })).newPage();
    page.on("pageerror", (e) => console.error("[page]", e.message));
    await page.goto(`http://localhost:${PORT}/?curator-debug`);
    await page.waitForFunction(() => "curatorDebug" in window);
    await page.evaluate(() => window.curatorDebug.clear());
    const flat = seededFlatLay(7, [19, 2, 9, 18], 1000);
    await makePhotos(page, "flat", [{ name: "flatlay.jpg", png: flat.png.toString("base64") }], BIG);
    const k = BIG.width / flat.width;
    const detection = {
      photoWidth: BIG.width,
      photoHeight: BIG.height,
      model: { name: "bench", version: 1 },
      pieces: flat.pieces.map((p) => ({ box: { x: p.box.x * k, y: p.box.y * k, width: p.box.width * k, height: p.box.height * k }, score: 0.9, mask: p.mask })),
    };
    const report = await page.evaluate((d) => window.curatorDebug.importPieces(window.__photos.flat[0], d, { analyse: false }), detection);
    if (report.results[0]?.itemIds?.length !== 4) throw new Error(`the import made ${JSON.stringify(report.results)}`);
    const cold = { cutout: [], original: [] };
    for (let r = 0; r < RUNS * 2; r++) {
      const mode = r % 2 ? "original" : "cutout";
      await setMode(page, mode);
      await page.reload();
      await shownAs(page, mode);
      // From the navigation's start: the app's own start-up is in both.
      cold[mode].push(await page.evaluate(() => performance.now()));
    }
    // Warm: the choice made in Settings (the app's own write, which the open grid watches), then
    // the Wardrobe tab opened: the time from that click to the four thumbnails shown.
    const warm = { cutout: [], original: [] };
    const label = { cutout: "Cut-out (default)", original: "As photographed" };
    for (let r = 0; r < RUNS * 2 + 1; r++) {
      const mode = r % 2 ? "cutout" : "original";
      await page.getByRole("tab", { name: "Settings" }).click();
      await page.getByRole("radio", { name: label[mode] }).check();
      const t0 = Date.now();
      await page.getByRole("tab", { name: "Wardrobe" }).click();
      await shownAs(page, mode);
      // The first switch to "as photographed" after the last reload may make crops; later ones find them in memory.
      if (r > 0) warm[mode].push(Date.now() - t0);
    }
    const row = (label, xs) => `${label.padEnd(52)} median ${q(xs, 0.5).toFixed(0).padStart(5)} ms   p95 ${q(xs, 0.95).toFixed(0).padStart(5)} ms`;
    console.log(`piece-originals: 4 pieces of a ${BIG.width}×${BIG.height} flat-lay, ${RUNS} runs each, load average ${before} → ${loadavg()[0].toFixed(2)}`);
    console.log(row("page load → grid with cut-outs (baseline)", cold.cutout));
    console.log(row("page load → grid as photographed (crops made)", cold.original));
    console.log(`ratio (median): ${(q(cold.original, 0.5) / q(cold.cutout, 0.5)).toFixed(2)}`);
    console.log(row("Settings → Wardrobe tab → grid with cut-outs", warm.cutout));
    console.log(row("Settings → Wardrobe tab → as photographed (cached)", warm.original));
  } finally {
    await browser.close();
    await new Promise((r) => server.httpServer.close(r));
  }
}

await main();
