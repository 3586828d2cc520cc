/**
 * The MediaPipe face mesh: 468 points per face, each with image x/y (pixels, y down) and
 * a depth z in the same units as x (smaller = closer to the camera). Point numbers are the
 * mesh's own (see the mesh map in google/mediapipe, face_mesh "canonical_face_model_uv_visualization").
 * "Right"/"left" below are the person's own sides: their right cheek is on the image's left.
 */

export interface Landmark {
  x: number;
  y: number;
  z?: number;
}

export const MESH_POINT_COUNT = 468;

/** The mesh points each measurement is taken between. */
export const MESH = {
  /** Top of the mesh, mid-forehead (the mesh stops below the hairline). */
  foreheadTop: 10,
  /** Lowest point of the chin (gnathion). */
  chin: 152,
  /** Widest points of the face at cheekbone level (near zygion, just in front of the ears). */
  cheekRight: 234,
  cheekLeft: 454,
  /** Forehead edge at temple level, between eyebrows and the top of the mesh. */
  foreheadRight: 54,
  foreheadLeft: 284,
  /** Jaw corners (near gonion), on the face outline. */
  jawRight: 172,
  jawLeft: 397,
  /** Tip of the nose: the point that moves most when the head turns. */
  noseTip: 1,
  /** Outer eye corners: in-plane tilt of the head. */
  eyeRightOuter: 33,
  eyeLeftOuter: 263,
} as const;

/**
 * The face outline, clockwise from the forehead top on screen (person's left side first),
 * as the mesh defines it (`faceOval` contour). Used to draw the silhouette.
 */
export const FACE_OVAL = [
  10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21,
  54, 103, 67, 109,
] as const;

/** Throws unless `points` is one face mesh with finite coordinates. */
export function assertFaceMesh(points: readonly Landmark[]): void {
  if (points.length < MESH_POINT_COUNT) {
    throw new RangeError(`A face mesh has ${MESH_POINT_COUNT} points; got ${points.length}.`);
  }
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y) || (p.z !== undefined && !Number.isFinite(p.z))) {
      throw new RangeError("A face mesh point has a non-finite coordinate.");
    }
  }
}

/** The mesh point at `index` (the mesh is checked once, so a miss is a programming error). */
export function point(points: readonly Landmark[], index: number): Landmark {
  const p = points[index];
  if (!p) throw new RangeError(`Face mesh point ${index} missing.`);
  return p;
}
