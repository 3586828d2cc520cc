#!/usr/bin/env node
// Lighthouse (mobile) against `vite preview` of a production build, with this machine's
// Chromium. Prints every run and the median of each score and metric.
//
//   npm run lighthouse                       # builds into dist-lighthouse/, 3 runs, simulated throttling
//   npm run lighthouse -- --no-build --dist dist --runs 5 --throttling provided
//   npm run lighthouse -- --color-scheme dark  # the dark theme (prefers-color-scheme: dark)
//
// --throttling simulate (Lighthouse's default: the page loads unthrottled and the
// metrics are modelled for a mid-range phone on slow 4G) or provided (no throttling at
// all: what this machine measures). Scores depend on the machine's load: compare runs
// made under the same conditions only.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { findChromium, HEADLESS_ARGS, NO_BROWSER_MESSAGE } from "./browser.mjs";
import { servePreview } from "./preview.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: {
    dist: { type: "string", default: "dist-lighthouse" },
    "no-build": { type: "boolean", default: false },
    runs: { type: "string", default: "3" },
    port: { type: "string", default: "4199" },
    throttling: { type: "string", default: "simulate" },
    out: { type: "string" },
    "color-scheme": { type: "string", default: "light" },
  },
});
const dist = args.dist;
const runs = Number(args.runs);
const port = Number(args.port);
if (!["simulate", "provided", "devtools"].includes(args.throttling)) throw new Error("--throttling is simulate, provided or devtools");
if (!["light", "dark"].includes(args["color-scheme"])) throw new Error("--color-scheme is light or dark");
// Blink's preferred colour scheme: 0 dark, 1 light (what prefers-color-scheme reports).
const schemeFlag = `--blink-settings=preferredColorScheme=${args["color-scheme"] === "dark" ? 0 : 1}`;

const chromePath = await findChromium();
if (!chromePath) {
  console.error(NO_BROWSER_MESSAGE);
  process.exit(1);
}

const { url, stop: stopServer } = await servePreview({ dist, port, build: !args["no-build"] });

const METRICS = {
  "first-contentful-paint": "FCP",
  "largest-contentful-paint": "LCP",
  "total-blocking-time": "TBT",
  "cumulative-layout-shift": "CLS",
  "speed-index": "SI",
};
const CATEGORIES = ["performance", "accessibility", "best-practices"];

const results = [];
for (let i = 0; i < runs; i++) {
  // A fresh profile per run: no service worker, no HTTP cache from the previous run.
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ["--headless=new", ...HEADLESS_ARGS, schemeFlag] });
  try {
    const { lhr } = await lighthouse(
      url,
      { port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES, throttlingMethod: args.throttling },
      undefined,
    );
    if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const row = {};
    for (const c of CATEGORIES) row[c] = Math.round((lhr.categories[c]?.score ?? NaN) * 100);
    for (const [id, short] of Object.entries(METRICS)) row[short] = lhr.audits[id]?.numericValue;
    const failing = Object.values(lhr.audits)
      .filter(
        (a) =>
          a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "notApplicable" && a.scoreDisplayMode !== "manual",
      )
      .map((a) => a.id);
    row.failing = failing;
    results.push(row);
    console.log(`run ${i + 1}: ${format(row)}`);
    if (args.out) {
      mkdirSync(dirname(resolve(args.out)), { recursive: true });
      writeFileSync(resolve(`${args.out.replace(/\.json$/, "")}-${i + 1}.json`), JSON.stringify(lhr));
    }
  } finally {
    await chrome.kill();
  }
}
stopServer();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const med = {};
for (const k of [...CATEGORIES, ...Object.values(METRICS)]) med[k] = median(results.map((r) => r[k]));
console.log(`\nmedian of ${runs} (mobile, throttling ${args.throttling}, ${args["color-scheme"]} theme, ${dist}/): ${format(med)}`);
const alwaysFailing = results[0]?.failing.filter((id) => results.every((r) => r.failing.includes(id))) ?? [];
if (alwaysFailing.length) console.log(`audits below full marks in every run: ${alwaysFailing.join(", ")}`);
mkdirSync(join(root, "test-results"), { recursive: true });
writeFileSync(
  join(root, "test-results", "lighthouse-summary.json"),
  JSON.stringify({ throttling: args.throttling, colorScheme: args["color-scheme"], dist, runs: results, median: med }, null, 2),
);
process.exit(0);

function format(r) {
  const cats = CATEGORIES.map((c) => `${c} ${r[c]}`).join(", ");
  const ms = (v) => (v === undefined ? "?" : `${(v / 1000).toFixed(2)} s`);
  return `${cats} | FCP ${ms(r.FCP)}, LCP ${ms(r.LCP)}, SI ${ms(r.SI)}, TBT ${Math.round(r.TBT ?? NaN)} ms, CLS ${(r.CLS ?? NaN).toFixed(3)}`;
}
