#!/usr/bin/env node
// Wardrobe benchmark: the test build (production, plus the ?curator-debug seeding hook) in headless Chromium, real IndexedDB.
// Prints, for a 100-item baseline and a 10,000-item wardrobe in the same run:
// bulk-insert throughput, time to first grid paint, filter/search latency and
// scroll frame times (median, p95, ratio to baseline), plus the gzip size of the
// app-shell JS. Usage: npm run bench -- wardrobe   (BENCH_SKIP_BUILD=1 reuses dist-bench)
import { chromium } from "@playwright/test";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { findChromium, HEADLESS_ARGS, NO_BROWSER_MESSAGE } from "../tools/browser.mjs";

const DIST = "dist-bench";
const PORT = Number(process.env.BENCH_PORT ?? 4191);
const SIZES = [100, 10_000];
const PAINT_RUNS = 5;
const QUERIES = ["acme", "navy", "wool", "shirt 12", "boots", "zzz", "linen", "red", "blazer", "tote"];

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");

function build() {
  if (process.env.BENCH_SKIP_BUILD && existsSync(join(DIST, "index.html"))) return;
  const r = spawnSync("npx", ["vite", "build", "--mode", "e2e"], { env: { ...process.env, CURATOR_DIST: DIST }, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
}

async function startServer() {
  const server = spawn("npx", ["vite", "preview", "--port", String(PORT), "--strictPort"], {
    env: { ...process.env, CURATOR_DIST: DIST },
    stdio: "ignore",
    detached: true,
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://localhost:${PORT}/`)).ok) return server;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stopServer(server);
  throw new Error("preview server did not start");
}

function stopServer(server) {
  try {
    process.kill(-server.pid); // the whole group: npx and the vite process it started
  } catch {
    server.kill();
  }
}

/** gzip size of the JS the first screen needs: entry script + its modulepreloads. */
function appShellGzip() {
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const srcs = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  let raw = 0;
  let gz = 0;
  for (const s of new Set(srcs)) {
    const b = readFileSync(join(DIST, s));
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
  }
  return { files: [...new Set(srcs)], raw, gz };
}

async function measure(browser, n) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: "block" });
  const page = await context.newPage();
  const base = `http://localhost:${PORT}/`;
  await page.goto(`${base}?curator-debug`);
  await page.waitForFunction(() => "curatorDebug" in window);
  const insertMs = await page.evaluate(async (n) => {
    const c = new OffscreenCanvas(384, 480);
    const ctx = c.getContext("2d");
    ctx.fillStyle = "#1f2a56";
    ctx.fillRect(60, 60, 264, 360);
    const thumbnail = await c.convertToBlob({ type: "image/webp", quality: 0.8 });
    const original = await c.convertToBlob({ type: "image/jpeg", quality: 0.92 });
    return window.curatorDebug.seed(n, { original, thumbnail });
  }, n);

  const paints = [];
  const loads = [];
  for (let i = 0; i < PAINT_RUNS; i++) {
    await page.goto(base);
    const marks = ["curator:grid-first-paint", "curator:wardrobe-loaded"];
    await page.waitForFunction((marks) => marks.every((m) => performance.getEntriesByName(m).length > 0), marks, { timeout: 60_000 });
    const [paint, loaded] = await page.evaluate((marks) => marks.map((m) => performance.getEntriesByName(m)[0].startTime), marks);
    paints.push(paint);
    loads.push(loaded);
  }
  // Let the page settle before timing interactions.
  await page.waitForFunction(() => !document.querySelector('[data-testid="result-count"]')?.textContent?.startsWith("Loading"));

  // Filter/search latency: from the input event to the next frame after the
  // result count changed (what a person sees).
  const latencies = await page.evaluate(async (queries) => {
    const input = document.querySelector('input[type="search"]');
    const count = document.querySelector('[data-testid="result-count"]');
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const run = async (apply) => {
      const before = count.textContent;
      const t0 = performance.now();
      const changed = new Promise((r) => {
        const mo = new MutationObserver(() => {
          mo.disconnect();
          r();
        });
        mo.observe(count, { childList: true, characterData: true, subtree: true });
      });
      apply();
      await Promise.race([changed, new Promise((r) => setTimeout(r, 2000))]);
      const dom = performance.now() - t0;
      await frame();
      const painted = performance.now() - t0;
      return count.textContent === before ? null : { dom, painted };
    };
    const out = [];
    const search = (v) => () => {
      setter.call(input, v);
      input.dispatchEvent(new Event("input", { bubbles: true }));
    };
    const category = document.querySelector('select[aria-label="Category"]');
    const selSetter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set;
    const choose = (v) => () => {
      selSetter.call(category, v);
      category.dispatchEvent(new Event("change", { bubbles: true }));
    };
    for (let round = 0; round < 2; round++) {
      for (const q of queries) {
        out.push(await run(search(q)));
        out.push(await run(search("")));
      }
      for (const c of ["top", "shoes", "bag", ""]) out.push(await run(choose(c)));
    }
    return out.filter((x) => x !== null);
  }, QUERIES);

  // Scroll: 120 frames at 120 px per frame; frame-to-frame times.
  const frames = await page.evaluate(async () => {
    window.scrollTo(0, 0);
    const times = [];
    let last = performance.now();
    for (let i = 0; i < 120; i++) {
      window.scrollBy(0, 120);
      await new Promise((r) => requestAnimationFrame(r));
      const t = performance.now();
      times.push(t - last);
      last = t;
    }
    return { times, domCards: document.querySelectorAll(".item-card").length };
  });
  await context.close();
  return { n, insertMs, paints, loads, latencies, frames };
}

async function main() {
  const executablePath = await findChromium();
  if (!executablePath) throw new Error(NO_BROWSER_MESSAGE);
  build();
  const shell = appShellGzip();
  const server = await startServer();
  const browser = await chromium.launch({ executablePath, args: HEADLESS_ARGS });
  const results = [];
  try {
    for (const n of SIZES) results.push(await measure(browser, n));
  } finally {
    await browser.close();
    stopServer(server);
  }
  const [base, big] = results;
  const rows = [
    ["bulk insert (items/s)", (r) => (r.n / r.insertMs) * 1000, null, 0],
    ["first grid paint median (ms)", (r) => median(r.paints)],
    ["first grid paint p95 (ms)", (r) => quantile(r.paints, 0.95)],
    ["all items loaded median (ms)", (r) => median(r.loads)],
    ["filter/search → DOM median (ms)", (r) => median(r.latencies.map((l) => l.dom))],
    [
      "filter/search → DOM p95 (ms)",
      (r) =>
        quantile(
          r.latencies.map((l) => l.dom),
          0.95,
        ),
    ],
    ["filter/search → frame median (ms)", (r) => median(r.latencies.map((l) => l.painted))],
    [
      "filter/search → frame p95 (ms)",
      (r) =>
        quantile(
          r.latencies.map((l) => l.painted),
          0.95,
        ),
    ],
    ["scroll frame median (ms)", (r) => median(r.frames.times)],
    ["scroll frame p95 (ms)", (r) => quantile(r.frames.times, 0.95)],
    ["cards in DOM while scrolling", (r) => r.frames.domCards, null, 0],
  ];
  console.log(`\nwardrobe bench (headless Chromium, production build, ${PAINT_RUNS} paint runs, ${big.latencies.length} filter ops)`);
  console.log(`${"metric".padEnd(36)}${String(base.n).padStart(12)}${String(big.n).padStart(12)}${"ratio".padStart(10)}`);
  for (const [label, f, , d = 1] of rows) {
    const a = f(base);
    const b = f(big);
    console.log(`${label.padEnd(36)}${fmt(a, d).padStart(12)}${fmt(b, d).padStart(12)}${fmt(b / a, 2).padStart(10)}`);
  }
  console.log(`app-shell JS: ${shell.files.length} file(s), ${(shell.raw / 1024).toFixed(1)} KiB raw, ${(shell.gz / 1024).toFixed(1)} KiB gzip`);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/wardrobe.json", JSON.stringify({ at: new Date().toISOString(), shell, results }, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
