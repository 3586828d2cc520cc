import * as tf from "@tensorflow/tfjs-core";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { createDetector, SupportedModels, type FaceLandmarksDetector } from "@tensorflow-models/face-landmarks-detection";
import { DETECTOR_MODEL, DOWNLOAD_WEIGHTS, FACE_MODEL_DIR, LANDMARK_MODEL, TFJS_WASM_DIR } from "@ml/face/model-files";
import { NotDownloadedError, PACKS } from "@ml/packs";
import { sha256Hex } from "@data/hash";
import packFiles from "virtual:curator-packs";
import type { LoadProgress } from "./types";

/**
 * The face runtime: tfjs on its WASM backend plus the MediaPipe face mesh (tfjs
 * runtime — the mediapipe runtime cannot run in a module worker). Created on first use,
 * memoised, and forgotten on failure so a later call can retry.
 */
export interface FaceEngine {
  detector: FaceLandmarksDetector;
  backend: string;
  simd: boolean;
}

/** Up to this many faces are looked for: two are enough to say "more than one face". */
export const MAX_FACES = 2;

type ProgressListener = (p: LoadProgress) => void;
const listeners = new Set<ProgressListener>();
let enginePromise: Promise<FaceEngine> | null = null;

/** App-relative asset URL; the worker lives under /assets/, so resolve from the origin + base. */
function assetUrl(path: string): string {
  return new URL(import.meta.env.BASE_URL + path, self.location.origin).href;
}

const TOTAL = DOWNLOAD_WEIGHTS.runtime + DOWNLOAD_WEIGHTS.detector + DOWNLOAD_WEIGHTS.landmarks;

/** Start-up after the files are fetched and checked: the last tenth of the bar. */
function emit(stage: LoadProgress["stage"], doneBytes: number): void {
  const p: LoadProgress = { stage, fraction: 0.9 + 0.1 * Math.min(1, doneBytes / TOTAL) };
  for (const l of listeners) l(p);
}

const FACE_DOWNLOAD_BYTES = packFiles.face.reduce((s, f) => s + f.gzipBytes, 0);

/**
 * Fetches every face file once before tfjs does (the service worker keeps them; tfjs then
 * reads them from its cache), with progress, and checks each against the sha256 the build
 * recorded: a damaged file is dropped from the cache and refused. No connection and
 * nothing cached gives the "download once" message.
 */
async function fetchAndVerify(simd: boolean): Promise<void> {
  // The pack lists the SIMD binary; a browser without WebAssembly SIMD loads the plain one
  // instead (tfjs fetches it itself), so it must not download the SIMD one for nothing.
  const files = packFiles.face.filter((f) => simd || !f.path.endsWith("-simd.wasm"));
  const total = files.reduce((s, f) => s + f.bytes, 0);
  let done = 0;
  for (const f of files) {
    const url = assetUrl(f.path);
    let res: Response;
    try {
      res = await fetch(url);
    } catch (e) {
      throw new NotDownloadedError("face", FACE_DOWNLOAD_BYTES, { cause: e });
    }
    if (!res.ok) throw new Error(`The face model file ${f.path} could not be downloaded (HTTP ${res.status}).`);
    const bytes = await res.arrayBuffer();
    const digest = await sha256Hex(bytes);
    if (digest !== f.sha256) {
      await Promise.all(PACKS.face.caches.map(async (n) => (await caches.has(n)) && (await caches.open(n)).delete(url))).catch(() => {});
      throw new Error(
        `The face model file ${f.path} failed its integrity check (sha256 ${digest.slice(0, 12)}… ≠ ${f.sha256.slice(0, 12)}…). It was not used.`,
      );
    }
    done += f.bytes;
    const stage = f.path.includes("facemesh-detection") ? "detector" : f.path.includes("facemesh") ? "landmarks" : "runtime";
    for (const l of listeners) l({ stage, fraction: 0.9 * (done / total) });
  }
}

async function createEngine(): Promise<FaceEngine> {
  for (const l of listeners) l({ stage: "runtime", fraction: 0 });
  // The threaded WASM build hangs once minified (DESIGN), and a selfie is one small
  // image: single-threaded SIMD is enough (~20–25 ms per face here).
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  // The very flag (memoised) tfjs-backend-wasm reads to pick its binary: with threads off,
  // SIMD → tfjs-backend-wasm-simd.wasm, else tfjs-backend-wasm.wasm.
  const simd = Boolean(await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"));
  await fetchAndVerify(simd);
  setWasmPaths(assetUrl(TFJS_WASM_DIR));
  if (!(await tf.setBackend("wasm"))) throw new Error("The tfjs WASM backend could not start.");
  await tf.ready();
  emit("detector", DOWNLOAD_WEIGHTS.runtime);

  // tf.io.http handlers report download progress; passing them instead of URL strings
  // keeps the loaders on our local, versioned files.
  const detectorModelUrl = tf.io.http(assetUrl(FACE_MODEL_DIR + DETECTOR_MODEL), {
    onProgress: (f) => emit("detector", DOWNLOAD_WEIGHTS.runtime + f * DOWNLOAD_WEIGHTS.detector),
  });
  const landmarkModelUrl = tf.io.http(assetUrl(FACE_MODEL_DIR + LANDMARK_MODEL), {
    onProgress: (f) => emit("landmarks", DOWNLOAD_WEIGHTS.runtime + DOWNLOAD_WEIGHTS.detector + f * DOWNLOAD_WEIGHTS.landmarks),
  });
  const detector = await createDetector(SupportedModels.MediaPipeFaceMesh, {
    runtime: "tfjs",
    maxFaces: MAX_FACES,
    refineLandmarks: false,
    detectorModelUrl,
    landmarkModelUrl,
  });
  emit("ready", TOTAL);
  return { detector, backend: tf.getBackend(), simd };
}

/** The engine, loading it on first call; `onProgress` hears about this load (if any). */
export async function getEngine(onProgress?: ProgressListener): Promise<FaceEngine> {
  if (onProgress) listeners.add(onProgress);
  try {
    enginePromise ??= createEngine().catch((err: unknown) => {
      enginePromise = null; // let the next call retry (e.g. after going back online)
      throw err;
    });
    return await enginePromise;
  } finally {
    if (onProgress) listeners.delete(onProgress);
  }
}

export function engineLoaded(): boolean {
  return enginePromise !== null;
}
