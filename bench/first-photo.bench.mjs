// First-photo benchmark: how long the first photo takes to become an item when nothing of
// photo recognition is running yet, in headless Chromium on a built app with its service
// worker (real workers, real onnxruntime-web, real IndexedDB), through the real file input.
//   node bench/first-photo.bench.mjs [--runs 6] [--no-build] [--compare <other dist dir>]
// Each run is a new browser profile:
//   fresh        — first visit: the runtime and the models are fetched, the workers start;
//   reopened     — the page reloaded (the runtime and models are in the offline cache, the
//                  workers and their models start again, as every time the app is opened);
//   picked       — reopened, with the photo chosen the way a person does: "Add photos", then
//                  the picker for BENCH_PICK_MS (2,000 ms); timed from the choice;
//   warm         — the next photo on the same page: the in-process baseline (ratio = x / warm).
// --compare runs another build (e.g. the previous commit's, `CURATOR_DIST=dist-old vite
// build --mode e2e`) in the same process, A B B A, so both see the same machine state.
// Prints medians and p95; fails nothing on a timing.
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build, preview } from "vite";
import { chromium } from "playwright-core";
import { findChromium, HEADLESS_ARGS, NO_BROWSER_MESSAGE } from "../tools/browser.mjs";
import { writeFixtures } from "../e2e/fixtures/make-fixtures.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "6" },
    "no-build": { type: "boolean" },
    compare: { type: "string" },
  },
});
const RUNS = Math.max(3, Number(args.runs));
const PORT = Number(process.env.BENCH_PORT ?? 4193);
const DIST = process.env.CURATOR_DIST ?? "dist-first-photo-bench";
process.env.CURATOR_DIST = DIST;
const configFile = join(root, "vite.config.ts");
const PHOTOS = ["tshirt-navy.jpg", "trousers-olive.jpg", "dress-red.jpg"];
/** How long a person takes to choose a photo in the picker (the "picked" case). */
const PICK_MS = Number(process.env.BENCH_PICK_MS ?? 2000);

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
};
const fmt = (n) => (Number.isFinite(n) ? n.toFixed(0) : "n/a");

/**
 * Adds one photo; ms from the photo being chosen until the import report shows it. With
 * `pickMs`, the way a person does it: "Add photos" opens the picker, and the photo is
 * chosen that many ms later; without, straight into the file input (as the e2e do).
 */
async function addPhoto(page, file, pickMs = null) {
  const report = page.getByRole("region", { name: "Import results" });
  const review = page.getByRole("dialog", { name: /^Found \d+ pieces$/ });
  let t0;
  if (pickMs === null) {
    t0 = Date.now();
    await page.getByTestId("photo-input").setInputFiles(file);
  } else {
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Add photos" }).click()]);
    await page.waitForTimeout(pickMs);
    t0 = Date.now();
    await chooser.setFiles(file);
  }
  for (;;) {
    await report.or(review).first().waitFor({ timeout: 120_000 });
    if (await report.isVisible()) break;
    await review.getByRole("button", { name: "Import as one item" }).click();
  }
  const ms = Date.now() - t0;
  const dismiss = page.getByRole("button", { name: "Dismiss import results" });
  if (await dismiss.isVisible()) await dismiss.click();
  await report.waitFor({ state: "hidden" });
  return ms;
}

async function openApp(page, url) {
  await page.goto(url);
  await page.getByRole("heading", { name: "Wardrobe" }).waitFor();
}

/** Reloads the page (its workers end) once the service worker controls it. */
async function reopen(page) {
  await page.evaluate(async () => void (await navigator.serviceWorker.ready));
  await page.reload();
  await page.getByRole("heading", { name: "Wardrobe" }).waitFor();
}

/** One run: a new profile, two photos; reopened, one photo; reopened, one photo chosen in the picker. */
async function run(browser, url, files) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    page.on("pageerror", (e) => console.error("[page]", e.message));
    await openApp(page, url);
    const fresh = await addPhoto(page, files[0]);
    const warm = await addPhoto(page, files[1]);
    await reopen(page);
    const reopened = await addPhoto(page, files[2]);
    await reopen(page);
    const picked = await addPhoto(page, files[0], PICK_MS);
    return { fresh, reopened, picked, warm };
  } finally {
    await context.close();
  }
}

async function main() {
  const executablePath = await findChromium();
  if (!executablePath) throw new Error(NO_BROWSER_MESSAGE);
  if (!args["no-build"]) await build({ root, configFile, logLevel: "warn", mode: "e2e" });
  const builds = [{ name: DIST, port: PORT }];
  if (args.compare) builds.push({ name: args.compare, port: PORT + 1 });
  const servers = [];
  for (const b of builds)
    servers.push(await preview({ root, configFile, logLevel: "warn", build: { outDir: b.name }, preview: { port: b.port, strictPort: true } }));
  const { dir } = writeFixtures();
  const files = PHOTOS.map((f) => join(dir, f));
  const browser = await chromium.launch({ executablePath, args: HEADLESS_ARGS });
  const loadBefore = loadavg()[0].toFixed(2);
  const rows = new Map(builds.map((b) => [b.name, []]));
  try {
    for (let i = 0; i < RUNS; i++) {
      // A B B A: drift in the machine's load hits every build alike.
      const order = i % 2 === 0 ? builds : [...builds].reverse();
      for (const b of order) rows.get(b.name).push(await run(browser, `http://localhost:${b.port}/`, files));
    }
  } finally {
    await browser.close();
    for (const s of servers) await new Promise((r) => s.httpServer.close(r));
  }
  console.log(
    `\nfirst-photo bench: ms from choosing a photo to its import report (${RUNS} new profiles per build; load ${loadBefore} → ${loadavg()[0].toFixed(2)})`,
  );
  console.log(`${"build".padEnd(28)}${"case".padEnd(14)}${"median".padStart(8)}${"p95".padStart(8)}${"ratio".padStart(8)}`);
  for (const [name, rs] of rows) {
    const warm = quantile(
      rs.map((r) => r.warm),
      0.5,
    );
    for (const k of ["fresh", "reopened", "picked", "warm"]) {
      const xs = rs.map((r) => r[k]);
      const med = quantile(xs, 0.5);
      console.log(`${name.padEnd(28)}${k.padEnd(14)}${fmt(med).padStart(8)}${fmt(quantile(xs, 0.95)).padStart(8)}${(med / warm).toFixed(2).padStart(8)}`);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
