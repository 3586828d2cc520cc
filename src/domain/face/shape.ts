import type { Landmark } from "./landmarks";
import { type FaceMeasurements, measureFace } from "./measure";
import { PROTOTYPES, SPREAD } from "./shape-rules";

export const FACE_SHAPES = ["oval", "round", "square", "heart", "oblong", "diamond", "triangle"] as const;
export type FaceShape = (typeof FACE_SHAPES)[number];

/**
 * The four numbers the shape rules look at, all free of scale (ratios to the cheekbone
 * width) and of rotation (taken in the face frame).
 */
export interface ShapeFeatures {
  /** Face length ÷ cheekbone width: long faces (oblong) vs short ones (round, square). */
  length: number;
  /** (forehead − jaw) ÷ cheekbones: > 0 wider on top (heart), < 0 wider below (triangle). */
  taper: number;
  /** Mean of forehead and jaw ÷ cheekbones: low when the cheekbones stick out (diamond). */
  sides: number;
  /** Jaw corner angle in degrees: small = angular (square), large = soft or pointed. */
  jawAngle: number;
}

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
