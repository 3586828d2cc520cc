/**
 * What a confidence threshold means on the model's test set, read off the registry's
 * gate curve (points at 0.5 … 0.99): linear interpolation between the two nearest
 * points, the end point outside the curve's range.
 */
import type { GatePoint } from "./types";

export interface GateAt {
  threshold: number;
  /** Share of photos at or above the threshold: filed automatically. */
  shareAbove: number;
  /** Accuracy among those, null when the curve has none. */
  accuracyAbove: number | null;
  /** The threshold is one of the curve's own points (no interpolation). */
  exact: boolean;
}

const lerp = (a: number, b: number, t: number) => a + (b - a) * t;
function lerpNullable(a: number | null, b: number | null, t: number): number | null {
  if (a === null) return t > 0 ? b : null;
  if (b === null) return t < 1 ? a : null;
  return lerp(a, b, t);
}

export function gateAt(curve: readonly GatePoint[] | null | undefined, threshold: number): GateAt | null {
  const points = (curve ?? []).filter((p) => Number.isFinite(p.threshold) && Number.isFinite(p.share_above)).sort((a, b) => a.threshold - b.threshold);
  if (points.length === 0 || !Number.isFinite(threshold)) return null;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const of = (p: GatePoint, exact: boolean): GateAt => ({ threshold, shareAbove: p.share_above, accuracyAbove: p.accuracy_above, exact });
  if (threshold <= first.threshold) return of(first, Math.abs(threshold - first.threshold) < 1e-9);
  if (threshold >= last.threshold) return of(last, Math.abs(threshold - last.threshold) < 1e-9);
  const i = points.findIndex((p) => p.threshold >= threshold);
  const hi = points[i]!;
  const lo = points[i - 1]!;
  if (Math.abs(hi.threshold - threshold) < 1e-9) return of(hi, true);
  const t = (threshold - lo.threshold) / (hi.threshold - lo.threshold);
  return { threshold, shareAbove: lerp(lo.share_above, hi.share_above, t), accuracyAbove: lerpNullable(lo.accuracy_above, hi.accuracy_above, t), exact: false };
}

/** The slider's plain-language reading: "At 93 %: about 71 % of photos are filed automatically; 97.7 % of those were right (Fashion-MNIST test set)." */
export function describeGate(curve: readonly GatePoint[] | null | undefined, threshold: number): string | null {
  const g = gateAt(curve, threshold);
  if (!g) return null;
  const right = g.accuracyAbove === null ? "" : `; ${(Math.round(g.accuracyAbove * 1000) / 10).toFixed(1)} % of those were right`;
  return `At ${Math.round(threshold * 100)} %: about ${Math.round(g.shareAbove * 100)} % of photos are filed automatically${right} (Fashion-MNIST test set).`;
}
