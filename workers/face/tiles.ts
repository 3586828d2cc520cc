import type { Landmark } from "@domain/face/landmarks";
import type { DetectedFace, FaceBox } from "./types";

/**
 * Geometry of the tile search (pure, unit-tested): where the tiles go, and how faces
 * seen from several tiles become one.
 *
 * Tiles are 1/TILE_ZOOM of the short side, so a face ~1/20 of the image is ~1/7 of a
 * tile: big enough for the detector (~15 % of its input). Neighbours overlap by a third
 * of a tile, so any face up to that size lies whole inside some tile; larger faces were
 * already found by the whole-image pass. A 1024×768 photo is 24 tiles; each costs one
 * detector run (~5 ms idle, 15+ ms on this busy 2-core machine).
 */
export const TILE_ZOOM = 3;
export const TILE_STRIDE = 2 / 3;
/** Below this tile size there is nothing a tile pass could add. */
export const MIN_TILE = 64;

export interface Tile {
  x: number;
  y: number;
  size: number;
}

/** Tile origins along one side: the fewest evenly spaced tiles whose step is at most the stride. */
function starts(length: number, tile: number): number[] {
  const span = length - tile;
  const steps = Math.ceil(span / (tile * TILE_STRIDE) - 1e-9);
  if (steps <= 0) return [0];
  return Array.from({ length: steps + 1 }, (_, i) => Math.round((i * span) / steps));
}

/** The square tiles covering a width×height image (none when the image is too small to zoom into). */
export function tilesFor(width: number, height: number): Tile[] {
  const size = Math.floor(Math.min(width, height) / TILE_ZOOM);
  if (size < MIN_TILE) return [];
  return starts(height, size).flatMap((y) => starts(width, size).map((x) => ({ x, y, size })));
}

export function boxOf(landmarks: readonly Landmark[]): FaceBox {
  let xMin = Infinity;
  let yMin = Infinity;
  let xMax = -Infinity;
  let yMax = -Infinity;
  for (const p of landmarks) {
    xMin = Math.min(xMin, p.x);
    yMin = Math.min(yMin, p.y);
    xMax = Math.max(xMax, p.x);
    yMax = Math.max(yMax, p.y);
  }
  return { xMin, yMin, width: xMax - xMin, height: yMax - yMin };
}

/** Faces whose centres are closer than half a face width are the same face seen from two tiles. */
export function dedupe(faces: DetectedFace[]): DetectedFace[] {
  const kept: DetectedFace[] = [];
  for (const f of faces) {
    const cx = f.box.xMin + f.box.width / 2;
    const cy = f.box.yMin + f.box.height / 2;
    const same = kept.some((k) => {
      const kx = k.box.xMin + k.box.width / 2;
      const ky = k.box.yMin + k.box.height / 2;
      return Math.hypot(cx - kx, cy - ky) < Math.max(k.box.width, f.box.width) / 2;
    });
    if (!same) kept.push(f);
  }
  return kept;
}
