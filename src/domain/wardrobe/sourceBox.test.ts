import { describe, expect, it } from "vitest";
import { boxToSourceBox, CROP_ASPECT, CROP_MARGIN, cropForPiece, sourceBoxOrNull } from "./sourceBox";

const PHOTO = { width: 4000, height: 3000 };

describe("sourceBoxOrNull: a stored box is four finite numbers, ordered, inside the photo", () => {
  it("keeps a good box as it is", () => {
    expect(sourceBoxOrNull([10, 20, 30, 40])).toEqual([10, 20, 30, 40]);
    expect(sourceBoxOrNull([0, 0, 4000, 3000], PHOTO)).toEqual([0, 0, 4000, 3000]);
  });

  it.each([
    ["not an array", "10,20,30,40"],
    ["three numbers", [1, 2, 3]],
    ["five numbers", [1, 2, 3, 4, 5]],
    ["a string inside", [1, 2, "3", 4]],
    ["NaN", [1, 2, NaN, 4]],
    ["Infinity", [1, 2, Infinity, 4]],
    ["x0 = x1 (no width)", [5, 2, 5, 4]],
    ["y0 = y1 (no height)", [1, 6, 3, 6]],
    ["x0 > x1", [9, 2, 3, 4]],
    ["y0 > y1", [1, 9, 3, 4]],
  ])("refuses %s", (_, v) => {
    expect(sourceBoxOrNull(v)).toBeNull();
  });

  it.each([
    ["left of the photo", [-1, 0, 10, 10]],
    ["above it", [0, -1, 10, 10]],
    ["past its right edge", [0, 0, 4001, 10]],
    ["past its bottom", [0, 0, 10, 3001]],
  ])("refuses a box %s, given the photo's size", (_, v) => {
    expect(sourceBoxOrNull(v, PHOTO)).toBeNull();
    expect(sourceBoxOrNull(v)).not.toBeNull(); // without the size, only the shape is checked
  });
});

describe("boxToSourceBox: a detector box as a stored one", () => {
  it("converts {x, y, width, height} to [x0, y0, x1, y1]", () => {
    expect(boxToSourceBox({ x: 100, y: 200, width: 300, height: 400 }, PHOTO)).toEqual([100, 200, 400, 600]);
  });

  it("clamps a box that overshoots an edge, on every side", () => {
    expect(boxToSourceBox({ x: -5, y: -7, width: 4010, height: 3020 }, PHOTO)).toEqual([0, 0, 4000, 3000]);
  });

  it("gives null when nothing of it is inside the photo", () => {
    expect(boxToSourceBox({ x: 4100, y: 10, width: 50, height: 50 }, PHOTO)).toBeNull();
    expect(boxToSourceBox({ x: 10, y: -90, width: 50, height: 50 }, PHOTO)).toBeNull();
  });
});

describe("cropForPiece: the part of the photo that shows a piece", () => {
  it("is the whole photo without a valid box", () => {
    expect(cropForPiece(null, PHOTO)).toEqual({ x: 0, y: 0, ...PHOTO });
    expect(cropForPiece(undefined, PHOTO)).toEqual({ x: 0, y: 0, ...PHOTO });
    expect(cropForPiece([0, 0, 5000, 10], PHOTO)).toEqual({ x: 0, y: 0, ...PHOTO });
  });

  it("grows the box by the margin, then to the grid's 4:5 shape around its centre", () => {
    // A 400 × 500 box (already 4:5) in the middle: only the 8 % margin on each side.
    const c = cropForPiece([1800, 1250, 2200, 1750], PHOTO);
    expect(c).toEqual({ x: 1768, y: 1210, width: 464, height: 580 });
    expect(CROP_MARGIN).toBe(0.08);
    expect(c.width / c.height).toBeCloseTo(CROP_ASPECT, 6);
  });

  it("widens a tall piece and heightens a wide one to 4:5, keeping the piece centred", () => {
    // Tall: 100 × 500 → with margins 116 × 580 → widened to 464 × 580.
    const tall = cropForPiece([1950, 1250, 2050, 1750], PHOTO);
    expect(tall).toEqual({ x: 1768, y: 1210, width: 464, height: 580 });
    // Wide: 1000 × 100 → with margins 1160 × 116 → heightened to 1160 × 1450.
    const wide = cropForPiece([1500, 1450, 2500, 1550], PHOTO);
    expect(wide).toEqual({ x: 1420, y: 775, width: 1160, height: 1450 });
  });

  it("shifts the crop to stay inside the photo near an edge, and clamps it when the photo is too small", () => {
    // A tall piece at the left edge: the widened crop starts at 0, not before it.
    const atEdge = cropForPiece([0, 1250, 100, 1750], PHOTO);
    expect(atEdge.x).toBe(0);
    expect(atEdge).toEqual({ x: 0, y: 1210, width: 464, height: 580 });
    // A wide piece across a short photo: the height is the whole photo.
    const short = cropForPiece([100, 40, 3900, 60], { width: 4000, height: 100 });
    expect(short).toEqual({ x: 0, y: 0, width: 4000, height: 100 });
  });

  it("uses whole pixels, at least one", () => {
    const tiny = cropForPiece([10.2, 10.2, 10.4, 10.4], PHOTO, 0, 0.0001);
    expect(Number.isInteger(tiny.x) && Number.isInteger(tiny.width)).toBe(true);
    expect(tiny.width).toBeGreaterThanOrEqual(1);
    expect(tiny.height).toBeGreaterThanOrEqual(1);
    expect(tiny.x).toBe(10);
  });
});
