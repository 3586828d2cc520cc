import { FACE_OVAL, type Landmark, MESH, MESH_POINT_COUNT } from "./landmarks";

/**
 * Builds a full 468-point face mesh from a few tape measurements, for tests and demos.
 * Units: the cheekbone width is 1, cheekbones at height 0, y grows towards the chin.
 * The outline follows the mesh's own numbering (FACE_OVAL); the other points fill the
 * inside of the face, and depth bulges towards the nose like a real face so 3-D
 * rotations are meaningful.
 */
export interface FaceOutline {
  /** Height of the mesh top (mid-forehead) above the cheekbones. */
  top: number;
  /** Depth of the chin below the cheekbones. */
  chin: number;
  foreheadWidth: number;
  /** Height of the forehead measurement above the cheekbones. */
  foreheadHeight: number;
  jawWidth: number;
  /** Depth of the jaw corners below the cheekbones. */
  jawCornerDrop: number;
}

type Plane = [number, number];

/** Half-width of the face at height v, through the outline's control points (piecewise linear). */
function halfWidth(o: FaceOutline, v: number): number {
  const pts: Plane[] = [
    [-o.top, 0],
    [-o.top * 0.9, o.foreheadWidth * 0.3], // the crown rounds off above the forehead
    [-o.foreheadHeight, o.foreheadWidth / 2],
    [0, 0.5],
    [o.jawCornerDrop, o.jawWidth / 2],
    [o.chin, 0],
  ];
  for (let i = 1; i < pts.length; i++) {
    const [v0, w0] = pts[i - 1] as Plane;
    const [v1, w1] = pts[i] as Plane;
    if (v <= v1) return w0 + ((w1 - w0) * (v - v0)) / (v1 - v0 || 1);
  }
  return 0;
}

/** Heights for the outline points of one side: top → forehead → cheek → jaw corner → chin. */
function sideHeights(o: FaceOutline): number[] {
  const lerp = (a: number, b: number, n: number) => Array.from({ length: n }, (_, k) => a + ((b - a) * k) / n);
  return [
    ...lerp(-o.top, -o.foreheadHeight, 4), // 10, 338, 297, 332
    ...lerp(-o.foreheadHeight, 0, 4), // 284, 251, 389, 356
    ...lerp(0, o.jawCornerDrop, 4), // 454, 323, 361, 288
    ...lerp(o.jawCornerDrop, o.chin, 6), // 397, 365, 379, 378, 400, 377
    o.chin, // 152
  ];
}

/** Depth in the same units: the nose is nearest (negative), the face's rim furthest. */
function depth(u: number, v: number): number {
  return 0.45 * (1 - Math.max(0, 1 - (u / 0.5) ** 2 - (v / 0.7) ** 2)) - 0.25;
}

export function syntheticFace(o: FaceOutline): Landmark[] {
  const plane: (Plane | undefined)[] = new Array(MESH_POINT_COUNT);
  // FACE_OVAL runs top → person's left side → chin → right side → top.
  const heights = sideHeights(o);
  FACE_OVAL.slice(0, 19).forEach((idx, k) => {
    const v = heights[k] ?? 0;
    plane[idx] = [halfWidth(o, v), v];
  });
  FACE_OVAL.slice(18).forEach((idx, k) => {
    const v = heights[18 - k] ?? 0;
    plane[idx] = [-halfWidth(o, v), v];
  });
  plane[MESH.noseTip] = [0, 0.05];
  plane[MESH.eyeRightOuter] = [-0.34, -0.2];
  plane[MESH.eyeLeftOuter] = [0.34, -0.2];

  // Fill the rest deterministically inside the face (a golden-angle spiral).
  const golden = Math.PI * (3 - Math.sqrt(5));
  return Array.from({ length: MESH_POINT_COUNT }, (_, i): Landmark => {
    let q = plane[i];
    if (!q) {
      const r = 0.8 * Math.sqrt((i + 0.5) / MESH_POINT_COUNT);
      const v = r * 0.5 * Math.sin(i * golden);
      q = [r * halfWidth(o, v) * Math.cos(i * golden), v];
    }
    return { x: q[0], y: q[1], z: depth(q[0], q[1]) };
  });
}

/** Rotates (3-D, degrees: roll about the view axis, then yaw, then pitch), scales and moves a mesh. */
export function transformFace(
  points: readonly Landmark[],
  t: { roll?: number; yaw?: number; pitch?: number; scale?: number; dx?: number; dy?: number },
): Landmark[] {
  const r = ((t.roll ?? 0) * Math.PI) / 180;
  const y = ((t.yaw ?? 0) * Math.PI) / 180;
  const p = ((t.pitch ?? 0) * Math.PI) / 180;
  const s = t.scale ?? 1;
  return points.map(({ x, y: py, z = 0 }) => {
    // roll (about z)
    let X = x * Math.cos(r) - py * Math.sin(r);
    let Y = x * Math.sin(r) + py * Math.cos(r);
    let Z = z;
    // yaw (about y)
    [X, Z] = [X * Math.cos(y) + Z * Math.sin(y), -X * Math.sin(y) + Z * Math.cos(y)];
    // pitch (about x)
    [Y, Z] = [Y * Math.cos(p) - Z * Math.sin(p), Y * Math.sin(p) + Z * Math.cos(p)];
    return { x: X * s + (t.dx ?? 0), y: Y * s + (t.dy ?? 0), z: Z * s };
  });
}
