import { describe, expect, it } from "vitest";
import { classDistribution, confidenceOverTime, corrections, drift, monitoringReport } from "./report";
import { drawCategory, drawFromHistogram, makeLog, seeded } from "./testing";
import type { ConfidenceHistogram } from "./types";
import type { PredictionLog } from "../vision/predictionLog";
import { sameModel, type ModelRef } from "../vision/modelRef";

const at = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).getTime();
const DAY = 86_400_000;

describe("an empty log and a single record", () => {
  it("reports nothing without failing", () => {
    const r = monitoringReport([], { now: at(2026, 12, 1), threshold: 0.93 });
    expect(r).toMatchObject({ total: 0, garments: 0, noGarment: 0, pending: 0, firstAt: null, lastAt: null, classes: [] });
    expect(r.confidence.byDay).toEqual([]);
    expect(r.confidence.byVersion).toEqual([]);
    expect(r.corrections).toMatchObject({ answered: 0, rate: null, askedRate: null, byClass: [], confusions: [], byDay: [] });
    expect(r.drift.model).toBeNull();
    expect(r.drift.vsTest.verdict).toBe("no-reference");
    expect(r.drift.confidenceVsHistory.verdict).toBe("not-enough-data");
    expect(r.drift.classesVsHistory.verdict).toBe("not-enough-data");
  });

  it("one photo: every percentile is its confidence", () => {
    const r = monitoringReport([makeLog({ createdAt: at(2026, 11, 3), confidence: 0.81, outcome: "pending" })], { now: at(2026, 11, 4) });
    expect(r.confidence.byDay).toEqual([{ day: "2026-11-03", n: 1, median: 0.81, p10: 0.81, p90: 0.81, below: 1, shareBelow: 1 }]);
    expect(r.pending).toBe(1);
    expect(r.corrections.answered).toBe(0);
    expect(r.drift.confidenceVsHistory).toMatchObject({ verdict: "not-enough-data", recentN: 1, referenceN: 0 });
  });
});

describe("confidence over time", () => {
  const day1 = [0.5, 0.9, 0.95, 0.99, 1.0].map((c, i) =>
    makeLog({ createdAt: at(2026, 11, 3, 9 + i), confidence: c, outcome: c < 0.93 ? "pending" : "accepted" }),
  );
  const logs = [
    ...day1,
    // 23:30 and 00:30 are different days for the user.
    makeLog({ createdAt: at(2026, 11, 4, 23, 30), confidence: 0.6, threshold: 0.5 }),
    makeLog({ createdAt: at(2026, 11, 5, 0, 30), confidence: 0.7 }),
    makeLog({ createdAt: at(2026, 11, 5, 1), outcome: "no-garment", finalCategory: "accessory", finalSubtype: "hat" }),
  ];

  it("gives n, median, p10, p90 and the share below the threshold per local day", () => {
    const { byDay } = confidenceOverTime(logs);
    expect(byDay.map((d) => d.day)).toEqual(["2026-11-03", "2026-11-04", "2026-11-05"]);
    const d = byDay[0]!;
    expect(d.n).toBe(5);
    expect(d.median).toBeCloseTo(0.95, 12);
    expect(d.p10).toBeCloseTo(0.5 + 0.4 * 0.4, 12); // h = 0.4 between 0.5 and 0.9
    expect(d.p90).toBeCloseTo(0.99 + 0.6 * 0.01, 12); // h = 3.6 between 0.99 and 1
    expect(d.below).toBe(2);
    expect(d.shareBelow).toBeCloseTo(0.4, 12);
    // Each photo's own threshold counts: 0.6 was above the 0.5 in force then.
    expect(byDay[1]).toMatchObject({ n: 1, below: 0 });
    // The no-garment photo has no confidence: not counted.
    expect(byDay[2]).toMatchObject({ n: 1, below: 1 });
  });

  it("keeps model versions apart so a model change shows", () => {
    const v2 = [0.98, 0.99].map((c, i) => makeLog({ createdAt: at(2026, 11, 5, 10 + i), confidence: c, modelVersion: "garment-classifier@2" }));
    const { byVersion, byDay } = confidenceOverTime([...v2, ...logs]);
    // v2 as text, as rows stored before model identities were objects: read all the same.
    expect(byVersion.map((v) => v.model)).toEqual([
      { name: "garment-classifier", version: 1 },
      { name: "garment-classifier", version: 2 },
    ]);
    expect(byVersion[0]!.n).toBe(7);
    expect(byVersion[1]).toMatchObject({ n: 2, shareBelow: 0, firstAt: at(2026, 11, 5, 10), lastAt: at(2026, 11, 5, 11) });
    expect(byVersion[1]!.median).toBeCloseTo(0.985, 12);
    expect(byVersion[1]!.days.map((d) => d.day)).toEqual(["2026-11-05"]);
    // The combined day mixes both versions.
    expect(byDay[2]!.n).toBe(3);
  });
});

describe("class distribution and corrections", () => {
  const t = at(2026, 11, 10);
  const logs: PredictionLog[] = [
    makeLog({ createdAt: t, category: "top", outcome: "accepted" }),
    makeLog({ createdAt: t, category: "top", outcome: "accepted" }),
    makeLog({ createdAt: t, category: "top", subtype: "shirt", outcome: "corrected", confidence: 0.6, finalCategory: "top", finalSubtype: "t-shirt" }),
    makeLog({ createdAt: t, category: "top", subtype: "shirt", outcome: "corrected", confidence: 0.55, finalCategory: "top", finalSubtype: "t-shirt" }),
    makeLog({ createdAt: t + DAY, category: "outerwear", outcome: "corrected", confidence: 0.7, finalCategory: "top", finalSubtype: "sweater" }),
    makeLog({ createdAt: t + DAY, category: "shoes", outcome: "confirmed", confidence: 0.8 }),
    makeLog({ createdAt: t + DAY, category: "bag", outcome: "pending", confidence: 0.4 }),
    makeLog({ createdAt: t + DAY, outcome: "no-garment", finalCategory: "accessory", finalSubtype: "belt" }),
  ];

  it("counts the first choice vs what items were filed as", () => {
    expect(classDistribution(logs)).toEqual([
      { category: "top", predicted: 4, final: 5 },
      { category: "outerwear", predicted: 1, final: 0 },
      { category: "shoes", predicted: 1, final: 1 },
      { category: "bag", predicted: 1, final: 0 }, // pending: no final yet
      { category: "accessory", predicted: 0, final: 1 }, // no garment found, chosen by hand
    ]);
  });

  it("gives the correction rate overall, when asked, per class, per day, and what was confused", () => {
    const c = corrections(logs);
    expect(c).toMatchObject({ accepted: 2, confirmed: 1, corrected: 3, answered: 6 });
    expect(c.rate).toBeCloseTo(3 / 6, 12);
    expect(c.askedRate).toBeCloseTo(3 / 4, 12);
    expect(c.byClass).toEqual([
      { category: "top", answered: 4, corrected: 2, rate: 0.5 },
      { category: "outerwear", answered: 1, corrected: 1, rate: 1 },
      { category: "shoes", answered: 1, corrected: 0, rate: 0 },
    ]);
    expect(c.confusions.map((x) => [`${x.from.category}/${x.from.subtype}`, `${x.to.category}/${x.to.subtype}`, x.count])).toEqual([
      ["top/shirt", "top/t-shirt", 2],
      ["outerwear/coat", "top/sweater", 1],
    ]);
    expect(c.byDay).toEqual([
      { day: "2026-11-10", answered: 4, corrected: 2, rate: 0.5 },
      { day: "2026-11-11", answered: 2, corrected: 1, rate: 0.5 },
    ]);
  });
});

// A test-set histogram shaped like a calibrated ~89 %-accurate classifier's (10,000 photos).
const TEST: ConfidenceHistogram = {
  bins: 20,
  range: [0, 1],
  counts: [0, 0, 0, 0, 0, 0, 20, 60, 110, 150, 190, 210, 230, 260, 300, 350, 420, 560, 1100, 6040],
};
// Photos unlike the training data: the model is much less sure.
const UNSURE = [0, 0, 0, 0, 0, 0, 300, 500, 700, 800, 900, 900, 800, 800, 700, 700, 600, 600, 700, 1000];
const V = { name: "garment-classifier", version: 1 };
const reference = (m: ModelRef) => (sameModel(m, V) ? TEST : null);
const NOW = at(2026, 12, 1);

function synthLog(n: number, from: number, to: number, hist: readonly number[], mix: Parameters<typeof drawCategory>[0], seed: number): PredictionLog[] {
  const r = seeded(seed);
  return Array.from({ length: n }, (_, i) => {
    const confidence = drawFromHistogram(hist, r);
    return makeLog({
      createdAt: from + ((to - from) * i) / n,
      confidence,
      category: drawCategory(mix, r),
      outcome: confidence >= 0.93 ? "accepted" : "pending",
    });
  });
}
const USUAL = { top: 4, bottom: 2, dress: 1, outerwear: 1, shoes: 2, bag: 1 };

describe("drift", () => {
  const earlier = synthLog(400, NOW - 120 * DAY, NOW - 40 * DAY, TEST.counts, USUAL, 1);

  it("a stable log is not flagged, against the test set or its own history", () => {
    const recent = synthLog(300, NOW - 20 * DAY, NOW, TEST.counts, USUAL, 2);
    const d = drift([...earlier, ...recent], { now: NOW, reference });
    expect(d).toMatchObject({ model: V, recentN: 300, earlierN: 400, bins: 20 });
    expect(d.vsTest.verdict).toBe("stable");
    expect(d.vsTest.psi!).toBeLessThan(0.1);
    expect(d.vsTest.referenceN).toBe(10_000);
    expect(d.confidenceVsHistory.verdict).toBe("stable");
    expect(d.classesVsHistory.verdict).toBe("stable");
    expect(d.testShares![19]).toBeCloseTo(0.604, 12);
    expect(d.recentShares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("a drifted log is flagged: lower confidence and a different mix of garments", () => {
    const recent = synthLog(300, NOW - 20 * DAY, NOW, UNSURE, { bag: 4, shoes: 4, top: 1 }, 3);
    const d = drift([...earlier, ...recent], { now: NOW, reference });
    expect(d.vsTest.verdict).toBe("drift");
    expect(d.vsTest.psi!).toBeGreaterThan(0.25);
    expect(d.confidenceVsHistory.verdict).toBe("drift");
    expect(d.classesVsHistory.verdict).toBe("drift");
  });

  it("a mild shift is 'watch', between the lines", () => {
    // 30 % of the recent photos from the unsure distribution (expected PSI ≈ 0.16 before merging bins).
    const mixed = TEST.counts.map((c, i) => 0.7 * c + 0.3 * UNSURE[i]!);
    const recent = synthLog(1500, NOW - 20 * DAY, NOW, mixed, USUAL, 4);
    const d = drift(recent, { now: NOW, reference });
    expect(d.vsTest.psi!).toBeGreaterThanOrEqual(0.1);
    expect(d.vsTest.psi!).toBeLessThanOrEqual(0.25);
    expect(d.vsTest.verdict).toBe("watch");
  });

  it("says 'no reference' without a test histogram, and 'not enough data' for a few photos", () => {
    const recent = synthLog(12, NOW - 2 * DAY, NOW, UNSURE, USUAL, 5);
    const d = drift([...earlier, ...recent], { now: NOW, reference: () => null });
    expect(d.vsTest.verdict).toBe("no-reference");
    expect(d.confidenceVsHistory).toMatchObject({ verdict: "not-enough-data", short: "recent", recentN: 12 });
    expect(d.confidenceVsHistory.neededRecent).toBeGreaterThan(12);
    const withTest = drift(recent, { now: NOW, reference });
    expect(withTest.vsTest).toMatchObject({ verdict: "not-enough-data", short: "recent" });
  });

  it("checks the model in use only, and its window only", () => {
    const other = synthLog(300, NOW - 10 * DAY, NOW, UNSURE, USUAL, 6).map((l) => ({ ...l, modelVersion: "garment-classifier@2" }));
    const d = drift([...earlier, ...other], { now: NOW, model: V, reference });
    expect(d.recentN).toBe(0);
    expect(d.earlierN).toBe(400);
    // The latest version is the default.
    expect(drift([...earlier, ...other], { now: NOW }).model).toEqual({ name: "garment-classifier", version: 2 });
    // A photo exactly 30 days old is in the window; pending and no-garment photos: only those with a confidence count.
    const edge = [makeLog({ createdAt: NOW - 30 * DAY, outcome: "pending", confidence: 0.5 }), makeLog({ createdAt: NOW - DAY, outcome: "no-garment" })];
    expect(drift(edge, { now: NOW }).recentN).toBe(1);
  });
});

describe("a log in no particular order (as IndexedDB or a sync may return it)", () => {
  // Three days, written out of order; confidences unsorted within a day; two model versions.
  const t = at(2026, 11, 20);
  const v2 = { name: "garment-classifier", version: 2 };
  const logs: PredictionLog[] = [
    makeLog({ createdAt: t + 2 * DAY, confidence: 0.7, outcome: "corrected", category: "bottom", finalCategory: "dress", finalSubtype: null }),
    makeLog({ createdAt: t, confidence: 0.99 }),
    makeLog({ createdAt: t + DAY + 5, confidence: 0.96, modelVersion: v2 }),
    makeLog({ createdAt: t, confidence: 0.2, outcome: "pending" }),
    makeLog({ createdAt: t + 2 * DAY, outcome: "no-garment" }),
    makeLog({ createdAt: t, confidence: 0.6, outcome: "corrected", category: "shoes", finalCategory: "bag", finalSubtype: "tote" }),
    makeLog({ createdAt: t + DAY, confidence: 0.95, modelVersion: v2 }),
    makeLog({ createdAt: t - DAY, confidence: 0.5, outcome: "corrected", category: "bottom", finalCategory: "dress", finalSubtype: null }),
    makeLog({ createdAt: t + DAY + 9, confidence: 0.98, outcome: "confirmed", modelVersion: v2 }),
  ];
  const report = monitoringReport(logs, { now: t + 3 * DAY });

  it("counts photos, garments, no-garment and pending photos, and spans the log", () => {
    expect(report).toMatchObject({ generatedAt: t + 3 * DAY, threshold: null, total: 9, garments: 8, noGarment: 1, pending: 1 });
    expect(report.firstAt).toBe(t - DAY);
    expect(report.lastAt).toBe(t + 2 * DAY);
    expect(monitoringReport(logs, { now: t, threshold: 0.9 }).threshold).toBe(0.9);
  });

  it("sorts days and each day's confidences before taking percentiles", () => {
    const { byDay, byVersion } = report.confidence;
    expect(byDay.map((d) => d.day)).toEqual(["2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22"]);
    const first = byDay[1]!; // 0.99, 0.2, 0.6 → sorted 0.2, 0.6, 0.99
    expect(first.median).toBeCloseTo(0.6, 12);
    expect(first.p10).toBeCloseTo(0.2 + 0.2 * 0.4, 12);
    expect(first.p90).toBeCloseTo(0.6 + 0.8 * 0.39, 12);
    expect(byDay[2]).toMatchObject({ n: 3, below: 0 });
    expect(byDay[2]!.median).toBeCloseTo(0.96, 12);
    // Each version's first and last photo, whatever the order they came in.
    expect(byVersion.map((v) => [v.model.version, v.firstAt, v.lastAt, v.n])).toEqual([
      [1, t - DAY, t + 2 * DAY, 5],
      [2, t + DAY, t + DAY + 9, 3],
    ]);
    expect(byVersion[0]!.days.map((d) => d.day)).toEqual(["2026-11-19", "2026-11-20", "2026-11-22"]);
  });

  it("sorts correction days, puts the commonest confusion first, and keeps a missing final subtype apart", () => {
    const c = report.corrections;
    expect(c).toMatchObject({ accepted: 3, confirmed: 1, corrected: 3, answered: 7 });
    expect(c.askedRate).toBeCloseTo(3 / 4, 12);
    expect(c.byDay.map((d) => [d.day, d.answered, d.corrected])).toEqual([
      ["2026-11-19", 1, 1],
      ["2026-11-20", 2, 1],
      ["2026-11-21", 3, 0],
      ["2026-11-22", 1, 1],
    ]);
    expect(c.confusions.map((x) => [x.from.category, x.to.category, x.to.subtype, x.count])).toEqual([
      ["bottom", "dress", null, 2],
      ["shoes", "bag", "tote", 1],
    ]);
    // Equal counts: by the predicted label, alphabetically.
    // Given trousers → dress first, sneakers → bag still comes first ("sneakers" < "trousers").
    const tie = corrections([logs[0]!, logs[5]!]);
    expect(tie.confusions.map((x) => x.from.label)).toEqual(["sneakers", "trousers"]);
    // Only corrections: the asked rate is 1; nothing asked: no rate.
    expect(corrections([logs[0]!]).askedRate).toBe(1);
    expect(corrections([logs[1]!]).askedRate).toBeNull();
  });

  it("takes the model of the latest photo for drift, and leaves out photos after 'now'", () => {
    // The latest photo is version 1's (t + 2 days): version 2 came in between.
    expect(report.drift.model).toEqual({ name: "garment-classifier", version: 1 });
    expect(report.drift.recentN).toBe(5);
    const early = drift(logs, { now: t + DAY / 2 });
    expect(early.model).toEqual({ name: "garment-classifier", version: 1 });
    expect(early.recentN).toBe(4); // the four v1 photos up to t; the later ones are not counted yet
    // A photo exactly at the window's start is recent; one a millisecond before is earlier.
    const start = t + 3 * DAY - 30 * DAY;
    const edge = drift([makeLog({ createdAt: start }), makeLog({ createdAt: start - 1 })], { now: t + 3 * DAY });
    expect([edge.recentN, edge.earlierN]).toEqual([1, 1]);
    // A record with no first choice is not a garment, whatever its outcome says.
    const odd = { ...makeLog({ createdAt: t }), top: [] };
    expect(monitoringReport([odd], { now: t }).garments).toBe(0);
    expect(monitoringReport([{ ...makeLog({ createdAt: t }), confidence: Number.NaN }], { now: t }).garments).toBe(0);
  });
});
