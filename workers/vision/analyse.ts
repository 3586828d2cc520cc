/**
 * One photo's analysis, in the vision worker: preprocessing contract → classifier
 * (temperature-calibrated distribution over every class, and the garment energy for
 * the "not clothing" test) → Siamese embedding → dominant colours of the garment's
 * pixels. Every stage is timed for the benchmark. The worker's own top-3 is the
 * classifier alone; the import blends in the user's examples on the main thread
 * (src/domain/vision/recognise.ts), where the wardrobe is.
 */
import type { Category, ItemColour } from "@domain/wardrobe/types";
import { preprocessGarment } from "@domain/vision/preprocess";
import { silhouetteHash } from "@domain/vision/similarity";
import { CancelledError } from "@domain/errors";
import type { ModelRef } from "@domain/vision/modelRef";
import { garmentEnergy, recognise } from "@domain/vision/recognise";
import { garmentColours } from "./colours";
import { run, type LoadedModel } from "./session";

export interface AnalyseOptions {
  callId: string;
  /** Below this calibrated confidence the app asks the user (default 0.93). */
  threshold?: number;
}

export interface Prediction {
  index: number;
  category: Category;
  subtype: string;
  label: string;
  confidence: number;
}

export interface GarmentAnalysis {
  foundGarment: boolean;
  /** Why no garment was found, in the user's words (null when one was). */
  message: string | null;
  /** The classifier's three best garment kinds (never "not clothing"). */
  top: Prediction[];
  confident: boolean;
  /** The classifier alone says this does not look like clothing. */
  notClothing: boolean;
  /** Calibrated probability of every class, in the registry's label order (empty when no garment was found). */
  probs: number[];
  /** Energy over the garment classes (logsumexp of their logits); null when no garment was found. */
  energy: number | null;
  threshold: number;
  embedding: number[];
  /** Outline hash of the model input (near-duplicate detection). */
  silhouette: string | null;
  colours: ItemColour[];
  /** Garment box in the analysed image, as fractions of its width/height. */
  box: { x: number; y: number; width: number; height: number } | null;
  /** The models that made this analysis. */
  models: { classifier: ModelRef; embedder: ModelRef };
  backend: string;
  timings: { decode: number; segment: number; classify: number; embed: number; colours: number };
}

export function softmax(logits: ArrayLike<number>, temperature = 1): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, (logits[i] ?? 0) / temperature);
  const e = Array.from({ length: logits.length }, (_, i) => Math.exp((logits[i] ?? 0) / temperature - max));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

export async function analysePixels(
  models: { classifier: LoadedModel; embedder: LoadedModel },
  data: Uint8ClampedArray,
  width: number,
  height: number,
  opts: AnalyseOptions,
  isCancelled: () => boolean,
): Promise<GarmentAnalysis> {
  const check = () => {
    if (isCancelled()) throw new CancelledError("The analysis was cancelled.");
  };
  const t = { decode: 0, segment: 0, classify: 0, embed: 0, colours: 0 };
  let t0 = performance.now();
  const pre = preprocessGarment({ data, width, height });
  t.segment = performance.now() - t0;
  check();

  const { classifier, embedder } = models;
  const threshold = opts.threshold ?? classifier.info.calibration?.threshold ?? 0.93;
  const identities = {
    classifier: { name: classifier.info.name, version: classifier.info.version },
    embedder: { name: embedder.info.name, version: embedder.info.version },
  };
  if (!pre.found) {
    // Nothing to classify: the user picks the category by hand.
    return {
      foundGarment: false,
      message: pre.message,
      top: [],
      confident: false,
      notClothing: false,
      probs: [],
      energy: null,
      threshold,
      embedding: [],
      silhouette: null,
      colours: [],
      box: null,
      models: identities,
      backend: classifier.backend,
      timings: t,
    };
  }
  t0 = performance.now();
  const logits = await run(classifier, pre.tensor, 1);
  const cal = classifier.info.calibration;
  const probs = softmax(logits, cal?.temperature ?? 1);
  const energy = garmentEnergy(logits, cal?.notClothingIndex ?? null);
  const labels = classifier.info.labels;
  if (labels.length !== probs.length) throw new Error(`The classifier has ${probs.length} outputs but ${labels.length} labels in the registry`);
  const decision = recognise({ probs, labels, energy, energyThreshold: cal?.energyThreshold ?? null, embedding: null, examples: [], threshold });
  const top = decision.top.map((g) => ({ index: labels.findIndex((l) => l.category === g.category && l.subtype === g.subtype), ...g }));
  t.classify = performance.now() - t0;
  check();

  t0 = performance.now();
  const embedding = Array.from(await run(embedder, pre.tensor, 1));
  t.embed = performance.now() - t0;
  check();

  t0 = performance.now();
  const colours = garmentColours(pre);
  t.colours = performance.now() - t0;

  const b = pre.bbox;
  return {
    foundGarment: true,
    message: null,
    top,
    confident: decision.confident,
    notClothing: decision.notClothing,
    probs,
    energy,
    threshold,
    embedding,
    silhouette: silhouetteHash(pre.tensor),
    colours,
    box: { x: b.x / width, y: b.y / height, width: b.width / width, height: b.height / height },
    models: identities,
    backend: classifier.backend,
    timings: t,
  };
}
