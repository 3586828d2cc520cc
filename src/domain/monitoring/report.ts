/**
 * The monitoring report: everything the Model health screen shows, computed from the
 * prediction log alone (pure: no DOM, no storage).
 */
import type { PredictionLog } from "../vision/predictionLog";
import { isModel, modelRefText, readModelRef, type ModelRef } from "../vision/modelRef";
import { CATEGORIES, type Category } from "../wardrobe/types";
import { compareCounts } from "./psi";
import { localDate } from "../dates";
import { histogram, quantile, shares } from "./stats";
import type {
  ClassCount,
  ClassCorrections,
  ConfidenceHistogram,
  Confusion,
  Corrections,
  DayConfidence,
  DayCorrections,
  Drift,
  DriftCheck,
  MonitoringReport,
  VersionConfidence,
} from "./types";

export const DEFAULT_WINDOW_DAYS = 30;
export const HISTOGRAM_BINS = 20;
const DAY_MS = 86_400_000;

export interface MonitoringOptions {
  /** "Now", for the recent window. */
  now: number;
  /** The recent window for drift, in days (default 30). */
  windowDays?: number;
  /** The threshold in force now (drawn on the confidence chart). */
  threshold?: number | null;
  /** The classifier in use; default: the latest in the log. */
  model?: ModelRef | null;
  /** A model's test-set confidence histogram, when the registry has one. */
  reference?: (model: ModelRef) => ConfidenceHistogram | null | undefined;
}

/** Earliest and latest createdAt (a loop: spreading 10,000 arguments into Math.min is fragile). */
function span(logs: readonly PredictionLog[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of logs) {
    if (l.createdAt < lo) lo = l.createdAt;
    if (l.createdAt > hi) hi = l.createdAt;
  }
  return [lo, hi];
}

/** Photos where the classifier found a garment and gave a confidence. */
export const hasPrediction = (l: PredictionLog): boolean => l.outcome !== "no-garment" && l.top.length > 0 && Number.isFinite(l.confidence);

function summarise(day: string, logs: readonly PredictionLog[]): DayConfidence {
  const values = logs.map((l) => l.confidence).sort((a, b) => a - b);
  const below = logs.filter((l) => l.confidence < l.threshold).length;
  return {
    day,
    n: values.length,
    median: quantile(values, 0.5),
    p10: quantile(values, 0.1),
    p90: quantile(values, 0.9),
    below,
    shareBelow: values.length ? below / values.length : 0,
  };
}

function byDay(logs: readonly PredictionLog[]): DayConfidence[] {
  const days = new Map<string, PredictionLog[]>();
  for (const l of logs) {
    const d = localDate(l.createdAt);
    const list = days.get(d);
    if (list) list.push(l);
    else days.set(d, [l]);
  }
  return [...days.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([d, list]) => summarise(d, list));
}

export function confidenceOverTime(logs: readonly PredictionLog[]): { byDay: DayConfidence[]; byVersion: VersionConfidence[] } {
  const scored = logs.filter(hasPrediction);
  const versions = new Map<string, { model: ModelRef; list: PredictionLog[] }>();
  for (const l of scored) {
    const model = readModelRef(l.modelVersion);
    if (!model) continue; // no version to file it under (never written by the app)
    const group = versions.get(modelRefText(model));
    if (group) group.list.push(l);
    else versions.set(modelRefText(model), { model, list: [l] });
  }
  const byVersion = [...versions.values()]
    .map(({ model, list }): VersionConfidence => {
      const all = summarise("", list);
      const [firstAt, lastAt] = span(list);
      return { model, firstAt, lastAt, n: all.n, median: all.median, p10: all.p10, p90: all.p90, shareBelow: all.shareBelow, days: byDay(list) };
    })
    .sort((a, b) => a.firstAt - b.firstAt);
  return { byDay: byDay(scored), byVersion };
}

/** Predicted (first choice) vs final category counts, in the taxonomy's order, categories seen on either side only. */
export function classDistribution(logs: readonly PredictionLog[]): ClassCount[] {
  const predicted = new Map<Category, number>();
  const final = new Map<Category, number>();
  for (const l of logs) {
    const first = hasPrediction(l) ? l.top[0] : undefined;
    if (first) predicted.set(first.category, (predicted.get(first.category) ?? 0) + 1);
    if (l.finalCategory) final.set(l.finalCategory, (final.get(l.finalCategory) ?? 0) + 1);
  }
  return CATEGORIES.filter((c) => predicted.has(c) || final.has(c)).map((category) => ({
    category,
    predicted: predicted.get(category) ?? 0,
    final: final.get(category) ?? 0,
  }));
}

const ANSWERED = new Set(["accepted", "confirmed", "corrected"]);
const rate = (corrected: number, answered: number): number => (answered > 0 ? corrected / answered : 0);

export function corrections(logs: readonly PredictionLog[]): Corrections {
  const answered = logs.filter((l) => hasPrediction(l) && ANSWERED.has(l.outcome));
  const count = (o: string) => answered.filter((l) => l.outcome === o).length;
  const accepted = count("accepted");
  const confirmed = count("confirmed");
  const corrected = count("corrected");

  const perClass = new Map<Category, { answered: number; corrected: number }>();
  const confusions = new Map<string, Confusion>();
  const perDay = new Map<string, { answered: number; corrected: number }>();
  for (const l of answered) {
    const first = l.top[0]!;
    const wrong = l.outcome === "corrected";
    const c = perClass.get(first.category) ?? { answered: 0, corrected: 0 };
    c.answered += 1;
    if (wrong) c.corrected += 1;
    perClass.set(first.category, c);
    const d = localDate(l.createdAt);
    const day = perDay.get(d) ?? { answered: 0, corrected: 0 };
    day.answered += 1;
    if (wrong) day.corrected += 1;
    perDay.set(d, day);
    if (wrong && l.finalCategory) {
      const key = `${first.category}/${first.subtype}→${l.finalCategory}/${l.finalSubtype ?? ""}`;
      const entry = confusions.get(key) ?? {
        from: { category: first.category, subtype: first.subtype, label: first.label },
        to: { category: l.finalCategory, subtype: l.finalSubtype },
        count: 0,
      };
      entry.count += 1;
      confusions.set(key, entry);
    }
  }
  const byClass: ClassCorrections[] = CATEGORIES.filter((c) => perClass.has(c)).map((category) => {
    const c = perClass.get(category)!;
    return { category, answered: c.answered, corrected: c.corrected, rate: rate(c.corrected, c.answered) };
  });
  const byDay: DayCorrections[] = [...perDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([day, c]) => ({ day, answered: c.answered, corrected: c.corrected, rate: rate(c.corrected, c.answered) }));
  return {
    accepted,
    confirmed,
    corrected,
    answered: answered.length,
    rate: answered.length ? corrected / answered.length : null,
    askedRate: confirmed + corrected ? corrected / (confirmed + corrected) : null,
    byClass,
    confusions: [...confusions.values()].sort((a, b) => b.count - a.count || a.from.label.localeCompare(b.from.label)),
    byDay,
  };
}

const noReference = (recentN: number): DriftCheck => ({
  verdict: "no-reference",
  psi: null,
  recentN,
  referenceN: 0,
  bins: 0,
  chance: null,
  short: null,
  neededRecent: null,
});

/** Drift of the model in use: its recent window vs its test set, and vs its own earlier photos. */
export function drift(logs: readonly PredictionLog[], opts: MonitoringOptions): Drift {
  const windowDays = opts.windowDays ?? DEFAULT_WINDOW_DAYS;
  const recentFrom = opts.now - windowDays * DAY_MS;
  const scored = logs.filter(hasPrediction);
  const latest = scored.reduce<PredictionLog | null>((a, l) => (a === null || l.createdAt > a.createdAt ? l : a), null);
  const model = opts.model ?? (latest ? readModelRef(latest.modelVersion) : null);
  const mine = model ? scored.filter((l) => l.createdAt <= opts.now && isModel(l.modelVersion, model)) : [];
  const recent = mine.filter((l) => l.createdAt >= recentFrom);
  const earlier = mine.filter((l) => l.createdAt < recentFrom);

  const reference = model ? opts.reference?.(model) : null;
  const bins = reference?.counts.length ? reference.counts.length : HISTOGRAM_BINS;
  const recentHist = histogram(
    recent.map((l) => l.confidence),
    bins,
  );
  const vsTest = reference?.counts.length ? compareCounts(reference.counts, recentHist, "ordered") : noReference(recent.length);
  const earlierHist = histogram(
    earlier.map((l) => l.confidence),
    bins,
  );
  const confidenceVsHistory = compareCounts(earlierHist, recentHist, "ordered");

  const categoryCounts = (list: readonly PredictionLog[]) => CATEGORIES.map((c) => list.filter((l) => l.top[0]?.category === c).length);
  const classesVsHistory = compareCounts(categoryCounts(earlier), categoryCounts(recent), "categorical");

  return {
    model,
    windowDays,
    recentFrom,
    recentN: recent.length,
    earlierN: earlier.length,
    vsTest,
    confidenceVsHistory,
    classesVsHistory,
    recentShares: shares(recentHist),
    earlierShares: shares(earlierHist),
    testShares: reference?.counts.length ? shares(reference.counts) : null,
    bins,
  };
}

export function monitoringReport(logs: readonly PredictionLog[], opts: MonitoringOptions): MonitoringReport {
  const [firstAt, lastAt] = span(logs);
  return {
    generatedAt: opts.now,
    threshold: opts.threshold ?? null,
    total: logs.length,
    garments: logs.filter(hasPrediction).length,
    noGarment: logs.filter((l) => l.outcome === "no-garment").length,
    pending: logs.filter((l) => l.outcome === "pending").length,
    firstAt: logs.length ? firstAt : null,
    lastAt: logs.length ? lastAt : null,
    confidence: confidenceOverTime(logs),
    classes: classDistribution(logs),
    corrections: corrections(logs),
    drift: drift(logs, opts),
  };
}
