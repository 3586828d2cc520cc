/**
 * Model monitoring: what the app computes from its own prediction log (on the
 * device; nothing leaves it) and the test-set figures it compares against.
 */
import type { Category } from "../wardrobe/types";
import type { ModelRef } from "../vision/modelRef";

/**
 * Calibrated top-1 confidence on the model's test set, counted in `bins` equal bins
 * over `range` (the last bin includes 1). Written by models/training/evaluate.py into
 * the registry's `calibration.test_confidence_histogram`.
 */
export interface ConfidenceHistogram {
  bins: number;
  range: [number, number];
  counts: number[];
}

/** One point of the registry's `calibration.test_gate_curve` (what a threshold does on the test set). */
export interface GatePoint {
  threshold: number;
  /** Share of test photos at or above the threshold: filed automatically. */
  share_above: number;
  /** Accuracy among those; null when none was above. */
  accuracy_above: number | null;
  accuracy_below: number | null;
}

/** Confidence figures for one local day (and one model version, in a version's series). */
export interface DayConfidence {
  /** Local date, YYYY-MM-DD. */
  day: string;
  n: number;
  median: number;
  p10: number;
  p90: number;
  /** Photos below the threshold in force when they were analysed (the app asked). */
  below: number;
  shareBelow: number;
}

export interface VersionConfidence {
  model: ModelRef;
  firstAt: number;
  lastAt: number;
  n: number;
  median: number;
  p10: number;
  p90: number;
  shareBelow: number;
  days: DayConfidence[];
}

export interface ClassCount {
  category: Category;
  /** The classifier's first choice (photos where it found a garment). */
  predicted: number;
  /** What the item was filed as in the end (accepted, confirmed, corrected or chosen by hand). */
  final: number;
}

export interface ClassCorrections {
  category: Category;
  answered: number;
  corrected: number;
  rate: number;
}

export interface Confusion {
  from: { category: Category; subtype: string; label: string };
  to: { category: Category; subtype: string | null };
  count: number;
}

export interface DayCorrections {
  day: string;
  answered: number;
  corrected: number;
  rate: number;
}

export interface Corrections {
  accepted: number;
  confirmed: number;
  corrected: number;
  /** accepted + confirmed + corrected: photos with a garment whose category is settled. */
  answered: number;
  /** corrected / answered (auto-filed photos count as right: the log only hears about corrections in the confirm step). */
  rate: number | null;
  /** corrected / (confirmed + corrected): how often the model's first choice was wrong when it asked. */
  askedRate: number | null;
  byClass: ClassCorrections[];
  confusions: Confusion[];
  /** By the day the photo was analysed. */
  byDay: DayCorrections[];
}

export type DriftVerdict = "stable" | "watch" | "drift" | "not-enough-data" | "no-reference";

export interface DriftCheck {
  verdict: DriftVerdict;
  /** Population Stability Index; null when one side has no data. */
  psi: number | null;
  recentN: number;
  referenceN: number;
  /** Bins after merging sparse ones. */
  bins: number;
  /** The PSI pure chance gives at these sample sizes, about (bins − 1)(1/n + 1/m). */
  chance: number | null;
  /** Which side is too small when the verdict is "not-enough-data". */
  short: "recent" | "reference" | null;
  /** Recent photos needed for a verdict (null: the reference side is the problem). */
  neededRecent: number | null;
}

export interface Drift {
  /** The model checked (the one in use), null when the log is empty. */
  model: ModelRef | null;
  windowDays: number;
  /** Start of the recent window (ms). */
  recentFrom: number;
  recentN: number;
  earlierN: number;
  /** Recent window vs the model's test set (confidence histogram). */
  vsTest: DriftCheck;
  /** Recent window vs earlier photos of the same model version. */
  confidenceVsHistory: DriftCheck;
  classesVsHistory: DriftCheck;
  /** Shares per confidence bin (for the chart): recent window, earlier photos, and the test set when known. */
  recentShares: number[];
  earlierShares: number[];
  testShares: number[] | null;
  bins: number;
}

export interface MonitoringReport {
  generatedAt: number;
  threshold: number | null;
  total: number;
  /** Photos where the classifier found a garment (they have a confidence). */
  garments: number;
  noGarment: number;
  pending: number;
  firstAt: number | null;
  lastAt: number | null;
  confidence: { byDay: DayConfidence[]; byVersion: VersionConfidence[] };
  classes: ClassCount[];
  corrections: Corrections;
  drift: Drift;
}
