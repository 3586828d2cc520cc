// Near-duplicate thresholds (src/domain/vision/similarity.ts, NEAR_DUPLICATE) judged on
// pairs they were not tuned on: photos made here from Fashion-MNIST test images the
// e2e fixtures do not use, through the vision worker's own path in Node — the
// preprocessing contract, the registered embedder and classifier in onnxruntime-web
// (the int8 files the app loads), the outline hash and the garment's colours — then
// isNearDuplicate on each pair, as the photo import asks it.
//
// Positives: the same garment photographed again — another framing (crop, position,
// size), another exposure, sometimes another background, saved as a JPEG.
// Negatives: a different garment of the same class in the same colour (the pairs a user
// would not want flagged), against both the first photo and the re-shot one.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as jpeg from "jpeg-js";
import * as ort from "onnxruntime-web";
import { beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "@domain/colour/kmeans";
import { preprocessGarment } from "@domain/vision/preprocess";
import { cosine, hammingHex, isNearDuplicate, mainColourDistance, silhouetteHash, type Comparable } from "@domain/vision/similarity";
import { garmentColours } from "./colours";

const MODELS = join(__dirname, "../../models");
const GARMENTS = 30; // 3 per class
const FIRST_INDEX = 1000; // the e2e fixtures use the first images of the subset

/**
 * Floors, measured once on this set (2026-12-05: the v3 int8 champions, NEAR_DUPLICATE
 * minCosine 0.97, maxSilhouetteBits 8, maxColourDelta 0.06): 26 of the 30 re-shot photos
 * flagged (recall 0.867; the misses: ΔE 0.079 and 0.091 after a change of exposure and
 * background, and cosine 0.987/0.989 with the colour or outline just over), and 15 of the
 * 60 look-alike pairs flagged too (precision 26/41 = 0.634). The embedder puts garments of
 * one class together (cosine 0.98-1.00 between different T-shirts) and a look-alike has
 * the same colour by design, so only the 8x8 outline hash can tell them apart, and at 8
 * bits it lets a quarter through: precision is the weak side, measured here so it cannot
 * fall unseen. (Tried once, not adopted here: maxSilhouetteBits 3 gave recall 25/30 and
 * precision 25/28 = 0.893, 3 look-alike pairs flagged.) Planted: the colour check off
 * (maxColourDelta 1) flags 19 look-alike pairs, precision 0.596, and fails.
 * Re-measured 2026-12-07 with embedder v6 (the catalogue network joined with the
 * multi-style expert, trained with an instance loss; same thresholds): 27/30 re-shot photos
 * flagged (recall 0.900; misses: ΔE 0.079 and 0.091 as before, and cosine 0.969), and only 2
 * of the 60 look-alike pairs (precision 27/29 = 0.931): the embedding now tells two garments
 * of one class apart, which the outline hash alone could not. Planted: minCosine 0.97 → 0.9
 * (the embedding's say weakened) flags 15 look-alike pairs, precision 0.651, and fails.
 * Each floor sits two pairs below the measurement: recall 25/30 = 0.833; precision
 * 27/(29+2) = 0.87, and at most 4 of the 60 look-alike pairs flagged.
 */
const FLOOR = { recall: 0.83, precision: 0.87, lookalikesFlagged: 4 };

interface Registry {
  models: { name: string; status: string; file: string; quantized?: { file: string }; labels?: { subtype?: string }[] }[];
}
const registry = JSON.parse(readFileSync(join(MODELS, "registry.json"), "utf8")) as Registry;
const champion = (name: string) => registry.models.find((m) => m.name === name && m.status === "champion")!;

const fm = {
  images: new Uint8Array(readFileSync(join(MODELS, "testdata", "fmnist-test-2000.images.bin"))),
  labels: new Uint8Array(readFileSync(join(MODELS, "testdata", "fmnist-test-2000.labels.bin"))),
};

const COLOURS: [number, number, number][] = [
  [31, 42, 68], // navy
  [24, 24, 26], // black
  [178, 34, 34], // red
  [193, 154, 107], // camel
  [107, 112, 58], // olive
  [110, 28, 45], // burgundy
  [72, 100, 140], // denim blue
  [212, 167, 44], // mustard
  [38, 80, 52], // forest green
  [226, 150, 170], // pink
];
const BACKGROUNDS: [number, number, number][] = [
  [250, 250, 248],
  [240, 232, 212],
  [205, 205, 205],
  [200, 218, 232],
];

interface Shot {
  index: number;
  colour: [number, number, number];
  background: [number, number, number];
  width: number;
  height: number;
  /** Garment box side, and its top-left corner. */
  size: number;
  left: number;
  top: number;
  /** Exposure: every pixel times this. */
  gain: number;
  /** JPEG quality, or null for the raw pixels. */
  quality: number | null;
  seed: number;
}

function sample(index: number, x: number, y: number): number {
  const off = index * 784;
  const x0 = Math.max(0, Math.min(27, Math.floor(x)));
  const y0 = Math.max(0, Math.min(27, Math.floor(y)));
  const x1 = Math.min(27, x0 + 1);
  const y1 = Math.min(27, y0 + 1);
  const fx = Math.max(0, Math.min(1, x - x0));
  const fy = Math.max(0, Math.min(1, y - y0));
  const p = (xx: number, yy: number) => fm.images[off + yy * 28 + xx]! / 255;
  return (p(x0, y0) * (1 - fx) + p(x1, y0) * fx) * (1 - fy) + (p(x0, y1) * (1 - fx) + p(x1, y1) * fx) * fy;
}

/** A photo of one garment (as e2e/fixtures/garments.mjs draws them: opaque fabric, shading from the scan, soft outline, sensor noise). */
function photograph(s: Shot): { data: Uint8ClampedArray; width: number; height: number } {
  const noise = mulberry32(s.seed);
  const data = new Uint8ClampedArray(s.width * s.height * 4);
  for (let y = 0; y < s.height; y++)
    for (let x = 0; x < s.width; x++) {
      const gx = ((x - s.left) / s.size) * 28 - 0.5;
      const gy = ((y - s.top) / s.size) * 28 - 0.5;
      const v = gx < -1 || gy < -1 || gx > 28 || gy > 28 ? 0 : sample(s.index, gx, gy);
      const a = Math.min(1, v * 3);
      const shade = 0.6 + 0.4 * v;
      const n = (noise() - 0.5) * 6;
      const o = (y * s.width + x) * 4;
      for (let c = 0; c < 3; c++) data[o + c] = Math.round((s.background[c]! + (s.colour[c]! * shade - s.background[c]!) * a) * s.gain + n);
      data[o + 3] = 255;
    }
  if (s.quality === null) return { data, width: s.width, height: s.height };
  const decoded = jpeg.decode(jpeg.encode({ data, width: s.width, height: s.height }, s.quality).data, { useTArray: true, formatAsRGBA: true });
  return { data: new Uint8ClampedArray(decoded.data), width: decoded.width, height: decoded.height };
}

/** An ordinary shot of garment `index`: canvas, size and position from `rand`. */
function firstShot(index: number, colour: Shot["colour"], background: Shot["background"], rand: () => number, seed: number): Shot {
  const width = 360 + Math.floor(rand() * 280);
  const height = 360 + Math.floor(rand() * 280);
  const size = Math.round(Math.min(width, height) * (0.5 + rand() * 0.35));
  return {
    index,
    colour,
    background,
    width,
    height,
    size,
    left: Math.floor(rand() * (width - size)),
    top: Math.floor(rand() * (height - size)),
    gain: 1,
    quality: null,
    seed,
  };
}

/** The same garment again: cropped closer or wider, moved, exposed differently, sometimes on another background, saved as a JPEG. */
function reShot(s: Shot, rand: () => number, seed: number): Shot {
  const width = Math.round(s.width * (0.75 + rand() * 0.5));
  const height = Math.round(s.height * (0.75 + rand() * 0.5));
  const size = Math.round(Math.min(width, height, s.size * (0.8 + rand() * 0.45)));
  return {
    ...s,
    width,
    height,
    size,
    left: Math.floor(rand() * (width - size)),
    top: Math.floor(rand() * (height - size)),
    gain: 0.85 + rand() * 0.3,
    quality: 70 + Math.floor(rand() * 25),
    background: rand() < 0.5 ? s.background : BACKGROUNDS[Math.floor(rand() * BACKGROUNDS.length)]!,
    seed,
  };
}

describe("near-duplicate thresholds on pairs they were not tuned on", () => {
  let embedder: ort.InferenceSession;
  let classifier: ort.InferenceSession;
  const labels = champion("garment-classifier").labels ?? [];

  async function analyse(s: Shot, id: string): Promise<Comparable & { kind: string | null }> {
    const pre = preprocessGarment(photograph(s));
    if (!pre.found) throw new Error(`${id}: no garment found (${pre.message})`);
    const input = (session: ort.InferenceSession) => ({ [session.inputNames[0]!]: new ort.Tensor("float32", pre.tensor, [1, 1, 28, 28]) });
    const emb = (await embedder.run(input(embedder)))[embedder.outputNames[0]!]!.data as Float32Array;
    const logits = (await classifier.run(input(classifier)))[classifier.outputNames[0]!]!.data as Float32Array;
    let best = 0;
    for (let j = 1; j < logits.length; j++) if (logits[j]! > logits[best]!) best = j;
    return { id, embedding: Array.from(emb), silhouette: silhouetteHash(pre.tensor), colours: garmentColours(pre), kind: labels[best]?.subtype ?? null };
  }

  beforeAll(async () => {
    ort.env.wasm.numThreads = 1;
    const file = (name: string) => {
      const m = champion(name);
      return new Uint8Array(readFileSync(join(MODELS, m.quantized?.file ?? m.file)));
    };
    embedder = await ort.InferenceSession.create(file("garment-embedder"));
    classifier = await ort.InferenceSession.create(file("garment-classifier"));
  }, 300_000);

  it("flags re-shot photos of a garment and not other garments of its class and colour: recall and precision above their floors", async () => {
    const rand = mulberry32(2020);
    // Three garments per class, each with a look-alike: the next image of the same class.
    const byClass = new Map<number, number[]>();
    for (let i = FIRST_INDEX; i < fm.labels.length; i++) byClass.set(fm.labels[i]!, [...(byClass.get(fm.labels[i]!) ?? []), i]);
    const pairs: { garment: number; lookalike: number }[] = [];
    for (const [, indices] of [...byClass].sort((a, b) => a[0] - b[0]))
      for (let k = 0; k < 3; k++) pairs.push({ garment: indices[2 * k]!, lookalike: indices[2 * k + 1]! });
    expect(pairs).toHaveLength(GARMENTS);

    let tp = 0;
    let fp = 0;
    const seen = { pos: [] as string[], neg: [] as string[] };
    const describePair = (a: Comparable, b: Comparable) =>
      `cos ${cosine(a.embedding!, b.embedding!).toFixed(3)} bits ${hammingHex(a.silhouette!, b.silhouette!)} dE ${mainColourDistance(a.colours, b.colours).toFixed(3)}`;
    for (const [n, p] of pairs.entries()) {
      const colour = COLOURS[n % COLOURS.length]!;
      const background = BACKGROUNDS[n % BACKGROUNDS.length]!;
      const first = firstShot(p.garment, colour, background, rand, n * 3 + 1);
      const original = await analyse(first, `g${p.garment}`);
      const again = await analyse(reShot(first, rand, n * 3 + 2), `g${p.garment}-again`);
      const other = await analyse(firstShot(p.lookalike, colour, background, rand, n * 3 + 3), `g${p.lookalike}`);
      if (isNearDuplicate(again, original)) tp++;
      else seen.pos.push(`missed ${original.id}: ${describePair(again, original)}`);
      for (const [a, b] of [
        [other, original],
        [other, again],
      ] as const)
        if (isNearDuplicate(a, b)) {
          fp++;
          seen.neg.push(`flagged ${a.id} ~ ${b.id}: ${describePair(a, b)}`);
        }
    }
    const recall = tp / GARMENTS;
    const precision = tp + fp ? tp / (tp + fp) : 1;
    console.log(
      `near-duplicates: recall ${tp}/${GARMENTS} = ${recall.toFixed(3)}, precision ${tp}/${tp + fp} = ${precision.toFixed(3)}, look-alike pairs flagged ${fp}/${2 * GARMENTS}`,
    );
    for (const line of [...seen.pos, ...seen.neg]) console.log(`  ${line}`);
    expect(recall).toBeGreaterThanOrEqual(FLOOR.recall);
    expect(precision).toBeGreaterThanOrEqual(FLOOR.precision);
    expect(fp).toBeLessThanOrEqual(FLOOR.lookalikesFlagged);
  }, 900_000); // ~20 s of CPU; minutes on a machine busy with training
});
