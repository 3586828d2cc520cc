import { describe, expect, it } from "vitest";
import { dominantColours } from "./dominant";
import { mulberry32 } from "./kmeans";
import { deltaEOK, hexToOklab } from "./oklab";
import { FASHION_PALETTE } from "./palette";
import { syntheticGarment } from "./testing/synthetic-image";

// The statistical guard of dominantColours (the focused cases are in dominant.test.ts). Its
// own file, named *.accuracy.test.ts: it is the slowest colour test by far under
// instrumentation, so mutation runs leave it out unless CURATOR_MUTATE_ACCURACY=1, and then
// run it after the fast tests (vitest.mutation.config.ts). `npm test` always runs it.
describe("dominantColours accuracy", () => {
  it("recovers k, names and shares on 150 random garments with noise σ 4–12 (accuracy report)", () => {
    const rand = mulberry32(2024);
    const labs = FASHION_PALETTE.map((c) => hexToOklab(c.hex));
    let kRight = 0;
    let namesRight = 0;
    let shareErrSum = 0;
    let shareErrMax = 0;
    let shareCount = 0;
    const cases = 150;
    for (let t = 0; t < cases; t++) {
      const k = 1 + Math.floor(rand() * 4);
      // Colours a stylist would call different: at least ΔE_OK 0.12 apart.
      const picks: number[] = [];
      while (picks.length < k) {
        const i = Math.floor(rand() * FASHION_PALETTE.length);
        if (picks.every((j) => deltaEOK(labs[i]!, labs[j]!) >= 0.12)) picks.push(i);
      }
      const raw = picks.map(() => 0.1 + rand());
      const sum = raw.reduce((a, b) => a + b, 0);
      const regions = picks.map((i, r) => ({ hex: FASHION_PALETTE[i]!.hex, share: raw[r]! / sum }));
      const img = syntheticGarment(regions, { noise: 4 + (t % 3) * 4, seed: t + 1, width: 100, height: 120, layout: t % 2 ? "shuffle" : "bands" });
      const cs = dominantColours(img.pixels, img.mask);
      if (cs.length === k) kRight++;
      const want = new Map(regions.map((r, i) => [FASHION_PALETTE[picks[i]!]!.name, r.share]));
      if (cs.length === k && cs.every((c) => want.has(c.name))) {
        namesRight++;
        for (const c of cs) {
          const err = Math.abs(c.share - want.get(c.name)!);
          shareErrSum += err;
          shareErrMax = Math.max(shareErrMax, err);
          shareCount++;
        }
      }
    }
    const report = {
      cases,
      kCorrect: kRight / cases,
      namesCorrect: namesRight / cases,
      meanShareErrorPts: (100 * shareErrSum) / shareCount,
      maxShareErrorPts: 100 * shareErrMax,
    };
    console.log("[dominantColours accuracy]", JSON.stringify(report));
    expect(report.kCorrect).toBeGreaterThanOrEqual(0.93);
    expect(report.namesCorrect).toBeGreaterThanOrEqual(0.93);
    expect(report.meanShareErrorPts).toBeLessThan(1);
  });
});
