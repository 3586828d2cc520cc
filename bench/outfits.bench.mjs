#!/usr/bin/env node
// Outfit suggestion latency in Node: suggestOutfits (src/domain/outfits) on synthetic
// wardrobes of 100, 1,000 and 10,000 items (128-d embeddings, realistic category mix),
// 5 distinct outfits per call, contexts rotating through weather and occasions.
//   npm run bench -- outfits        or   node bench/outfits.bench.mjs [--runs 40] [--json out.json]
// The domain code is compiled by Vite (as in the app build) into a temporary module.
// Rows: "warm" = the same Item objects again (their prepared form is cached, as when
// the wardrobe screen re-asks); "cold" = fresh Item objects every call (everything
// recomputed, as after reloading the wardrobe); "learned" = warm, with a personal
// learner trained on 60 feedbacks; "daily" = learned, as the app asks each day: two
// weeks of wears (rotation), 2 % of the wardrobe in the wash, hemisphere and "I run
// cold" (contexts an older domain ignores, so the row runs against it too). Prints median and p95 of wall time and of this
// process's CPU time (the machine may be shared), and the ratio to the 100-item row.
// No figure here passes or fails anything.
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { bundleDomain } from "./bundle-domain.mjs";

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "40" }, json: { type: "string" } } });
const RUNS = Number(args.runs);
const SIZES = [100, 1_000, 10_000];
const NOW = Date.UTC(2026, 10, 20);
const CONTEXTS = [
  { occasion: "work", temperatureC: 6, rain: true },
  { occasion: "casual", temperatureC: 21 },
  { temperatureC: 29, gender: "women" },
  { occasion: "party", season: "winter", temperatureC: 2 },
  { occasion: "casual", temperatureC: 14, notWornDays: 7, gender: "men" },
  {},
].map((c) => ({ ...c, now: NOW }));

// Compile the domain module with Vite (rolldown + oxc, as the app build does).
const lib = await bundleDomain("outfits", {
  "src/domain/outfits/search.ts": ["suggestOutfits"],
  "src/domain/outfits/learner.ts": ["createLearner"],
  "src/domain/outfits/evaluate.ts": ["learnFromFeedback"],
  "src/domain/outfits/testing/synthetic-wardrobe.ts": ["syntheticWardrobe"],
});

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
};

/** Time `call(i)` `runs` times after `warmup` untimed calls; `setup(i)` runs untimed before each. */
function time(runs, warmup, call, setup = () => undefined) {
  const wall = [];
  const cpu = [];
  let outfits = 0;
  for (let i = 0; i < warmup + runs; i++) {
    const input = setup(i);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = call(i, input);
    const t1 = performance.now();
    const c = process.cpuUsage(c0);
    if (i >= warmup) {
      wall.push(t1 - t0);
      cpu.push((c.user + c.system) / 1000);
      outfits += r.outfits.length;
    }
  }
  return { median: quantile(wall, 0.5), p95: quantile(wall, 0.95), cpuMedian: quantile(cpu, 0.5), cpuP95: quantile(cpu, 0.95), outfitsPerCall: outfits / runs };
}

function trainedLearner(items) {
  let learner = lib.createLearner();
  for (let r = 0; r < 12; r++) {
    const ctx = CONTEXTS[r % CONTEXTS.length];
    for (const o of lib.suggestOutfits(items, ctx, { learner }).outfits)
      learner = lib.learnFromFeedback(
        learner,
        o.pieces.map((p) => p.item),
        r % 3 === 0 ? "dislike" : "like",
        ctx,
      );
  }
  return learner;
}

/** Two outfits a day worn over the last two weeks (from the suggestions), 2 % of the wardrobe in the wash, the user's settings. */
function dailyContext(items, learner) {
  const wears = [];
  for (let d = 1; d <= 14; d++) {
    const ctx = { ...CONTEXTS[d % CONTEXTS.length], now: NOW - d * 86_400_000 };
    for (const o of lib.suggestOutfits(items, ctx, { learner, count: 2 }).outfits) wears.push({ itemIds: o.pieces.map((p) => p.item.id), wornAt: ctx.now });
  }
  const inWashItemIds = items.filter((_, k) => k % 50 === 7).map((i) => i.id);
  return { wears, inWashItemIds, hemisphere: "north", feel: "cold" };
}

// Cold rows copy the wardrobe before each call (untimed) and collect that copy's
// garbage before the clock starts, so the harness's own allocations are not billed
// to suggestOutfits.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc");
const clone = (items) => {
  const copy = items.map((i) => ({ ...i, colours: i.colours.map((c) => ({ ...c })), embedding: i.embedding && [...i.embedding] }));
  gc();
  return copy;
};

console.log(
  `node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}, ${RUNS} runs per row`,
);
const rows = [];
for (const n of SIZES) {
  const items = lib.syntheticWardrobe(n, { seed: 11, now: NOW });
  const count = (c) => items.filter((i) => i.category === c).length;
  const combos = count("top") * count("bottom") * count("shoes") + count("dress") * count("shoes");
  const warm = time(RUNS, 5, (i) => lib.suggestOutfits(items, CONTEXTS[i % CONTEXTS.length]));
  const cold = time(
    Math.max(10, Math.round(RUNS / 2)),
    2,
    (i, fresh) => lib.suggestOutfits(fresh, CONTEXTS[i % CONTEXTS.length]),
    () => clone(items),
  );
  const learner = trainedLearner(items);
  const learned = time(RUNS, 5, (i) => lib.suggestOutfits(items, CONTEXTS[i % CONTEXTS.length], { learner }));
  const day = dailyContext(items, learner);
  const daily = time(RUNS, 5, (i) => lib.suggestOutfits(items, { ...CONTEXTS[i % CONTEXTS.length], ...day }, { learner }));
  rows.push({ n, combos, warm, cold, learned, daily });
}

const base = rows[0];
const f = (x) => x.toFixed(1).padStart(7);
console.log("\nsuggestOutfits, 5 distinct outfits per call (ms; ratios = median / median of the same kind at 100 items)");
console.log("items   core combinations   kind     wall median   wall p95   cpu median   cpu p95   wall ratio   cpu ratio   outfits/call");
for (const r of rows)
  for (const kind of ["warm", "cold", "learned", "daily"]) {
    const t = r[kind];
    const ratio = (x) => `${x.toFixed(1)}x`.padStart(9);
    console.log(
      `${String(r.n).padStart(6)}  ${r.combos.toExponential(1).padStart(18)}   ${kind.padEnd(7)}  ${f(t.median)}      ${f(t.p95)}   ${f(t.cpuMedian)}     ${f(t.cpuP95)}   ${ratio(t.median / base[kind].median)}   ${ratio(t.cpuMedian / base[kind].cpuMedian)}   ${t.outfitsPerCall.toFixed(1)}`,
    );
  }
console.log(
  `\nload average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
if (args.json) writeFileSync(args.json, JSON.stringify({ node: process.version, runs: RUNS, rows }, null, 2));
