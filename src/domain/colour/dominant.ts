/**
 * A garment's dominant colours: k-means in OKLab over the garment's pixels only,
 * with k (1–5) chosen per image, each centroid named from the fashion palette.
 */
import { assignPoints, kmeans, mulberry32, updateCentroids, type KMeansResult } from "./kmeans";
import { linearSrgbToOklabInto, oklabToHex, SRGB8_TO_LINEAR, type Oklab } from "./oklab";
import { nearestPaletteColour } from "./palette";

export interface DominantColour {
  hex: string;
  /** Fashion name from the palette ("navy"). */
  name: string;
  /** Share of the garment's pixels, 0–1; shares sum to 1. */
  share: number;
  lab: Oklab;
}

export interface DominantColoursOptions {
  /** Upper bound for k (1–5). */
  maxColours?: number;
  /** Pixels used to fit the clusters; shares are then measured on every garment pixel. */
  maxSamples?: number;
  seed?: number;
  /** Clusters smaller than this share (edge pixels, a logo, noise) are folded into their neighbours. */
  minShare?: number;
  /** Pixels with alpha below this are background (a cut-out PNG needs no mask). */
  alphaThreshold?: number;
  /**
   * k+1 clusters are accepted only if they cut the within-cluster error to at most
   * this fraction of k's. Splitting one noisy colour (anisotropic in OKLab) reaches ~0.52–0.6,
   * while a genuinely separate colour drops it far lower.
   */
  splitRatio?: number;
  /** …and only if the error per pixel falls by at least this (≈ ΔE_OK 0.02 squared: a visible difference). */
  minGain?: number;
  /** Centroids closer than this ΔE_OK are the same colour (shading on folds). */
  mergeDistance?: number;
}

const DEFAULTS: Required<DominantColoursOptions> = {
  maxColours: 5,
  maxSamples: 2000,
  seed: 0x5eed,
  minShare: 0.03,
  alphaThreshold: 128,
  splitRatio: 0.45,
  minGain: 0.0004,
  mergeDistance: 0.04,
};

/**
 * Dominant colours of an RGBA image, largest share first.
 * `mask` (one byte per pixel, non-zero = garment) excludes the background; pixels
 * whose alpha is under `alphaThreshold` are excluded too. Returns [] when no pixel
 * belongs to the garment.
 */
export function dominantColours(pixels: Uint8ClampedArray | Uint8Array, mask?: Uint8Array | null, options: DominantColoursOptions = {}): DominantColour[] {
  const o = { ...DEFAULTS, ...options };
  if (pixels.length % 4 !== 0) throw new Error(`dominantColours: expected RGBA pixels (length divisible by 4), got length ${pixels.length}`);
  const nPixels = pixels.length / 4;
  if (mask && mask.length !== nPixels) throw new Error(`dominantColours: mask has ${mask.length} entries for ${nPixels} pixels`);
  const maxK = Math.max(1, Math.min(5, Math.floor(o.maxColours)));

  const lab = garmentPixelsToOklab(pixels, mask ?? null, o.alphaThreshold);
  const n = lab.length / 3;
  if (n === 0) return [];

  const rand = mulberry32(o.seed);
  const sample = samplePoints(lab, n, o.maxSamples, rand);
  const m = sample.length / 3;
  const chosen = chooseK(sample, m, maxK, rand, o);

  // Refit once on every garment pixel so shares are exact, not sampled.
  let centroids: Float64Array = chosen.centroids.slice(0, chosen.k * 3);
  let k = chosen.k;
  const assignments = new Uint8Array(n);
  const counts = new Uint32Array(5);
  // Each pass either changes nothing or removes a cluster, so this ends within k passes.
  for (;;) {
    assignPoints(lab, n, centroids, k, assignments);
    updateCentroids(lab, n, assignments, centroids, k, counts);
    const kept = pruneClusters(centroids, k, counts, n, o);
    if (kept.length / 3 === k) break;
    centroids = kept;
    k = kept.length / 3;
  }

  const out: DominantColour[] = [];
  for (let j = 0; j < k; j++) {
    if (counts[j] === 0) continue;
    const c: Oklab = { L: centroids[j * 3]!, a: centroids[j * 3 + 1]!, b: centroids[j * 3 + 2]! };
    out.push({ hex: oklabToHex(c), name: nearestPaletteColour(c).name, share: counts[j]! / n, lab: c });
  }
  return out.sort((x, y) => y.share - x.share);
}

function garmentPixelsToOklab(pixels: Uint8ClampedArray | Uint8Array, mask: Uint8Array | null, alphaThreshold: number): Float32Array {
  const nPixels = pixels.length / 4;
  let n = 0;
  for (let p = 0; p < nPixels; p++) if ((!mask || mask[p]) && pixels[p * 4 + 3]! >= alphaThreshold) n++;
  const lab = new Float32Array(n * 3);
  let i = 0;
  for (let p = 0; p < nPixels; p++) {
    if ((mask && !mask[p]) || pixels[p * 4 + 3]! < alphaThreshold) continue;
    const q = p * 4;
    linearSrgbToOklabInto(SRGB8_TO_LINEAR[pixels[q]!]!, SRGB8_TO_LINEAR[pixels[q + 1]!]!, SRGB8_TO_LINEAR[pixels[q + 2]!]!, lab, i * 3);
    i++;
  }
  return lab;
}

/** A uniform random sample (with replacement): random, not strided, so stripes cannot alias. */
function samplePoints(lab: Float32Array, n: number, maxSamples: number, rand: () => number): Float32Array {
  if (n <= maxSamples) return lab;
  const s = new Float32Array(maxSamples * 3);
  for (let i = 0; i < maxSamples; i++) {
    const p = Math.floor(rand() * n) * 3;
    s[i * 3] = lab[p]!;
    s[i * 3 + 1] = lab[p + 1]!;
    s[i * 3 + 2] = lab[p + 2]!;
  }
  return s;
}

/**
 * Pick k by a penalised within-cluster error: fit every k up to maxK, and keep the
 * largest k whose step from k−1 paid for itself, relatively (splitRatio) and
 * absolutely (minGain). Not greedy: three equidistant colours barely gain from
 * k=2 (two of them must share a cluster) yet gain hugely at k=3.
 */
function chooseK(points: Float32Array, n: number, maxK: number, rand: () => number, o: Required<DominantColoursOptions>): KMeansResult {
  let best = kmeans(points, n, 1, rand);
  let prevSse = best.sse;
  for (let k = 2; k <= maxK; k++) {
    if (prevSse <= 1e-12) break;
    const next = kmeans(points, n, k, rand);
    if (next.k < k) break; // fewer distinct colours than clusters
    // A poor local optimum must not make the next step look better than it is.
    const sse = Math.min(next.sse, prevSse);
    if (sse <= o.splitRatio * prevSse && (prevSse - sse) / n >= o.minGain) best = next;
    prevSse = sse;
  }
  return best;
}

/**
 * Drop clusters too small to be a garment colour and fuse those that are the same
 * colour (closer than mergeDistance, or the same palette name). Returns the kept
 * centroids; the caller reassigns pixels and iterates until nothing changes.
 */
function pruneClusters(centroids: Float64Array, k: number, counts: Uint32Array, n: number, o: Required<DominantColoursOptions>): Float64Array {
  type C = { L: number; a: number; b: number; w: number; name: string };
  let cs: C[] = [];
  for (let j = 0; j < k; j++) {
    const w = counts[j]!;
    if (w === 0) continue;
    const c = { L: centroids[j * 3]!, a: centroids[j * 3 + 1]!, b: centroids[j * 3 + 2]! };
    cs.push({ ...c, w, name: nearestPaletteColour(c).name });
  }
  // Never drop everything: the largest cluster always survives.
  const largest = Math.max(...cs.map((c) => c.w));
  cs = cs.filter((c) => c.w === largest || c.w / n >= o.minShare);
  cs.sort((x, y) => y.w - x.w);
  const merged: C[] = [];
  for (const c of cs) {
    const into = merged.find((m) => m.name === c.name || Math.hypot(m.L - c.L, m.a - c.a, m.b - c.b) < o.mergeDistance);
    if (!into) {
      merged.push({ ...c });
      continue;
    }
    const w = into.w + c.w;
    into.L = (into.L * into.w + c.L * c.w) / w;
    into.a = (into.a * into.w + c.a * c.w) / w;
    into.b = (into.b * into.w + c.b * c.w) / w;
    into.w = w;
  }
  return new Float64Array(merged.flatMap((c) => [c.L, c.a, c.b]));
}
