/** Synthetic prediction logs for the monitoring tests. */
import type { PredictionLog, PredictionOutcome } from "../vision/predictionLog";
import type { StoredModelRef } from "../vision/modelRef";
import type { Category } from "../wardrobe/types";
import { mulberry32 } from "../colour/kmeans";

const SUBTYPE: Record<Category, string> = {
  top: "t-shirt",
  bottom: "trousers",
  dress: "dress",
  outerwear: "coat",
  shoes: "sneakers",
  bag: "handbag",
  accessory: "scarf",
};

let next = 0;
export function makeLog(init: {
  createdAt: number;
  confidence?: number;
  category?: Category;
  subtype?: string;
  outcome?: PredictionOutcome;
  finalCategory?: Category | null;
  finalSubtype?: string | null;
  threshold?: number;
  /** The object form by default; text ("garment-classifier@2") for a row stored before it. */
  modelVersion?: StoredModelRef;
}): PredictionLog {
  const outcome = init.outcome ?? "accepted";
  const category = init.category ?? "top";
  const subtype = init.subtype ?? SUBTYPE[category];
  const confidence = init.confidence ?? 0.97;
  const top = outcome === "no-garment" ? [] : [{ index: 0, category, subtype, label: subtype, confidence }];
  const settled = outcome === "accepted" || outcome === "confirmed";
  return {
    id: `log-${next++}`,
    itemId: `item-${next}`,
    createdAt: init.createdAt,
    updatedAt: init.createdAt,
    modelVersion: init.modelVersion ?? { name: "garment-classifier", version: 1 },
    embedderVersion: { name: "garment-embedder", version: 1 },
    backend: "wasm",
    top,
    confidence: outcome === "no-garment" ? 0 : confidence,
    threshold: init.threshold ?? 0.93,
    outcome,
    finalCategory: init.finalCategory !== undefined ? init.finalCategory : settled ? category : null,
    finalSubtype: init.finalSubtype !== undefined ? init.finalSubtype : settled ? subtype : null,
    correctedAt: outcome === "confirmed" || outcome === "corrected" ? init.createdAt + 1000 : null,
    timings: {},
  };
}

/** A small seeded generator: the same "random" logs every run. */
export const seeded = mulberry32;

/** A value drawn from a 20-bin histogram over [0, 1]: a bin by its count, then uniform inside it. */
export function drawFromHistogram(counts: readonly number[], random: () => number): number {
  const total = counts.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let i = 0; i < counts.length; i++) {
    r -= counts[i]!;
    if (r < 0) return Math.min(1, (i + random()) / counts.length);
  }
  return 1;
}

/** A category drawn from weights. */
export function drawCategory(weights: Partial<Record<Category, number>>, random: () => number): Category {
  const entries = Object.entries(weights) as [Category, number][];
  const total = entries.reduce((a, [, w]) => a + w, 0);
  let r = random() * total;
  for (const [c, w] of entries) {
    r -= w;
    if (r < 0) return c;
  }
  return entries[entries.length - 1]![0];
}
