import { describe, expect, it } from "vitest";
import { decodeDetections, iou, keptCells, MASK_MAX_SIDE, TEST_POSTPROCESS, toPhotoBox, type Postprocess, type RawDetections } from "./decode";
import { letterbox } from "./letterbox";

const K = 4; // prototypes in these hand-made outputs
const P = 64;

/** Hand-made model outputs: one cell per box, every prototype zero unless set. */
function raw(boxes: number[][], scores: number[], coeffs?: number[][]): RawDetections {
  return {
    boxes: Float32Array.from(boxes.flat()),
    scores: Float32Array.from(scores),
    coeffs: Float32Array.from(coeffs ? coeffs.flat() : boxes.flatMap(() => [1, 0, 0, 0])),
    protos: new Float32Array(K * P * P),
    prototypes: K,
    protoSize: P,
  };
}

const pp = (o: Partial<Postprocess> = {}): Postprocess => ({ ...TEST_POSTPROCESS, ...o });

describe("NMS and the score filter", () => {
  // A and B overlap by IoU 0.6; C stands apart; D is below the score threshold.
  const A = [0, 0, 100, 100];
  const B = [25, 0, 125, 100]; // inter 75×100, union 125×100 → 0.6
  const C = [150, 150, 200, 200];
  const D = [0, 150, 50, 200];
  const boxes = Float32Array.from([B, A, C, D].flat());
  const scores = Float32Array.from([0.8, 0.9, 0.7, 0.1]);

  it("computes IoU", () => {
    expect(iou(A as never, B as never)).toBeCloseTo(0.6, 6);
    expect(iou(A as never, C as never)).toBe(0);
    // Apart along one axis only: the other axis overlaps, so each test must stop the product.
    expect(iou(A as never, [150, 0, 200, 100] as never)).toBe(0);
    expect(iou(A as never, [0, 150, 100, 200] as never)).toBe(0);
  });

  it("drops the weaker of two overlapping boxes and keeps the rest, best first", () => {
    expect(keptCells(boxes, scores, pp({ nms_iou: 0.5 }))).toEqual([1, 2]);
  });

  it("keeps both when their overlap is under nms_iou, and drops at exactly nms_iou", () => {
    expect(keptCells(boxes, scores, pp({ nms_iou: 0.7 }))).toEqual([1, 0, 2]);
    expect(keptCells(boxes, scores, pp({ nms_iou: 0.6 }))).toEqual([1, 2]);
  });

  it("keeps a cell whose score equals the threshold and none below it", () => {
    expect(keptCells(boxes, scores, pp({ score_threshold: scores[2]! }))).toEqual([1, 2]);
    expect(keptCells(boxes, scores, pp({ score_threshold: 0.95 }))).toEqual([]);
  });

  it("cuts at max_detections, keeping the best scores", () => {
    const many = Array.from({ length: 30 }, (_, i) => [i * 8, 0, i * 8 + 6, 6]);
    const s = Float32Array.from(many.map((_, i) => 0.3 + (i % 7) * 0.05 + i * 0.001));
    const kept = keptCells(Float32Array.from(many.flat()), s, pp({ max_detections: 5 }));
    expect(kept.length).toBe(5);
    const best = [...s.keys()].sort((a, b) => s[b]! - s[a]!).slice(0, 5);
    expect(kept).toEqual(best);
  });

  it("gives no piece when nothing reaches the threshold (no garment found)", () => {
    const r = raw([A, C], [0.1, 0.2]);
    expect(decodeDetections(r, { photoWidth: 256, photoHeight: 256, inputSize: 256 }, pp())).toEqual([]);
  });
});

describe("boxes back in photo pixels", () => {
  it("undoes the letterbox of a non-square photo", () => {
    const { scale } = letterbox(4000, 3000); // 0.064: the photo fills 256 × 192
    expect(toPhotoBox([64, 32, 192, 160], scale, 4000, 3000)).toEqual({ x: 1000, y: 500, width: 2000, height: 2000 });
    // A box reaching into the grey padding below the photo is clipped to the photo.
    const b = toPhotoBox([-8, 100, 128, 230], scale, 4000, 3000);
    expect(b.x).toBe(0);
    expect(b.y).toBeCloseTo(1562.5, 6);
    expect(b.y + b.height).toBe(3000);
  });

  it("maps a portrait photo's boxes through the same scale and drops a box wholly in the padding", () => {
    const r = raw(
      [
        [10, 20, 90, 250],
        [200, 10, 250, 60], // right of a 1500 × 3000 photo's 128-wide strip
      ],
      [0.9, 0.8],
    );
    const pieces = decodeDetections(r, { photoWidth: 1500, photoHeight: 3000, inputSize: 256, masks: false }, pp());
    expect(pieces.length).toBe(1);
    const s = 256 / 3000;
    expect(pieces[0]!.box.x).toBeCloseTo(10 / s, 6);
    expect(pieces[0]!.box.height).toBeCloseTo(230 / s, 6);
    expect(pieces[0]!.mask).toBeNull();
  });
});

describe("masks from the prototypes", () => {
  it("reproduces a known prototype pattern at photo resolution", () => {
    // Prototype 0 is a vertical stripe: +10 on cells 16…31 (input x 64…128), -10 elsewhere.
    const r = raw([[32, 32, 224, 224]], [0.9], [[1, 0, 0, 0]]);
    for (let i = 0; i < P; i++) for (let j = 0; j < P; j++) r.protos[i * P + j] = j >= 16 && j < 32 ? 10 : -10;
    // Photo 512 × 512: s = 0.5, the box is photo 64…448, its mask 384 × 384 (under the cap).
    const [piece] = decodeDetections(r, { photoWidth: 512, photoHeight: 512, inputSize: 256 }, pp());
    const mask = piece!.mask!;
    expect([mask.width, mask.height]).toEqual([384, 384]);
    // Input x 64…128 is photo x 128…256, mask column 64…192; a pixel of slack at each edge.
    const wrong: string[] = [];
    for (let v = 8; v < 376; v += 7)
      for (let u = 0; u < 384; u++) {
        const a = mask.alpha[v * 384 + u]!;
        if ((u >= 65 && u < 191 && a !== 255) || ((u < 63 || u >= 193) && a !== 0)) wrong.push(`(${u}, ${v}) = ${a}`);
      }
    expect(wrong).toEqual([]);
  });

  it("is zero outside the box even where the prototypes are on", () => {
    // All prototypes on everywhere: the mask is the box itself, its inside fully kept.
    const r = raw([[64, 64, 128, 160]], [0.9], [[1, 1, 0, 0]]);
    r.protos.fill(5);
    const [piece] = decodeDetections(r, { photoWidth: 256, photoHeight: 256, inputSize: 256 }, pp());
    const { width, height, alpha } = piece!.mask!;
    expect([width, height]).toEqual([64, 96]);
    const on = alpha.reduce((n, a) => n + (a === 255 ? 1 : 0), 0);
    expect(on / alpha.length).toBeGreaterThan(0.9);
    expect(alpha[(height >> 1) * width + (width >> 1)]).toBe(255);
    // The coefficients select: with prototype 0 off, the same box has no mask pixels.
    const off = raw([[64, 64, 128, 160]], [0.9], [[0, 0, 1, 0]]);
    off.protos.fill(5, 0, 2 * P * P);
    off.protos.fill(-5, 2 * P * P);
    expect(decodeDetections(off, { photoWidth: 256, photoHeight: 256, inputSize: 256 }, pp())[0]!.mask!.alpha.every((a) => a === 0)).toBe(true);
  });

  it("honours mask_threshold from the post-processing block", () => {
    const r = raw([[0, 0, 256, 256]], [0.9], [[1, 0, 0, 0]]);
    r.protos.fill(0.5, 0, P * P); // sigmoid(0.5) ≈ 0.62 everywhere
    const opts = { photoWidth: 256, photoHeight: 256, inputSize: 256 };
    expect(decodeDetections(r, opts, pp({ mask_threshold: 0.6 }))[0]!.mask!.alpha[1000]).toBe(255);
    expect(decodeDetections(r, opts, pp({ mask_threshold: 0.65 }))[0]!.mask!.alpha[1000]).toBe(0);
  });

  it("caps the mask's longer side for a big photo's box", () => {
    const r = raw([[0, 0, 256, 192]], [0.9]);
    const [piece] = decodeDetections(r, { photoWidth: 4000, photoHeight: 3000, inputSize: 256 }, pp());
    expect(piece!.box).toEqual({ x: 0, y: 0, width: 4000, height: 3000 });
    expect([piece!.mask!.width, piece!.mask!.height]).toEqual([MASK_MAX_SIDE, 384]);
    const [small] = decodeDetections(r, { photoWidth: 4000, photoHeight: 3000, inputSize: 256, maskMaxSide: 100 }, pp());
    expect([small!.mask!.width, small!.mask!.height]).toEqual([100, 75]);
  });

  it("refuses outputs whose sizes disagree", () => {
    const r = raw([[0, 0, 10, 10]], [0.9]);
    expect(() => decodeDetections({ ...r, coeffs: new Float32Array(3) }, { photoWidth: 10, photoHeight: 10, inputSize: 256 }, pp())).toThrow(/coeffs/);
  });
});
