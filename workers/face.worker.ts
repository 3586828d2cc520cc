/// <reference lib="webworker" />
import * as Comlink from "comlink";
import { classifyFaceShape, shapeFeatures } from "@domain/face/shape";
import { checkFaceQuality, MAX_PITCH_DEG, MAX_YAW_DEG, MIN_FACE_WIDTH_PX } from "@domain/face/quality";
import { measureFace } from "@domain/face/measure";
import { personalColouring, type PersonalColouring } from "@domain/face/colouring";
import { getEngine } from "./face/engine";
import { findFaces } from "./face/find-faces";
import { CancelledError } from "@domain/errors";
import { pixelsOf } from "./face/pixels";
import type { DetectedFace, EngineInfo, FaceResult, LoadProgress, Timings } from "./face/types";

/**
 * The face worker: photo in (an ImageBitmap, transferred), face mesh + measurements +
 * shape out. Nothing leaves the device; models come from this app's own origin.
 * The page talks to it through Comlink with `import type { FaceWorkerApi }`.
 */

const running = new Set<number>();
const cancelled = new Set<number>();

async function analyse(bitmap: ImageBitmap, requestId: number, onProgress?: (p: LoadProgress) => void): Promise<FaceResult> {
  const t0 = performance.now();
  const image = { width: bitmap.width, height: bitmap.height };
  const isCancelled = () => cancelled.has(requestId);
  running.add(requestId);
  try {
    const engine = await getEngine(onProgress);
    if (isCancelled()) throw new CancelledError("Face analysis was cancelled.");

    const t1 = performance.now();
    // Read through a CPU-backed OffscreenCanvas kept for the worker's life (workers have no DOM).
    const { tensor: pixels, rgba } = pixelsOf(bitmap);
    bitmap.close();
    const t2 = performance.now();
    let found;
    try {
      found = await findFaces(engine, pixels, isCancelled);
    } finally {
      pixels.dispose();
    }
    const t3 = performance.now();
    const timings = (shapeMs: number): Timings => ({
      decodeMs: t2 - t1,
      landmarksMs: t3 - t2,
      shapeMs,
      totalMs: performance.now() - t0,
      tiled: found.tiled,
    });

    const [face, ...others] = found.faces;
    if (!face) return { status: "no-face", image, timings: timings(0) };
    if (others.length > 0) return { status: "multiple-faces", faces: found.faces, image, timings: timings(0) };

    const measurements = measureFace(face.landmarks);
    const quality = checkFaceQuality(measurements);
    if (!quality.ok && quality.problem === "too-small") {
      const t = timings(performance.now() - t3);
      return { status: "too-small", face, faceWidthPx: quality.faceWidthPx, minFaceWidthPx: MIN_FACE_WIDTH_PX, image, timings: t };
    }
    if (!quality.ok && quality.problem === "turned") {
      const t = timings(performance.now() - t3);
      return { status: "turned", face, pose: quality.pose, maxYaw: MAX_YAW_DEG, maxPitch: MAX_PITCH_DEG, image, timings: t };
    }
    const shape = classifyFaceShape(shapeFeatures(measurements));
    const colouring = colouringOf({ ...image, data: rgba }, face.landmarks);
    return { status: "ok", face, measurements, shape, colouring, image, timings: timings(performance.now() - t3) };
  } catch (err) {
    if (err instanceof CancelledError) return { status: "cancelled", image, timings: emptyTimings(t0) };
    throw err;
  } finally {
    running.delete(requestId);
    cancelled.delete(requestId);
    bitmap.close(); // no-op when already closed; frees it on early failures
  }
}

/** Skin, hair and eye colours from the same pixels the mesh was found on; a face it cannot read colours from still gets its shape. */
function colouringOf(image: { width: number; height: number; data: Uint8ClampedArray }, landmarks: DetectedFace["landmarks"]): PersonalColouring | null {
  try {
    return personalColouring(image, landmarks);
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}

function emptyTimings(t0: number): Timings {
  return { decodeMs: 0, landmarksMs: 0, shapeMs: 0, totalMs: performance.now() - t0, tiled: false };
}

const api = {
  /** Loads the runtime and both models (progress via `onProgress`); safe to call repeatedly. */
  async warmUp(onProgress?: (p: LoadProgress) => void): Promise<EngineInfo> {
    const t0 = performance.now();
    const engine = await getEngine(onProgress);
    return { backend: engine.backend, simd: engine.simd, loadMs: performance.now() - t0 };
  },
  analyse,
  /** Asks a running `analyse` to stop at its next checkpoint (it then resolves "cancelled"). */
  cancel(requestId: number): void {
    if (running.has(requestId)) cancelled.add(requestId);
  },
};

export type FaceWorkerApi = typeof api;

Comlink.expose(api);
