import "fake-indexeddb/auto";
import { appendFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runFuzz, totals, type FuzzReport } from "./fuzzTestkit";
import { syncFixtures } from "./syncTestkit";

/**
 * The sync fuzzer (fuzzTestkit.ts), seeded and reproducible. CI runs a short set of
 * seeds; `npm run bench -- sync-fuzz` runs a long soak through this same file
 * (SYNC_FUZZ_SEEDS, SYNC_FUZZ_ROUNDS, SYNC_FUZZ_FIRST_SEED) and prints its figures.
 * A failing seed replays exactly: SYNC_FUZZ_FIRST_SEED=<seed> SYNC_FUZZ_SEEDS=1.
 */

const fx = syncFixtures();
const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const FIRST = env("SYNC_FUZZ_FIRST_SEED", 1);
const SEEDS = env("SYNC_FUZZ_SEEDS", 3);
const ROUNDS = env("SYNC_FUZZ_ROUNDS", 14);
/** Where the soak (bench/sync-fuzz.bench.mjs) reads each seed's report as it finishes. */
const OUT = process.env.SYNC_FUZZ_OUT;

describe("sync under random edits and faults (seeded)", () => {
  it(
    `${SEEDS} seeds × ${ROUNDS} rounds, three devices: every device ends identical, nothing written is lost, no photo is missing`,
    async () => {
      const reports: FuzzReport[] = [];
      for (let seed = FIRST; seed < FIRST + SEEDS; seed++) {
        const t0 = performance.now();
        const r = await runFuzz({ seed, rounds: ROUNDS, port: fx.port });
        reports.push(r);
        const line = `SYNC-FUZZ-SEED ${JSON.stringify({ ...r, ms: Math.round(performance.now() - t0) })}`;
        console.log(line);
        if (OUT) appendFileSync(OUT, `${line}\n`);
      }
      const sum = totals(reports);
      console.log(`SYNC-FUZZ-TOTAL ${JSON.stringify(sum)}`);
      if (OUT) appendFileSync(OUT, `SYNC-FUZZ-TOTAL ${JSON.stringify(sum)}\n`);
      expect(reports.flatMap((r) => r.problems)).toEqual([]);
      expect(sum.itemsLost + sum.photosLost).toBe(0);
      // The run exercised what it claims to (a seed set that injects no faults would prove little).
      expect(sum.syncs.ok).toBeGreaterThan(SEEDS * 4);
    },
    Math.max(600_000, SEEDS * ROUNDS * 5_000),
  );
});
