/**
 * The detector's post-processing (models/DETECTION.md, the same steps as the Python
 * evaluation): score filter → class-agnostic NMS → at most `max_detections` boxes →
 * boxes back to photo pixels (÷ s, clipped) → one mask per kept box from the prototypes.
 * Every threshold comes from a `Postprocess` (the registry entry's `postprocess` block,
 * chosen on the validation scenes); none is fixed here.
 */
import type { Box, DetectedPiece, PieceMask } from "./types";

/** The registry's `postprocess` block, with its own (snake_case) names. */
export interface Postprocess {
  score_threshold: number;
  nms_iou: number;
  max_detections: number;
  mask_threshold: number;
}

/** Only for tests and tools that have no registry entry: a real model brings its own. */
export const TEST_POSTPROCESS: Postprocess = { score_threshold: 0.25, nms_iou: 0.5, max_detections: 20, mask_threshold: 0.5 };

/** Longer side of a piece's mask unless asked otherwise (the cut-out scales it to its crop). */
export const MASK_MAX_SIDE = 512;

/** One image's outputs (batch item 0 of `boxes`, `scores`, `coeffs`, `protos`), flat as onnxruntime returns them. */
export interface RawDetections {
  /** [cells, 4] x0, y0, x1, y1 in input pixels. */
  boxes: Float32Array;
  /** [cells] garment probability. */
  scores: Float32Array;
  /** [cells, prototypes]. */
  coeffs: Float32Array;
  /** [prototypes, protoSize, protoSize]. */
  protos: Float32Array;
  prototypes: number;
  protoSize: number;
}

export interface DecodeOptions {
  photoWidth: number;
  photoHeight: number;
  /** Side of the square input (256). */
  inputSize: number;
  /** Cap on a mask's longer side (default MASK_MAX_SIDE). */
  maskMaxSide?: number;
  /** Skip masks (boxes only): faster, for counting. */
  masks?: boolean;
}

type Quad = [number, number, number, number];

export function iou(a: Quad, b: Quad): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return union > 0 ? inter / union : 0;
}

const quad = (boxes: Float32Array, i: number): Quad => [boxes[i * 4]!, boxes[i * 4 + 1]!, boxes[i * 4 + 2]!, boxes[i * 4 + 3]!];

/**
 * Cells kept by steps 1–2: score ≥ score_threshold, then greedy NMS in score order (a box
 * whose IoU with a kept one is ≥ nms_iou goes), at most max_detections. Best first.
 */
export function keptCells(boxes: Float32Array, scores: Float32Array, pp: Postprocess): number[] {
  const candidates: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i]! >= pp.score_threshold) candidates.push(i);
  // Equal scores keep cell order, so the result does not depend on the sort's stability.
  candidates.sort((a, b) => scores[b]! - scores[a]! || a - b);
  const kept: number[] = [];
  const keptQuads: Quad[] = [];
  for (const i of candidates) {
    if (kept.length >= pp.max_detections) break;
    const q = quad(boxes, i);
    if (keptQuads.some((k) => iou(k, q) >= pp.nms_iou)) continue;
    kept.push(i);
    keptQuads.push(q);
  }
  return kept;
}

/** An input-pixel box back in photo pixels: ÷ scale, clipped to the photo. */
export function toPhotoBox(q: Quad, scale: number, photoWidth: number, photoHeight: number): Box {
  const clip = (v: number, max: number) => Math.min(max, Math.max(0, v));
  const x0 = clip(q[0] / scale, photoWidth);
  const y0 = clip(q[1] / scale, photoHeight);
  const x1 = clip(q[2] / scale, photoWidth);
  const y1 = clip(q[3] / scale, photoHeight);
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

/**
 * Step 3 for one box: sigmoid(coeffs · protos), zero on prototype cells whose centre is
 * outside the box (box ÷ stride), sampled bilinearly (half-pixel
 * centres, edges clamped: torch's align_corners=False) at each mask pixel's centre in
 * photo pixels, then ≥ mask_threshold → 255.
 */
export function pieceMask(
  raw: RawDetections,
  cell: number,
  inputBox: Quad,
  photoBox: Box,
  scale: number,
  inputSize: number,
  threshold: number,
  maxSide = MASK_MAX_SIDE,
): PieceMask {
  const { prototypes: k, protoSize: p, protos, coeffs } = raw;
  const stride = inputSize / p;
  const m = Math.min(1, maxSide / Math.max(photoBox.width, photoBox.height, 1e-9));
  const width = Math.max(1, Math.round(photoBox.width * m));
  const height = Math.max(1, Math.round(photoBox.height * m));
  // Prototype cells inside the box, and the band of cells the bilinear samples can touch.
  const [bx0, by0, bx1, by1] = inputBox.map((v) => v / stride) as Quad;
  // A cell is inside when its centre is (edges included), as models/training/detect/postprocess.py.
  const inBox = (i: number, j: number) => j + 0.5 >= bx0 && j + 0.5 <= bx1 && i + 0.5 >= by0 && i + 0.5 <= by1;
  const lo = (v: number) => Math.max(0, Math.floor(v) - 1);
  const hi = (v: number) => Math.min(p - 1, Math.ceil(v) + 1);
  const j0 = lo(bx0);
  const j1 = hi(bx1);
  const i0 = lo(by0);
  const i1 = hi(by1);
  const bw = j1 - j0 + 1;
  const prob = new Float32Array(Math.max(0, (i1 - i0 + 1) * bw));
  const c = coeffs.subarray(cell * k, cell * k + k);
  for (let i = i0; i <= i1; i++)
    for (let j = j0; j <= j1; j++) {
      if (!inBox(i, j)) continue;
      let z = 0;
      for (let t = 0; t < k; t++) z += c[t]! * protos[(t * p + i) * p + j]!;
      prob[(i - i0) * bw + (j - j0)] = 1 / (1 + Math.exp(-z));
    }
  const at = (i: number, j: number) => (i < i0 || i > i1 || j < j0 || j > j1 ? 0 : prob[(i - i0) * bw + (j - j0)]!);
  // Sample positions per column and per row (prototype coordinates of the pixel centres).
  const axis = (n: number, start: number, len: number) => {
    const idx = new Int32Array(n);
    const frac = new Float32Array(n);
    for (let u = 0; u < n; u++) {
      const g = Math.max(0, ((start + ((u + 0.5) * len) / n) * scale) / stride - 0.5);
      const f = Math.min(Math.floor(g), p - 1);
      idx[u] = f;
      frac[u] = f >= p - 1 ? 0 : g - f;
    }
    return { idx, frac };
  };
  const cols = axis(width, photoBox.x, photoBox.width);
  const rows = axis(height, photoBox.y, photoBox.height);
  const alpha = new Uint8Array(width * height);
  for (let v = 0; v < height; v++) {
    const i = rows.idx[v]!;
    const fy = rows.frac[v]!;
    for (let u = 0; u < width; u++) {
      const j = cols.idx[u]!;
      const fx = cols.frac[u]!;
      const top = at(i, j) * (1 - fx) + at(i, j + 1) * fx;
      const bottom = at(i + 1, j) * (1 - fx) + at(i + 1, j + 1) * fx;
      if (top * (1 - fy) + bottom * fy >= threshold) alpha[v * width + u] = 255;
    }
  }
  return { width, height, alpha };
}

/** Steps 1–4: the pieces of one image, best first (no piece: no garment found). */
export function decodeDetections(raw: RawDetections, opts: DecodeOptions, pp: Postprocess): DetectedPiece[] {
  const { photoWidth, photoHeight, inputSize } = opts;
  const cells = raw.scores.length;
  if (raw.boxes.length !== cells * 4) throw new RangeError(`boxes hold ${raw.boxes.length} values for ${cells} cells`);
  if (raw.coeffs.length !== cells * raw.prototypes) throw new RangeError(`coeffs hold ${raw.coeffs.length} values for ${cells} × ${raw.prototypes}`);
  if (raw.protos.length !== raw.prototypes * raw.protoSize * raw.protoSize)
    throw new RangeError(`protos hold ${raw.protos.length} values, not ${raw.prototypes} × ${raw.protoSize}²`);
  const scale = inputSize / Math.max(photoWidth, photoHeight);
  const pieces: DetectedPiece[] = [];
  for (const cell of keptCells(raw.boxes, raw.scores, pp)) {
    const q = quad(raw.boxes, cell);
    const box = toPhotoBox(q, scale, photoWidth, photoHeight);
    // A box wholly in the letterbox's grey padding covers no photo pixel.
    if (box.width <= 0 || box.height <= 0) continue;
    const mask = opts.masks === false ? null : pieceMask(raw, cell, q, box, scale, inputSize, pp.mask_threshold, opts.maskMaxSide);
    pieces.push({ box, score: raw.scores[cell]!, mask });
  }
  return pieces;
}
