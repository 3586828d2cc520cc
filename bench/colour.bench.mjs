// Dominant colours of a garment (src/domain/colour, compiled by Vite as the app's build does):
// dominantColours on synthetic garments of 12,500, 50,000 and 200,000 garment pixels (three
// colours, sensor noise, pixels shuffled), wall and CPU time per call: median and p95, and the
// ratio to the 12,500-pixel row (k-means fits a fixed 2,000-pixel sample; only the conversion
// to OKLab and the final refit grow with the pixel count). Moved here from the unit tests,
// where it asserted nothing. Usage: npm run bench -- colour [-- --runs 15]
import { parseArgs } from "node:util";
import { bundleDomain } from "./bundle-domain.mjs";

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "15" } } });
const RUNS = Number(args.runs);

const lib = await bundleDomain("colour", {
  "src/domain/colour/dominant.ts": ["dominantColours"],
  "src/domain/colour/testing/synthetic-image.ts": ["syntheticGarment"],
});

const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const fmt = (n) => n.toFixed(1).padStart(7);

const rows = [];
for (const side of [125, 250, 500]) {
  const img = lib.syntheticGarment(
    [
      { hex: "#1f2b52", share: 0.5 },
      { hex: "#c09162", share: 0.3 },
      { hex: "#f8f8f6", share: 0.2 },
    ],
    { width: side, height: side, noise: 8, layout: "shuffle", garmentFraction: 0.8 },
  );
  const garmentPx = img.mask.reduce((s, v) => s + (v ? 1 : 0), 0);
  const found = lib.dominantColours(img.pixels, img.mask); // warm-up
  const wall = [];
  const cpu = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    lib.dominantColours(img.pixels, img.mask, { seed: i });
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  rows.push({ side, garmentPx, wall, cpu, names: found.map((c) => c.name).join(" + ") });
}

console.log(`dominantColours, ${RUNS} runs per size (ms; CPU time too, as the machine may be busy)`);
console.log("image      garment px   wall median    p95   CPU median    p95   ratio (CPU median)  colours found");
const base = q(rows[0].cpu, 0.5);
for (const r of rows)
  console.log(
    `${`${r.side}×${r.side}`.padEnd(10)} ${String(r.garmentPx).padStart(10)}  ${fmt(q(r.wall, 0.5))}   ${fmt(q(r.wall, 0.95))}  ${fmt(q(r.cpu, 0.5))}  ${fmt(q(r.cpu, 0.95))}   ${(q(r.cpu, 0.5) / base).toFixed(2).padStart(8)}×         ${r.names}`,
  );
