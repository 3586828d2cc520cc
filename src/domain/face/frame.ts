import { type Landmark, MESH, point } from "./landmarks";

/**
 * A face-aligned frame. Every measurement is taken in it, so the result does not depend
 * on where the face is in the photo, how big it is, or how the head is tilted: x runs
 * from the person's right cheekbone to their left one, y from forehead to chin (made
 * square to x), z out of the face. With mesh depth the frame is 3-D, so a slightly
 * turned head is measured on the mesh's reconstruction instead of its foreshortened
 * photo outline.
 */

export type Vec3 = readonly [number, number, number];

const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const scale = (a: Vec3, k: number): Vec3 => [a[0] * k, a[1] * k, a[2] * k];
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const norm = (a: Vec3) => Math.hypot(a[0], a[1], a[2]);

function unit(a: Vec3): Vec3 {
  const n = norm(a);
  if (!(n > 1e-9)) throw new RangeError("Degenerate face mesh: two reference points coincide.");
  return scale(a, 1 / n);
}

export const vec = (p: Landmark): Vec3 => [p.x, p.y, p.z ?? 0];

export interface FaceFrame {
  origin: Vec3;
  x: Vec3;
  y: Vec3;
  z: Vec3;
}

/** A 2-D point in the face plane (same units as the image). */
export interface PlanePoint {
  u: number;
  v: number;
}

export function faceFrame(points: readonly Landmark[]): FaceFrame {
  const right = vec(point(points, MESH.cheekRight));
  const left = vec(point(points, MESH.cheekLeft));
  const top = vec(point(points, MESH.foreheadTop));
  const chin = vec(point(points, MESH.chin));
  const x = unit(sub(left, right));
  const down = sub(chin, top);
  const y = unit(sub(down, scale(x, dot(down, x))));
  const origin = scale([right[0] + left[0], right[1] + left[1], right[2] + left[2]], 0.5);
  return { origin, x, y, z: cross(x, y) };
}

/** `p` in face-plane coordinates (u to the person's left, v down towards the chin). */
export function toPlane(frame: FaceFrame, p: Landmark): PlanePoint {
  const d = sub(vec(p), frame.origin);
  return { u: dot(d, frame.x), v: dot(d, frame.y) };
}

/** Head pose in degrees, read from the frame's axes in camera space. */
export interface HeadPose {
  /** Turn left/right (0 = facing the camera). */
  yaw: number;
  /** Nod up/down. */
  pitch: number;
  /** In-plane tilt; measurements are already corrected for it. */
  roll: number;
}

const DEG = 180 / Math.PI;

/**
 * Yaw and pitch come from how far the cheek-to-cheek and forehead-to-chin axes point
 * into the depth direction; without depth (z all 0) they read 0, roll is the image angle
 * of the cheek-to-cheek line.
 */
export function headPose(frame: FaceFrame): HeadPose {
  const { x, y } = frame;
  return {
    yaw: Math.atan2(x[2], Math.hypot(x[0], x[1])) * DEG,
    pitch: Math.atan2(-y[2], Math.hypot(y[0], y[1])) * DEG,
    roll: Math.atan2(x[1], x[0]) * DEG,
  };
}

/** Angle at `vertex` between the rays to `a` and `b`, in degrees (0–180). */
export function angleAt(vertex: PlanePoint, a: PlanePoint, b: PlanePoint): number {
  const ax = a.u - vertex.u;
  const ay = a.v - vertex.v;
  const bx = b.u - vertex.u;
  const by = b.v - vertex.v;
  const cos = (ax * bx + ay * by) / (Math.hypot(ax, ay) * Math.hypot(bx, by));
  return Math.acos(Math.min(1, Math.max(-1, cos))) * DEG;
}
