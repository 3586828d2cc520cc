// pieceMask computes the prototypes' sigmoid only in a band of cells around the box (a few
// hundred instead of 64 × 64 per piece). Here it is held to the plain definition, computed on
// the whole grid: random prototypes, coefficients and boxes (their edges on cell centres
// half the time, where "inside" is decided by ≥ and ≤), every mask pixel equal.
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../colour/kmeans";
import { decodeDetections, pieceMask, TEST_POSTPROCESS, toPhotoBox, type RawDetections } from "./decode";

type Quad = [number, number, number, number];

/** The definition, on every prototype cell: sigmoid(c · protos) inside the box (cell centre within it, edges included), 0 outside, then bilinear sampling (half-pixel centres, clamped) at each mask pixel's centre. */
function plainMask(
  raw: RawDetections,
  cell: number,
  q: Quad,
  scale: number,
  inputSize: number,
  threshold: number,
  photoW: number,
  photoH: number,
  maxSide: number,
) {
  const { prototypes: k, protoSize: p, protos, coeffs } = raw;
  const stride = inputSize / p;
  const box = toPhotoBox(q, scale, photoW, photoH);
  const m = Math.min(1, maxSide / Math.max(box.width, box.height, 1e-9));
  const width = Math.max(1, Math.round(box.width * m));
  const height = Math.max(1, Math.round(box.height * m));
  const prob = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      const cx = (j + 0.5) * stride;
      const cy = (i + 0.5) * stride;
      if (cx < q[0] || cx > q[2] || cy < q[1] || cy > q[3]) continue;
      let z = 0;
      for (let t = 0; t < k; t++) z += coeffs[cell * k + t]! * protos[(t * p + i) * p + j]!;
      prob[i * p + j] = 1 / (1 + Math.exp(-z));
    }
  const clampIdx = (v: number) => Math.min(p - 1, Math.max(0, v));
  const sample = (gx: number, gy: number) => {
    // torch's align_corners=False bilinear: coordinates below 0 clamp to 0, the last row/column repeats.
    const x = Math.max(0, gx);
    const y = Math.max(0, gy);
    const j = Math.min(Math.floor(x), p - 1);
    const i = Math.min(Math.floor(y), p - 1);
    const fx = j >= p - 1 ? 0 : x - j;
    const fy = i >= p - 1 ? 0 : y - i;
    const at = (ii: number, jj: number) => prob[clampIdx(ii) * p + clampIdx(jj)]!;
    return (at(i, j) * (1 - fx) + at(i, j + 1) * fx) * (1 - fy) + (at(i + 1, j) * (1 - fx) + at(i + 1, j + 1) * fx) * fy;
  };
  const alpha = new Uint8Array(width * height);
  for (let v = 0; v < height; v++)
    for (let u = 0; u < width; u++) {
      const gx = ((box.x + ((u + 0.5) * box.width) / width) * scale) / stride - 0.5;
      const gy = ((box.y + ((v + 0.5) * box.height) / height) * scale) / stride - 0.5;
      if (sample(gx, gy) >= threshold) alpha[v * width + u] = 255;
    }
  return { width, height, alpha };
}

describe("a piece's mask, computed in a band of cells, equals the mask computed on the whole grid", () => {
  it("for 300 random boxes, prototypes and photos", () => {
    const rand = mulberry32(77);
    const inputSize = 256;
    let checked = 0;
    let edgeBoxes = 0;
    for (let trial = 0; trial < 300; trial++) {
      const p = [8, 16, 32][trial % 3]!;
      const stride = inputSize / p;
      const k = 1 + Math.floor(rand() * 4);
      const protos = Float32Array.from({ length: k * p * p }, () => (rand() - 0.5) * 8);
      const coeffs = Float32Array.from({ length: k }, () => (rand() - 0.5) * 3);
      // Edges on cell centres half the time (where ≥ / ≤ decide), anywhere otherwise; some boxes touch the grid's border.
      const edge = (v: number) => (trial % 2 ? (Math.round(v / stride - 0.5) + 0.5) * stride : v);
      const a = rand() * inputSize;
      const b = rand() * inputSize;
      const c = rand() * inputSize;
      const d = rand() * inputSize;
      const q: Quad = [edge(Math.min(a, b)), edge(Math.min(c, d)), edge(Math.max(a, b)), edge(Math.max(c, d))];
      if (trial % 10 === 0) q[0] = 0;
      if (trial % 10 === 1) q[2] = inputSize;
      if (trial % 2) edgeBoxes++;
      const photoW = 200 + Math.floor(rand() * 900);
      const photoH = 200 + Math.floor(rand() * 900);
      const scale = inputSize / Math.max(photoW, photoH);
      const raw: RawDetections = { boxes: Float32Array.from(q), scores: Float32Array.of(0.9), coeffs, protos, prototypes: k, protoSize: p };
      const box = toPhotoBox(q, scale, photoW, photoH);
      if (box.width <= 0 || box.height <= 0) continue;
      const maxSide = [512, 40][trial % 2]!;
      const threshold = [0.5, 0.3, 0.7][trial % 3]!;
      const got = pieceMask(raw, 0, q, box, scale, inputSize, threshold, maxSide);
      const want = plainMask(raw, 0, q, scale, inputSize, threshold, photoW, photoH, maxSide);
      expect([got.width, got.height], `trial ${trial}`).toEqual([want.width, want.height]);
      let differ = 0;
      for (let i = 0; i < want.alpha.length; i++) if (got.alpha[i] !== want.alpha[i]) differ++;
      expect(differ, `trial ${trial}: ${differ} of ${want.alpha.length} pixels differ`).toBe(0);
      checked++;
    }
    expect(checked).toBeGreaterThan(200); // the rest fall wholly in the padding of a non-square photo
    expect(edgeBoxes).toBe(150);
  });
});

describe("decodeDetections' checks on the model's outputs", () => {
  const ok: RawDetections = {
    boxes: Float32Array.from([0, 0, 10, 10, 5, 5, 20, 20]),
    scores: Float32Array.of(0.9, 0.8),
    coeffs: new Float32Array(2 * 3),
    protos: new Float32Array(3 * 4 * 4),
    prototypes: 3,
    protoSize: 4,
  };
  const opts = { photoWidth: 64, photoHeight: 32, inputSize: 64 };

  it("names the output whose size disagrees", () => {
    expect(() => decodeDetections({ ...ok, boxes: ok.boxes.subarray(0, 7) }, opts, TEST_POSTPROCESS)).toThrow("boxes hold 7 values for 2 cells");
    expect(() => decodeDetections({ ...ok, coeffs: new Float32Array(5) }, opts, TEST_POSTPROCESS)).toThrow("coeffs hold 5 values for 2 × 3");
    expect(() => decodeDetections({ ...ok, protos: new Float32Array(47) }, opts, TEST_POSTPROCESS)).toThrow("protos hold 47 values, not 3 × 4²");
    expect(decodeDetections(ok, opts, TEST_POSTPROCESS)).toHaveLength(2);
  });

  it("drops a box with no height or no width on the photo (it lies in the letterbox's padding)", () => {
    // A 64 × 32 photo fills the top half of the 64 × 64 input: rows 32–64 are padding.
    const inPadding = { ...ok, boxes: Float32Array.from([0, 40, 10, 60, 70, 0, 80, 10]) };
    expect(decodeDetections(inPadding, opts, TEST_POSTPROCESS)).toEqual([]);
  });
});
