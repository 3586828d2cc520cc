import * as tf from "@tensorflow/tfjs-core";
import { CancelledError } from "@domain/errors";
import type { Keypoint } from "@tensorflow-models/face-landmarks-detection";
import type { FaceEngine } from "./engine";
import { boxOf, dedupe, tilesFor } from "./tiles";
import type { DetectedFace } from "./types";

/**
 * Finds faces in a whole image, then — only if none was found — in overlapping zoomed
 * tiles. The short-range detector sees the image at 128×128, so a face narrower than
 * ~1/8 of the image vanishes; without the tile pass a small face would be reported as
 * "no face" instead of "too small, come closer".
 */

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

export async function findFaces(engine: FaceEngine, image: tf.Tensor3D, isCancelled: () => boolean): Promise<{ faces: DetectedFace[]; tiled: boolean }> {
  const whole = await estimate(engine, image);
  if (whole.length > 0) return { faces: whole, tiled: false };

  const [height, width] = image.shape;
  const tiles = tilesFor(width, height);
  if (tiles.length === 0) return { faces: [], tiled: false };
  const found: DetectedFace[] = [];
  for (const { x, y, size } of tiles) {
    if (isCancelled()) throw new CancelledError("Face analysis was cancelled.");
    const crop = tf.slice(image, [y, x, 0], [size, size, 3]);
    try {
      found.push(...(await estimate(engine, crop, x, y)));
    } finally {
      crop.dispose();
    }
  }
  return { faces: dedupe(found), tiled: true };
}
