/**
 * Garment detection in the vision worker (models/DETECTION.md): the photo's pixels are
 * drawn into the letterbox at s = size / max(W, H), the detector runs once, and the
 * post-processing (src/domain/detection/decode.ts) turns its decoded outputs into pieces
 * in photo pixels, with the registry's numbers. The session itself is the classifier's
 * kind (session.ts): memoized, verified, first backend that works.
 */
import type { ModelInfo } from "@ml/modelInfo";
import { decodeDetections, type RawDetections } from "@domain/detection/decode";
import { DEFAULT_INPUT_SIZE, letterbox, letterboxTensor } from "@domain/detection/letterbox";
import type { Detection } from "@domain/detection/types";
import { DecodeError } from "./decode";
import { ModelError, type LoadedModel } from "./session";

export const OUTPUTS = ["boxes", "scores", "coeffs", "protos"] as const;

/** A detection with where its time went (bench, diagnostics). */
export type TimedDetection = Detection & { backend: string; timings: { draw: number; run: number; decode: number } };

export const inputSize = (info: ModelInfo): number => info.input.size ?? DEFAULT_INPUT_SIZE;

/** The photo drawn at its letterbox size (enlarged when smaller than the input, as the contract's s). */
export function letterboxPixels(source: CanvasImageSource & { width: number; height: number }, photoWidth: number, photoHeight: number, size: number) {
  const lb = letterbox(photoWidth, photoHeight, size);
  const canvas = new OffscreenCanvas(lb.width, lb.height);
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  if (!ctx) throw new DecodeError("This browser cannot draw images off the main thread");
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(source, 0, 0, lb.width, lb.height);
  return { data: ctx.getImageData(0, 0, lb.width, lb.height).data, width: lb.width, height: lb.height };
}

/** One [1, 3, S, S] input through the detector: its four outputs for the one image. */
export async function runDetector(model: LoadedModel, input: Float32Array, size: number): Promise<RawDetections> {
  const { ort, session, info } = model;
  const tensor = new ort.Tensor("float32", input, [1, 3, size, size]);
  try {
    const out = await session.run({ [session.inputNames[0] ?? "images"]: tensor });
    const read = async (name: (typeof OUTPUTS)[number]) => {
      const t = out[name];
      if (!t) throw new ModelError(`Detector ${info.name} v${info.version} has no output "${name}" (it has ${session.outputNames.join(", ")})`, "compile");
      const data = (await t.getData()) as Float32Array;
      const dims = t.dims.map(Number);
      t.dispose();
      return { data, dims };
    };
    const [boxes, scores, coeffs, protos] = [await read("boxes"), await read("scores"), await read("coeffs"), await read("protos")];
    const prototypes = protos.dims[1] ?? 0;
    const protoSize = protos.dims[2] ?? 0;
    if (coeffs.dims[2] !== prototypes || protos.dims[3] !== protoSize)
      throw new ModelError(`Detector outputs disagree: coeffs ${coeffs.dims.join("×")}, protos ${protos.dims.join("×")}`, "compile");
    return { boxes: boxes.data, scores: scores.data, coeffs: coeffs.data, protos: protos.data, prototypes, protoSize };
  } finally {
    tensor.dispose();
  }
}

/** Detects the garments in pixels already at their letterbox size (letterboxPixels). */
export async function detectLetterboxed(
  model: LoadedModel,
  pixels: { data: Uint8ClampedArray; width: number; height: number },
  photoWidth: number,
  photoHeight: number,
): Promise<TimedDetection> {
  const { info } = model;
  const pp = info.postprocess;
  if (!pp) throw new ModelError(`Detector ${info.name} v${info.version} has no post-processing numbers`, "compile");
  const size = inputSize(info);
  let t0 = performance.now();
  const input = letterboxTensor(pixels.data, pixels.width, pixels.height, size);
  const draw = performance.now() - t0;
  t0 = performance.now();
  const raw = await runDetector(model, input, size);
  const run = performance.now() - t0;
  t0 = performance.now();
  const pieces = decodeDetections(raw, { photoWidth, photoHeight, inputSize: size }, pp);
  return {
    photoWidth,
    photoHeight,
    pieces,
    model: { name: info.name, version: info.version },
    backend: model.backend,
    timings: { draw, run, decode: performance.now() - t0 },
  };
}
