/**
 * Synthetic selfies for the colouring tests: the astronaut photo's real face mesh, with skin,
 * hair, eyes and background painted in known colours (and tints of them).
 */
import mesh from "../fixtures/astronaut-mesh.json";
import { FACE_OVAL, MESH, type Landmark } from "../landmarks";
import type { RgbaImage } from "../colouring";

export const POINTS: Landmark[] = (mesh as { points: number[][] }).points.map(([x, y, z]) => ({ x: x!, y: y!, z }));
export type Rgb = [number, number, number];

export interface Selfie {
  skin: Rgb;
  hair: Rgb;
  eyes: Rgb;
  background?: Rgb;
}

/** A 512 × 512 picture: background (with a white wall patch), hair above and around the face, the face oval in skin, eyes. */
export function paint({ skin, hair, eyes, background = [128, 128, 128] }: Selfie): RgbaImage {
  const width = 512;
  const height = 512;
  const data = new Uint8ClampedArray(width * height * 4);
  const oval = FACE_OVAL.map((i) => POINTS[i]!);
  const top = POINTS[MESH.foreheadTop]!;
  const chin = POINTS[MESH.chin]!;
  const cx = (POINTS[MESH.cheekLeft]!.x + POINTS[MESH.cheekRight]!.x) / 2;
  const fw = Math.abs(POINTS[MESH.cheekLeft]!.x - POINTS[MESH.cheekRight]!.x);
  const fh = chin.y - top.y;
  const eyes2 = [
    [POINTS[33]!, POINTS[133]!],
    [POINTS[263]!, POINTS[362]!],
  ] as const;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let c: Rgb = x > 430 && y < 80 ? [240, 240, 240] : background;
      // Hair: an ellipse over the head, wider and taller than the face.
      if (((x - cx) / (fw * 0.68)) ** 2 + ((y - (top.y + fh * 0.25)) / (fh * 0.78)) ** 2 <= 1 && y < top.y + fh * 0.6) c = hair;
      if (inside(oval, x, y)) c = skin;
      for (const [a, b] of eyes2) {
        const ex = (a.x + b.x) / 2;
        const ey = (a.y + b.y) / 2;
        const w = Math.hypot(b.x - a.x, b.y - a.y);
        if (((x - ex) / (w * 0.5)) ** 2 + ((y - ey) / (w * 0.2)) ** 2 <= 1) c = [235, 232, 228];
        if ((x - ex) ** 2 + (y - ey) ** 2 <= (w * 0.19) ** 2) c = eyes;
      }
      data.set([...c, 255], (y * width + x) * 4);
    }
  return { width, height, data };
}

export function inside(poly: readonly Landmark[], x: number, y: number): boolean {
  let inPoly = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!;
    const b = poly[j]!;
    if (a.y > y !== b.y > y && x < ((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x) inPoly = !inPoly;
  }
  return inPoly;
}

/** Multiplies the skin pixels only (the tint of the issue: "skin tinted warmer and cooler"). */
export function tintSkin(s: Selfie, k: Rgb): Selfie {
  return { ...s, skin: s.skin.map((v, i) => Math.min(255, Math.round(v * k[i]!))) as Rgb };
}

/** Multiplies every pixel: the whole photo under coloured light. */
export function tintAll(img: RgbaImage, k: Rgb): RgbaImage {
  const data = new Uint8ClampedArray(img.data);
  for (let o = 0; o < data.length; o += 4) for (let c = 0; c < 3; c++) data[o + c] = Math.min(255, Math.round(data[o + c]! * k[c]!));
  return { ...img, data };
}

export const NEUTRAL: Selfie = { skin: [210, 165, 140], hair: [95, 70, 50], eyes: [90, 70, 50] };
export const WARMER: Rgb = [1.04, 1.0, 0.84];
export const COOLER: Rgb = [1.0, 0.93, 1.06];
