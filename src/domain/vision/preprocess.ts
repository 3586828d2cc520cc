/**
 * Preprocessing contract v1: one photo of one garment -> a Fashion-MNIST-like 28x28
 * float tensor (garment light on black, values in [0, 1]), plus the garment mask, the
 * working-size pixels it indexes, and the box, for colour extraction and thumbnails.
 *
 * Fashion-MNIST was made by trimming the edges of a product photo that are close to
 * the background colour, resizing the longest edge to 28, centring on 28x28 and
 * negating the grey image. Here the "negated grey" is the colour distance from the
 * background, which also works for a light garment on a dark bed cover.
 *
 * Mirrored step for step by models/training/preprocess.py (prose: models/PREPROCESSING.md);
 * models/testdata/contract/ holds the Python tensors this code must reproduce.
 * Pure TypeScript: no DOM. Feed it `ImageData`-shaped pixels.
 */
import { areaResize, areaResizeRgba } from "./areaResize";
import { components, dilate, extentOf, fillHoles, type Extent } from "./maskOps";

export const CONTRACT_VERSION = 1;
export const OUT_SIZE = 28;
/** Longest side after the first area-average downscale. */
export const WORK_MAX_SIDE = 128;
/** Smaller inputs are refused with reason "image-too-small". */
export const MIN_SIDE = 8;
const BORDER = 2;
/** Floor of the seed threshold (Otsu's): ignores paper grain and sensor noise. */
const THRESHOLD_FLOOR = 0.08;
/** Floor of the extent threshold. */
const LOW_FLOOR = 0.04;
/** Extent threshold = NOISE_K x the background's own 99th-percentile distance. */
const NOISE_K = 1.0;
const NOISE_PERMILLE = 990;
/** A lighting ramp is used if it cuts the frame's 90th-percentile distance by 30 %. */
const LIGHT_GAIN = 0.7;
/** A largest component below this share of the frame means "nothing there". */
const MIN_GARMENT_SHARE = 0.004;
/** Other components at least this share of the largest, near its box, are kept... */
const MERGE_SHARE = 0.1;
/** ...near: within 5 % of the box's longer side (a dress's straps, a sandal's sole). */
const MERGE_GAP_PERMILLE = 50;
/** The 98th percentile of garment values maps to 1.0. */
const STRETCH_PERMILLE = 980;
const DIST_SCALE = 255 * Math.sqrt(3);

/** RGBA pixels as in `ImageData` (non-premultiplied). */
export interface RgbaImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GarmentInput {
  found: true;
  contractVersion: typeof CONTRACT_VERSION;
  /** 28 x 28 row-major, garment light on black, in [0, 1]. Model input [1, 1, 28, 28]. */
  tensor: Float32Array;
  /**
   * Garment pixels at working size (1 = garment), for colours: pixels that stand out
   * from the background in the garment's region; holes (a bag handle's loop) are not.
   */
  mask: Uint8Array;
  /** The photo at working size (RGBA, workWidth x workHeight, alpha 255): `mask` indexes it. */
  workPixels: Uint8ClampedArray;
  workWidth: number;
  workHeight: number;
  /** Garment box in input pixels. */
  bbox: Box;
  /** The same box at working size (indexes `mask`). */
  workBox: Box;
  /** Estimated background colour (0..255 per channel). */
  background: [number, number, number];
  /** Colour-distance threshold that bounds the garment (0..1). */
  threshold: number;
  /** True when a lighting ramp across the frame was taken out of the background. */
  unevenLight: boolean;
}

export type NoGarmentReason = "no-garment" | "image-too-small";

export interface NoGarment {
  found: false;
  contractVersion: typeof CONTRACT_VERSION;
  reason: NoGarmentReason;
  message: string;
}

export type PreprocessResult = GarmentInput | NoGarment;

const MESSAGES: Record<NoGarmentReason, string> = {
  "no-garment": "No garment found: nothing in the photo stands out from its background.",
  "image-too-small": `The image is too small (under ${MIN_SIDE} pixels on a side) to find a garment in.`,
};

function notFound(reason: NoGarmentReason): NoGarment {
  return { found: false, contractVersion: CONTRACT_VERSION, reason, message: MESSAGES[reason] };
}

/** round(n * target / longest), halves up, in integer-exact arithmetic (as in Python). */
function scaledLength(n: number, longest: number, target: number): number {
  return Math.max(1, Math.floor((2 * n * target + longest) / (2 * longest)));
}

function median(values: Float64Array): number {
  const s = values.slice().sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function checkInput(image: RgbaImage): void {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`preprocessGarment: width and height must be whole numbers, got ${width} x ${height}`);
  }
  if (data.length !== width * height * 4) {
    throw new RangeError(`preprocessGarment: expected ${width * height * 4} RGBA bytes for ${width} x ${height}, got ${data.length}`);
  }
}

/** Otsu's threshold on a 256-bin histogram of distances; undefined if all fall in one bin. */
function otsuThreshold(dist: Float64Array): number | undefined {
  const hist = new Float64Array(256);
  for (const d of dist) hist[Math.min(255, Math.floor(d * 256))]! += 1;
  let total = 0;
  let sumAll = 0;
  for (let t = 0; t < 256; t++) {
    total += hist[t]!;
    sumAll += t * hist[t]!;
  }
  let wB = 0;
  let sB = 0;
  let best = -1;
  let bestT = -1;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    sB += t * hist[t]!;
    const wF = total - wB;
    if (wB === 0 || wF === 0) continue;
    const mB = sB / wB;
    const mF = (sumAll - sB) / wF;
    const v = wB * wF * (mB - mF) * (mB - mF);
    if (v > best) {
      best = v;
      bestT = t;
    }
  }
  return bestT < 0 ? undefined : (bestT + 1) / 256;
}

/** Alpha over white (integer-exact) and area-average down to the working size. */
function workingImage(image: RgbaImage): { rgb: Float64Array; ww: number; wh: number } {
  const { width: w, height: h } = image;
  const longest = Math.max(w, h);
  const ww = longest > WORK_MAX_SIDE ? scaledLength(w, longest, WORK_MAX_SIDE) : w;
  const wh = longest > WORK_MAX_SIDE ? scaledLength(h, longest, WORK_MAX_SIDE) : h;
  return { rgb: areaResizeRgba(image.data, w, h, ww, wh).data, ww, wh };
}

type Rgb = [number, number, number];

/** Per-pixel colour distance from c + gx * (x - cx) + gy * (y - cy), in [0, 1]. */
function distanceMap(rgb: Float64Array, ww: number, wh: number, c: Rgb, gx: Rgb, gy: Rgb): Float64Array {
  const dist = new Float64Array(ww * wh);
  const cx = (ww - 1) / 2;
  const cy = (wh - 1) / 2;
  for (let y = 0; y < wh; y++) {
    for (let x = 0; x < ww; x++) {
      const p = y * ww + x;
      const dr = rgb[p * 3]! - (c[0] + gx[0] * (x - cx) + gy[0] * (y - cy));
      const dg = rgb[p * 3 + 1]! - (c[1] + gx[1] * (x - cx) + gy[1] * (y - cy));
      const db = rgb[p * 3 + 2]! - (c[2] + gx[2] * (x - cx) + gy[2] * (y - cy));
      dist[p] = Math.sqrt(dr * dr + dg * dg + db * db) / DIST_SCALE;
    }
  }
  return dist;
}

/** Value at the given permille of the sorted values (lower index, no interpolation). */
function quantile(values: Float64Array, permille: number): number {
  const s = values.slice().sort();
  return s[Math.floor((permille * (s.length - 1)) / 1000)]!;
}

/** Median per channel of the pixels for which `inside(x, y)` holds. */
function medianColour(rgb: Float64Array, ww: number, wh: number, inside: (x: number, y: number) => boolean): Rgb {
  const idx: number[] = [];
  for (let y = 0; y < wh; y++) for (let x = 0; x < ww; x++) if (inside(x, y)) idx.push(y * ww + x);
  const channel = (c: number): number => median(Float64Array.from(idx, (p) => rgb[p * 3 + c]!));
  return [channel(0), channel(1), channel(2)];
}

/**
 * Background colour (median of the border frame) and every pixel's distance from it.
 * Uneven light (a window on one side) is a linear ramp across the frame, estimated
 * from the medians of opposite sides and used only when it explains the frame clearly
 * better than one flat colour, so a garment lying across one side cannot tilt it.
 */
function backgroundDistance(rgb: Float64Array, ww: number, wh: number, frame: Uint8Array) {
  const b = BORDER;
  const c = medianColour(rgb, ww, wh, (x, y) => frame[y * ww + x] === 1);
  const zero: Rgb = [0, 0, 0];
  const flat = distanceMap(rgb, ww, wh, c, zero, zero);
  const left = medianColour(rgb, ww, wh, (x) => x < b);
  const right = medianColour(rgb, ww, wh, (x) => x >= ww - b);
  const top = medianColour(rgb, ww, wh, (_x, y) => y < b);
  const bottom = medianColour(rgb, ww, wh, (_x, y) => y >= wh - b);
  const gx = [0, 1, 2].map((k) => (right[k]! - left[k]!) / (ww - b)) as Rgb;
  const gy = [0, 1, 2].map((k) => (bottom[k]! - top[k]!) / (wh - b)) as Rgb;
  const ramp = distanceMap(rgb, ww, wh, c, gx, gy);
  const onFrame = (d: Float64Array): Float64Array => d.filter((_v, i) => frame[i] === 1);
  const uneven = quantile(onFrame(ramp), 900) < LIGHT_GAIN * quantile(onFrame(flat), 900);
  return { background: c, dist: uneven ? ramp : flat, unevenLight: uneven, frameDist: onFrame(uneven ? ramp : flat) };
}

/** Largest component plus big pieces near its box (sandal straps, a bag's handle). */
function garmentCore(labels: Int32Array, sizes: number[], ww: number, wh: number): Uint8Array | undefined {
  let largest = 1;
  for (let l = 2; l < sizes.length; l++) if (sizes[l]! > sizes[largest]!) largest = l;
  if (sizes.length === 1 || sizes[largest]! < MIN_GARMENT_SHARE * ww * wh) return undefined;
  const box = (l: number): Extent => extentOf(ww, wh, (i) => labels[i] === l)!;
  const core0 = box(largest);
  const gap = Math.max(1, Math.floor((MERGE_GAP_PERMILLE * Math.max(core0.x1 - core0.x0, core0.y1 - core0.y0)) / 1000));
  const main = { x0: core0.x0 - gap, y0: core0.y0 - gap, x1: core0.x1 + gap, y1: core0.y1 + gap };
  const keep = new Uint8Array(sizes.length);
  keep[largest] = 1;
  for (let l = 1; l < sizes.length; l++) {
    if (l === largest || sizes[l]! < MERGE_SHARE * sizes[largest]!) continue;
    const b = box(l);
    keep[l] = b.x0 <= main.x1 && main.x0 <= b.x1 && b.y0 <= main.y1 && main.y0 <= b.y1 ? 1 : 0; // touching counts
  }
  return Uint8Array.from(labels, (l) => keep[l]!);
}

/**
 * Runs the contract. Throws RangeError only for malformed input (wrong buffer
 * length); an image without a garment gives `{ found: false, reason, message }`.
 */
export function preprocessGarment(image: RgbaImage): PreprocessResult {
  checkInput(image);
  const { width: bigW, height: bigH } = image;
  if (Math.min(bigW, bigH) < MIN_SIDE) return notFound("image-too-small");
  const { rgb, ww, wh } = workingImage(image);
  const n = ww * wh;

  const frame = new Uint8Array(n);
  for (let y = 0; y < wh; y++) {
    for (let x = 0; x < ww; x++) {
      frame[y * ww + x] = y < BORDER || y >= wh - BORDER || x < BORDER || x >= ww - BORDER ? 1 : 0;
    }
  }
  const { background, dist, unevenLight, frameDist } = backgroundDistance(rgb, ww, wh, frame);
  // Hysteresis: strong pixels (above Otsu's threshold) seed the garment; it extends over
  // every connected pixel that differs from the background more than the background's
  // own texture and noise do.
  const otsu = otsuThreshold(dist);
  const seed = otsu === undefined ? THRESHOLD_FLOOR : Math.max(THRESHOLD_FLOOR, otsu);
  const threshold = Math.min(seed, Math.max(LOW_FLOOR, NOISE_K * quantile(frameDist, NOISE_PERMILLE)));
  const above = Uint8Array.from(dist, (d) => (d > threshold ? 1 : 0));
  const { labels, sizes } = components(above, ww, wh);
  const seeded = new Uint8Array(sizes.length);
  for (let p = 0; p < n; p++) if (dist[p]! > seed) seeded[labels[p]!] = 1;
  for (let l = 1; l < sizes.length; l++) if (!seeded[l]) sizes[l] = 0;
  const core = garmentCore(labels, sizes, ww, wh);
  if (!core) return notFound("no-garment");
  const filled = fillHoles(core, ww, wh);
  const box = extentOf(ww, wh, (i) => core[i] === 1)!;

  // Garment value = distance from the background; soft anti-aliased edges (>= t/2)
  // next to the garment are kept, clutter elsewhere in the box is not.
  const grown = dilate(filled, ww, wh);
  const cw = box.x1 - box.x0;
  const ch = box.y1 - box.y0;
  const value = new Float64Array(cw * ch);
  const fg: number[] = [];
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      const p = (y + box.y0) * ww + x + box.x0;
      const v = grown[p] && dist[p]! >= threshold / 2 ? dist[p]! : 0;
      value[y * cw + x] = v;
      if (v > 0) fg.push(v);
    }
  }
  fg.sort((a, b) => a - b);
  const ref = fg[Math.floor((STRETCH_PERMILLE * (fg.length - 1)) / 1000)]!;
  for (let i = 0; i < value.length; i++) value[i] = Math.min(1, value[i]! / ref);

  const ow = cw >= ch ? OUT_SIZE : scaledLength(cw, ch, OUT_SIZE);
  const oh = cw >= ch ? scaledLength(ch, cw, OUT_SIZE) : OUT_SIZE;
  const small = areaResize({ data: value, width: cw, height: ch, channels: 1 }, ow, oh);
  const tensor = new Float32Array(OUT_SIZE * OUT_SIZE);
  const ox = (OUT_SIZE - ow) >> 1;
  const oy = (OUT_SIZE - oh) >> 1;
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) tensor[(y + oy) * OUT_SIZE + x + ox] = small.data[y * ow + x]!;
  }

  const bx0 = Math.floor((box.x0 * bigW) / ww);
  const by0 = Math.floor((box.y0 * bigH) / wh);
  const bx1 = Math.ceil((box.x1 * bigW) / ww);
  const by1 = Math.ceil((box.y1 * bigH) / wh);
  return {
    found: true,
    contractVersion: CONTRACT_VERSION,
    tensor,
    mask: core,
    workPixels: Uint8ClampedArray.from({ length: n * 4 }, (_v, i) => ((i & 3) === 3 ? 255 : rgb[(i >> 2) * 3 + (i & 3)]!)),
    workWidth: ww,
    workHeight: wh,
    bbox: { x: bx0, y: by0, width: bx1 - bx0, height: by1 - by0 },
    workBox: { x: box.x0, y: box.y0, width: cw, height: ch },
    background,
    threshold,
    unevenLight,
  };
}
