// Trips and capsules over synthetic wardrobes (the domain compiled by Vite, as the app's
// build does): planTrip for a 7-day and a 14-day trip with two occasions, buildCapsule for
// K = 10 and 15, at 100 and 500 pieces. Prints median and p95 wall time, and the ratio to
// the 100-piece row. The issue's target is <= 1 s at 500 pieces. No figure passes or fails anything.
// Also the capsule's piece from the shop (capsule-shop.ts) for the K=15 capsule: catalogWants (what
// to ask the catalog for) and rankCatalogProducts over 48 products (what a 6-query answer holds).
import { parseArgs } from "node:util";
import { bundleDomain } from "./bundle-domain.mjs";

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "7" } } });
const RUNS = Number(args.runs);
const NOW = Date.UTC(2026, 10, 20);

const lib = await bundleDomain("trips", {
  "src/domain/outfits/trip.ts": ["planTrip", "tripDates"],
  "src/domain/outfits/capsule.ts": ["buildCapsule"],
  "src/domain/outfits/capsule-shop.ts": ["catalogWants", "rankCatalogProducts"],
  "src/domain/outfits/testing/synthetic-wardrobe.ts": ["syntheticWardrobe"],
});

const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
function time(fn) {
  fn(); // warm-up
  const ms = [];
  let result;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    result = fn();
    ms.push(performance.now() - t);
  }
  return { median: q(ms, 0.5), p95: q(ms, 0.95), result };
}
const trip = (days) => ({
  days: lib.tripDates("2026-05-11", days).map((date, k) => ({ date, occasion: k % 3 === 1 ? "work" : "casual", temperatureC: 12 })),
  laundryEveryDays: null,
});

const rows = [];
for (const n of [100, 500]) {
  const items = lib.syntheticWardrobe(n, { seed: 5, now: NOW });
  for (const days of [7, 14]) {
    const t = time(() => lib.planTrip(items, trip(days)));
    rows.push({ what: `planTrip ${days} days`, n, ...t, detail: `${t.result.items.length} pieces` });
  }
  for (const size of [10, 15]) {
    const t = time(() => lib.buildCapsule(items, { occasion: "casual", season: "autumn", temperatureC: 14, now: NOW }, { size }));
    rows.push({ what: `buildCapsule K=${size}`, n, ...t, detail: `${t.result.outfits} outfits` });
  }
  const ctx = { occasion: "casual", season: "autumn", temperatureC: 14, now: NOW };
  const capsule = lib.buildCapsule(items, ctx, { size: 15 }).items;
  const wants = time(() => lib.catalogWants(capsule, ctx));
  rows.push({ what: "catalogWants K=15", n, ...wants, detail: `${wants.result.length} kinds asked for` });
  const kinds = [
    ["top", "t-shirt"],
    ["top", "shirt"],
    ["bottom", "trousers"],
    ["dress", "dress"],
    ["shoes", "boots"],
    ["shoes", "sneakers"],
  ];
  const colours = ["black", "white", "navy", "grey", "beige", "red", "blue", "brown"];
  const products = Array.from({ length: 48 }, (_, k) => {
    const [category, subtype] = kinds[k % kinds.length];
    return { id: `p${k}`, name: subtype, category, subtype, gender: "unisex", colour: colours[k % colours.length] };
  });
  const ranked = time(() => lib.rankCatalogProducts(capsule, ctx, products));
  rows.push({ what: "rank 48 products K=15", n, ...ranked, detail: `${ranked.result.length} add outfits, best +${ranked.result[0]?.adds ?? 0}` });
}
console.log(`\ntrips and capsules (ms, ${RUNS} runs after a warm-up; ratio = median / median at 100 pieces)`);
console.log("what                   pieces   median      p95    ratio   result");
for (const r of rows) {
  const base = rows.find((x) => x.what === r.what && x.n === 100);
  console.log(
    `${r.what.padEnd(22)} ${String(r.n).padStart(6)} ${r.median.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${`${(r.median / base.median).toFixed(1)}x`.padStart(8)}   ${r.detail}`,
  );
}
