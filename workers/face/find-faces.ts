import * as tf from "@tensorflow/tfjs-core";
import type { Keypoint } from "@tensorflow-models/face-landmarks-detection";
import type { Landmark } from "../../src/domain/face/landmarks";
import type { FaceEngine } from "./engine";
import type { DetectedFace, FaceBox } from "./types";

/**
 * Finds faces in a whole image, then — only if none was found — in overlapping zoomed
 * tiles. The short-range detector sees the image at 128×128, so a face narrower than
 * ~1/8 of the image vanishes; without the tile pass a small face would be reported as
 * "no face" instead of "too small, come closer".
 */

/**
 * Tiles are 1/TILE_ZOOM of the short side, so a face ~1/20 of the image is ~1/7 of a
 * tile: big enough for the detector (~15 % of its input). Neighbours overlap by a third
 * of a tile, so any face up to that size lies whole inside some tile; larger faces were
 * already found by the whole-image pass. A 1024×768 photo is 24 tiles; each costs one
 * detector run (~5 ms idle, 15+ ms on this busy 2-core machine).
 */
const TILE_ZOOM = 3;
const TILE_STRIDE = 2 / 3;
/** Below this tile size there is nothing a tile pass could add. */
const MIN_TILE = 64;

export class Cancelled extends Error {
  constructor() {
    super("Face analysis was cancelled.");
    this.name = "AbortError";
  }
}

function boxOf(landmarks: readonly Landmark[]): FaceBox {
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

function toFace(keypoints: readonly Keypoint[], dx = 0, dy = 0): DetectedFace {
  // Drop the keypoint names and any extra fields: 468 small objects cross to the page.
  const landmarks = keypoints.map((k) => ({ x: k.x + dx, y: k.y + dy, z: k.z ?? 0 }));
  return { landmarks, box: boxOf(landmarks) };
}

async function estimate(engine: FaceEngine, image: tf.Tensor3D, dx = 0, dy = 0): Promise<DetectedFace[]> {
  // Every call is a new photo (or tile). Even in static mode the tfjs pipeline merges
  // in the crop derived from the previous call's landmarks, which would make results
  // depend on what was analysed before (and mix tile coordinates): forget it first.
  engine.detector.reset();
  const faces = await engine.detector.estimateFaces(image, { staticImageMode: true, flipHorizontal: false });
  return faces.map((f) => toFace(f.keypoints, dx, dy));
}

/** Tile origins along one side: evenly strided, the last one flush with the edge. */
function starts(length: number, tile: number): number[] {
  const out: number[] = [];
  const stride = Math.max(1, Math.floor(tile * TILE_STRIDE));
  for (let s = 0; s + tile <= length; s += stride) out.push(s);
  const last = length - tile;
  if (out[out.length - 1] !== last) out.push(last);
  return out;
}

/** Faces whose centres are closer than half a face width are the same face seen from two tiles. */
function dedupe(faces: DetectedFace[]): DetectedFace[] {
  const kept: DetectedFace[] = [];
  for (const f of faces) {
    const cx = f.box.xMin + f.box.width / 2;
    const cy = f.box.yMin + f.box.height / 2;
    const same = kept.find((k) => {
      const kx = k.box.xMin + k.box.width / 2;
      const ky = k.box.yMin + k.box.height / 2;
      return Math.hypot(cx - kx, cy - ky) < Math.max(k.box.width, f.box.width) / 2;
    });
    if (!same) kept.push(f);
  }
  return kept;
}

export async function findFaces(
  engine: FaceEngine,
  image: tf.Tensor3D,
  isCancelled: () => boolean,
): Promise<{ faces: DetectedFace[]; tiled: boolean }> {
  const whole = await estimate(engine, image);
  if (whole.length > 0) return { faces: whole, tiled: false };

  const [height, width] = image.shape;
  const tile = Math.floor(Math.min(width, height) / TILE_ZOOM);
  if (tile < MIN_TILE) return { faces: [], tiled: false };

  const found: DetectedFace[] = [];
  for (const y of starts(height, tile)) {
    for (const x of starts(width, tile)) {
      if (isCancelled()) throw new Cancelled();
      const crop = tf.slice(image, [y, x, 0], [tile, tile, 3]);
      try {
        found.push(...(await estimate(engine, crop, x, y)));
      } finally {
        crop.dispose();
      }
    }
  }
  return { faces: dedupe(found), tiled: true };
}
