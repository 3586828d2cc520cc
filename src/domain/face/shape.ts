import type { Landmark } from "./landmarks";
import { type FaceMeasurements, measureFace } from "./measure";
import { FACE_SHAPES, PROTOTYPES, SPREAD, type FaceShape, type ShapeFeatures } from "./shape-rules";

// The shapes and the feature space live beside the rules that place them (shape-rules.ts).
export { FACE_SHAPES, type FaceShape, type ShapeFeatures } from "./shape-rules";

export type ClarityLabel = "clear" | "fairly clear" | "borderline";

export interface FaceShapeResult {
  primary: FaceShape;
  /** The runner-up, when it is plausible at all (share ≥ MIN_SECONDARY_SHARE). */
  secondary: FaceShape | null;
  /** Shares of belief per shape, summing to 1. */
  scores: Record<FaceShape, number>;
  /** 0 = a tie between primary and secondary, 1 = no other shape is plausible. */
  clarity: number;
  clarityLabel: ClarityLabel;
  features: ShapeFeatures;
}

export const MIN_SECONDARY_SHARE = 0.1;

export function shapeFeatures(m: FaceMeasurements): ShapeFeatures {
  const { foreheadToCheekbone: f, jawToCheekbone: j, lengthToWidth } = m.ratios;
  return { length: lengthToWidth, taper: f - j, sides: (f + j) / 2, jawAngle: m.jawAngle };
}

/**
 * Scores each shape by how close the features are to its prototype (a Gaussian in each
 * feature, widths in SPREAD), then normalises so the scores read as shares. Photo ratios
 * are approximate, so the answer is a primary, a runner-up and how clearly the primary
 * wins — never a bare label.
 */
export function classifyFaceShape(features: ShapeFeatures): FaceShapeResult {
  const logLik = FACE_SHAPES.map((shape) => {
    const p = PROTOTYPES[shape];
    const d =
      ((features.length - p.length) / SPREAD.length) ** 2 +
      ((features.taper - p.taper) / SPREAD.taper) ** 2 +
      ((features.sides - p.sides) / SPREAD.sides) ** 2 +
      ((features.jawAngle - p.jawAngle) / SPREAD.jawAngle) ** 2;
    return -0.5 * d;
  });
  // Subtract the max before exponentiating: far-off faces would otherwise underflow to 0/0.
  const top = Math.max(...logLik);
  const weights = logLik.map((l) => Math.exp(l - top));
  const total = weights.reduce((a, b) => a + b, 0);
  const scores = Object.fromEntries(FACE_SHAPES.map((s, i) => [s, (weights[i] ?? 0) / total])) as Record<FaceShape, number>;

  const ranked = [...FACE_SHAPES].sort((a, b) => scores[b] - scores[a]);
  const primary = ranked[0] ?? "oval";
  const runnerUp = ranked[1] ?? primary;
  const s1 = scores[primary];
  const s2 = scores[runnerUp];
  const clarity = s1 + s2 > 0 ? (s1 - s2) / (s1 + s2) : 0;
  return {
    primary,
    secondary: s2 >= MIN_SECONDARY_SHARE ? runnerUp : null,
    scores,
    clarity,
    clarityLabel: clarity >= 0.5 ? "clear" : clarity >= 0.2 ? "fairly clear" : "borderline",
    features,
  };
}

export interface FaceShapeAnalysis {
  measurements: FaceMeasurements;
  shape: FaceShapeResult;
}

/** From the 468 mesh points of one face to its measurements and shape. */
export function faceShapeFromLandmarks(points: readonly Landmark[]): FaceShapeAnalysis {
  const measurements = measureFace(points);
  return { measurements, shape: classifyFaceShape(shapeFeatures(measurements)) };
}
