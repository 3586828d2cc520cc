/**
 * Personal colouring's rules, pinned: the traits and the confidence as colouring.ts documents
 * them (recomputed here from the colours it measured), the checks on its input, what happens
 * when the hair or the eyes are not in the picture, and the white-balance verdict for every
 * kind of cast (and for pictures with no white or no light at all).
 */
import { describe, expect, it } from "vitest";
import { oklabToOklch } from "../colour/oklab";
import { checkWhiteBalance, personalColouring, type RgbaImage } from "./colouring";
import type { Landmark } from "./landmarks";
import { MESH } from "./landmarks";
import { seasonFromTraits } from "./seasons";
import { NEUTRAL, paint, POINTS, tintAll } from "./testkit/selfie";

const clamp = (x: number) => Math.max(-1, Math.min(1, x));
const img = paint(NEUTRAL);

/** The mesh scaled by k about a point (a smaller or larger face in the same picture). */
const scaled = (k: number, cx = 256, cy = 256): Landmark[] => POINTS.map((p) => ({ x: cx + (p.x - cx) * k, y: cy + (p.y - cy) * k, z: (p.z ?? 0) * k }));
const cheekWidth = (pts: Landmark[]) => Math.hypot(pts[MESH.cheekLeft]!.x - pts[MESH.cheekRight]!.x, pts[MESH.cheekLeft]!.y - pts[MESH.cheekRight]!.y);

/** A flat picture of one colour. */
function flat(rgb: [number, number, number], width = 64, height = 64): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let o = 0; o < data.length; o += 4) data.set([...rgb, 255], o);
  return { width, height, data };
}

describe("personal colouring: the traits and the confidence follow the documented formulas", () => {
  it("warmth, depth and clarity from the measured skin, hair and eyes", () => {
    const c = personalColouring(img, POINTS);
    const { skin, hair, eyes } = c;
    expect(hair && eyes).toBeTruthy();
    // Warmth: the skin hue against the middle of the cool and warm thresholds (46° and 58°), 12° per unit.
    expect(c.traits.warmth).toBeCloseTo(clamp((c.skinHue - 52) / 12), 12);
    // Depth: lightness weighted skin 0.55, hair 0.3, eyes 0.15, against 0.6, 0.16 per unit.
    const value = (skin.lab.L * 0.55 + hair!.lab.L * 0.3 + eyes!.lab.L * 0.15) / 1;
    expect(c.traits.depth).toBeCloseTo(clamp((0.6 - value) / 0.16), 12);
    // Clarity: the biggest lightness step (the iris counts 0.75) and the most saturated feature.
    const contrastL = Math.max(Math.abs(hair!.lab.L - skin.lab.L), Math.abs(eyes!.lab.L - skin.lab.L) * 0.75);
    const chroma = Math.max(oklabToOklch(eyes!.lab).C, oklabToOklch(hair!.lab).C, oklabToOklch(skin.lab).C);
    expect(c.traits.clarity).toBeCloseTo(clamp(((contrastL - 0.3) / 0.18 + (chroma - 0.07) / 0.05) / 2), 12);
    expect(c.contrast).toBe(contrastL > 0.4 ? "high" : contrastL < 0.2 ? "low" : "medium");
    // Daylight, hair and eyes seen, white eyes: the confidence is the margins' sum alone.
    const { margin, season } = seasonFromTraits(c.traits);
    expect(c.season).toBe(season);
    expect(c.confidence).toBeCloseTo(Math.min(1, 0.35 + Math.min(0.35, margin) + Math.min(0.3, Math.abs(c.traits.warmth) * 0.3)), 12);
    expect(c.sureness).toBe(c.confidence >= 0.66 ? "high" : c.confidence >= 0.4 ? "medium" : "low");
    expect(c.messages).toEqual([]);
  });

  it("depth and contrast from the skin alone when the hair is the skin's colour and the eyes are out of the picture", () => {
    // The eye corners moved off the picture: no iris pixels at all.
    const noEyes = POINTS.map((p, i) => ([33, 133, 263, 362].includes(i) ? { ...p, x: p.x + 5000 } : p));
    const c = personalColouring(paint({ ...NEUTRAL, hair: NEUTRAL.skin }), noEyes);
    expect(c.eyes).toBeNull();
    expect(c.hair).toBeNull();
    expect(c.traits.depth).toBeCloseTo(clamp((0.6 - c.skin.lab.L) / 0.16), 12);
    // No step in lightness to read: the contrast is low, the clarity comes from the skin's own chroma.
    expect(c.contrast).toBe("low");
    expect(c.traits.clarity).toBeCloseTo(clamp(((0 - 0.3) / 0.18 + (oklabToOklch(c.skin.lab).C - 0.07) / 0.05) / 2), 12);
    const { margin } = seasonFromTraits(c.traits);
    const base = 0.35 + Math.min(0.35, margin) + Math.min(0.3, Math.abs(c.traits.warmth) * 0.3);
    // No hair: × 0.8, at most 0.6; no eyes: × 0.85 on top.
    expect(c.confidence).toBeCloseTo(Math.min(base * 0.8, 0.6) * 0.85, 12);
    expect(c.messages).toEqual(["No hair was seen above the forehead: the contrast is read from the eyes alone."]);
  });

  it("no hair when the band above the forehead is outside the picture", () => {
    // The face moved up until the hair band (12–32 % of the face's height above the mesh top) is above row 0.
    const top = POINTS[MESH.foreheadTop]!.y;
    const lifted = POINTS.map((p) => ({ ...p, y: p.y - top + 2 }));
    const c = personalColouring(img, lifted);
    expect(c.hair).toBeNull();
    expect(c.messages.join(" ")).toMatch(/No hair was seen/);
  });
});

describe("personal colouring: its input", () => {
  it("refuses a picture with no rows, no columns or fewer bytes than its size says", () => {
    const { width, height, data } = img;
    expect(() => personalColouring({ width: 0, height, data }, POINTS)).toThrow("The picture has no pixels.");
    expect(() => personalColouring({ width, height: 0, data }, POINTS)).toThrow("The picture has no pixels.");
    expect(() => personalColouring({ width, height, data: data.subarray(0, width * height * 4 - 4) }, POINTS)).toThrow("The picture has no pixels.");
    // One column is a picture; the face is simply not in it.
    expect(() => personalColouring({ width: 1, height, data: data.subarray(0, height * 4) }, POINTS)).toThrow("The face is outside the picture.");
    expect(() => personalColouring({ width, height: 1, data: data.subarray(0, width * 4) }, POINTS)).toThrow("The face is outside the picture.");
  });

  it("reads a face down to 4 pixels between the cheekbones, not below", () => {
    const small = scaled(4.5 / cheekWidth(POINTS));
    /** The same small face with the cheekbones exactly `d` pixels apart (whole pixels, so the distance is exact). */
    const apart = (d: number) => {
      const pts = small.map((p) => ({ ...p }));
      const r = { ...pts[MESH.cheekRight]!, x: Math.round(pts[MESH.cheekRight]!.x), y: Math.round(pts[MESH.cheekRight]!.y) };
      pts[MESH.cheekRight] = r;
      pts[MESH.cheekLeft] = { ...r, x: r.x + d };
      return pts;
    };
    expect(cheekWidth(apart(4))).toBe(4);
    expect(() => personalColouring(img, apart(4))).toThrow("The face is too small to read colours from.");
    expect(() => personalColouring(img, apart(3))).toThrow("The face is too small to read colours from.");
    expect(personalColouring(img, apart(5)).skin.pixels).toBeGreaterThan(0);
  });
});

describe("white balance", () => {
  it("names the cast of a picture with whites in it by the whites' colour: warm, cool, magenta, green", () => {
    const cases: [[number, number, number], string][] = [
      [[1.25, 1.0, 0.7], "warm"],
      [[0.78, 0.92, 1.25], "cool"],
      [[1.15, 0.8, 1.15], "magenta"],
      [[0.8, 1.15, 0.8], "green"],
    ];
    for (const [k, direction] of cases) {
      const wb = checkWhiteBalance(tintAll(img, k));
      expect(wb.ok, direction).toBe(false);
      expect(wb.direction, direction).toBe(direction);
      expect(wb.cast).toBeGreaterThan(0.05);
    }
    const daylight = checkWhiteBalance(img);
    expect(daylight).toMatchObject({ ok: true, direction: null });
    expect(daylight.cast).toBeLessThan(0.05);
  });

  it("judges a picture with no near-white pixel by its average alone", () => {
    // Mid-grey walls: nothing above L 0.6, so only the grey world can tell.
    const grey = flat([110, 110, 110]);
    expect(checkWhiteBalance(grey)).toMatchObject({ ok: true, direction: null });
    const magentaGrey = checkWhiteBalance(flat([120, 90, 120]));
    expect(magentaGrey.ok).toBe(false);
    expect(magentaGrey.direction).toBe("magenta");
    const greenGrey = checkWhiteBalance(flat([90, 115, 90]));
    expect(greenGrey.direction).toBe("green");
    const blueGrey = checkWhiteBalance(flat([90, 100, 130]));
    expect(blueGrey.direction).toBe("cool");
  });

  it("takes an all-black picture (no light to judge) as neutral, not as a cast", () => {
    expect(checkWhiteBalance(flat([0, 0, 0]))).toEqual({ ok: true, cast: 0, direction: null });
  });

  it("lets a coloured scene with neutral whites pass, but not a scene whose whites are tinted", () => {
    // Two thirds saturated orange, one third white: the average is orange, the whites are not.
    const w = 30;
    const h = 30;
    const data = new Uint8ClampedArray(w * h * 4);
    for (let k = 0; k < w * h; k++) data.set([...(k % 3 === 0 ? [250, 250, 250] : [235, 120, 40]), 255], k * 4);
    const scene = { width: w, height: h, data };
    expect(checkWhiteBalance(scene).ok).toBe(true);
    const tinted = new Uint8ClampedArray(data);
    for (let o = 0; o < tinted.length; o += 4) tinted[o + 1] = Math.round(tinted[o + 1]! * 0.8);
    const wb = checkWhiteBalance({ ...scene, data: tinted });
    expect(wb.ok).toBe(false);
    expect(wb.direction).toBe("magenta");
  });
});
