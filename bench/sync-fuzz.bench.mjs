#!/usr/bin/env node
// Sync fuzzer soak: many seeds × many rounds of the seeded sync fuzzer
// (src/sync/fuzzTestkit.ts, three devices against a real s3rver with random faults),
// run through its Vitest file with the long settings, then a summary: rounds, faults
// injected per kind, devices × operations, syncs and refusals, and anything lost.
// Usage: npm run bench -- sync-fuzz   (SYNC_FUZZ_SEEDS, SYNC_FUZZ_ROUNDS, SYNC_FUZZ_FIRST_SEED)
// A seed that finds a problem replays alone: SYNC_FUZZ_FIRST_SEED=<seed> SYNC_FUZZ_SEEDS=1.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = mkdtempSync(join(tmpdir(), "curator-sync-fuzz-"));
const results = join(dir, "seeds.jsonl");
const env = {
  SYNC_FUZZ_OUT: results,
  ...process.env,
  SYNC_FUZZ_SEEDS: process.env.SYNC_FUZZ_SEEDS ?? "20",
  SYNC_FUZZ_ROUNDS: process.env.SYNC_FUZZ_ROUNDS ?? "40",
  SYNC_FUZZ_FIRST_SEED: process.env.SYNC_FUZZ_FIRST_SEED ?? "1000",
  NO_COLOR: "1",
  FORCE_COLOR: "0",
};
console.log(`sync fuzz soak: ${env.SYNC_FUZZ_SEEDS} seeds from ${env.SYNC_FUZZ_FIRST_SEED}, ${env.SYNC_FUZZ_ROUNDS} rounds each, 3 devices`);
const t0 = Date.now();
const run = spawnSync(process.execPath, [join(root, "node_modules/vitest/vitest.mjs"), "run", "src/sync/syncFuzz.test.ts", "--reporter=verbose"], {
  cwd: root,
  env,
  encoding: "utf8",
  maxBuffer: 256 * 1024 * 1024,
});
let out = `${run.stdout}\n${run.stderr}`;
try {
  out += `\n${readFileSync(results, "utf8")}`;
} catch {
  // no seed finished
}
rmSync(dir, { recursive: true, force: true });
const seeds = [...new Map([...out.matchAll(/SYNC-FUZZ-SEED (\{.*\})/g)].map((m) => JSON.parse(m[1])).map((s) => [s.seed, s])).values()];
if (!seeds.length) {
  console.error(out.slice(-4000));
  console.error("the fuzzer printed no results");
  process.exit(1);
}
// Totals over the seeds that finished (all of them, unless the run was cut short).
const add = (a, b) => Object.fromEntries(Object.keys(b).map((k) => [k, (a[k] ?? 0) + b[k]]));
const sum = seeds.reduce(
  (t, s) => ({
    rounds: t.rounds + s.rounds,
    faults: add(t.faults, s.faults),
    operations: s.operations.reduce(add, t.operations),
    refusals: add(t.refusals, s.refusals),
    syncs: add(t.syncs, s.syncs),
    items: t.items + s.items,
    photos: t.photos + s.photos,
    itemsLost: t.itemsLost + s.itemsLost,
    photosLost: t.photosLost + s.photosLost,
    problems: t.problems + s.problems.length,
  }),
  { rounds: 0, faults: {}, operations: {}, refusals: {}, syncs: {}, items: 0, photos: 0, itemsLost: 0, photosLost: 0, problems: 0 },
);
const pad = (s, n) => String(s).padEnd(n);
const ops = Object.keys(seeds[0].operations[0]);

if (seeds.length < Number(env.SYNC_FUZZ_SEEDS)) console.log(`\n(only ${seeds.length} of ${env.SYNC_FUZZ_SEEDS} seeds finished)`);
console.log(
  `\n${seeds.length} seeds, ${sum.rounds} rounds in ${((Date.now() - t0) / 1000).toFixed(0)} s (${(seeds.reduce((a, s) => a + s.ms, 0) / seeds.length / 1000).toFixed(1)} s per seed)`,
);
console.log(`\nfaults injected:`);
for (const [k, v] of Object.entries(sum.faults))
  console.log(`  ${pad(k, 18)} ${v}${k === "skewed-clock" ? " (devices with a skewed clock, up to ±24 h)" : ""}`);
console.log(`\ndevices × operations:`);
console.log(`  ${pad("device", 8)}${ops.map((o) => pad(o, 9)).join("")}`);
for (let d = 0; d < seeds[0].operations.length; d++) {
  const row = ops.map((o) => seeds.reduce((a, s) => a + s.operations[d][o], 0));
  console.log(`  ${pad(d, 8)}${row.map((n) => pad(n, 9)).join("")}`);
}
console.log(`  ${pad("all", 8)}${ops.map((o) => pad(sum.operations[o], 9)).join("")}`);
console.log(`\nsyncs: ${sum.syncs.ok} ok, ${sum.syncs.failed} refused or failed as their fault explains:`);
for (const [k, v] of Object.entries(sum.refusals).sort((a, b) => b[1] - a[1])) console.log(`  ${pad(k, 26)} ${v}`);
console.log(`\nitems written: ${sum.items}; live photos at the end: ${sum.photos}`);
console.log(`items lost: ${sum.itemsLost}; photos lost: ${sum.photosLost}; invariant violations: ${sum.problems}`);
for (const s of seeds) for (const p of s.problems) console.log(`  ${p}`);
process.exit(run.status === 0 && sum.problems === 0 ? 0 : 1);
