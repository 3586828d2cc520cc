import type { Category } from "@domain/wardrobe/types";
import type { ConfidenceHistogram, GatePoint } from "@domain/monitoring/types";
import type { Postprocess } from "@domain/detection/decode";

/**
 * The registry's calibration object, passed through whole. Model versions after v1
 * add the test-set figures the monitoring and the threshold slider compare against.
 */
export interface ModelCalibration {
  temperature: number;
  threshold: number;
  /** Below this garment energy a picture is taken for "not clothing" (fitted on held-out validation styles). */
  energyThreshold?: number;
  /** The classifier's "not clothing" output, when it has one. */
  notClothingIndex?: number | null;
  /** The personal-recognition blend fitted on held-out validation styles (src/domain/vision/personal.ts). */
  personal?: { temperature: number; modelSimilarity: number; topK: number };
  /** Calibrated top-1 confidence on the 10,000-image test set (absent for v1). */
  test_confidence_histogram?: ConfidenceHistogram;
  /** What thresholds 0.5 … 0.99 do on the test set (absent for v1). */
  test_gate_curve?: GatePoint[];
}

/** A champion model as the app sees it (from models/registry.json at build time). */
export interface ModelInfo {
  name: "garment-classifier" | "garment-embedder" | "garment-detector";
  version: number;
  file: string;
  /** Relative to the app's base URL. */
  path: string;
  /** Of the file loaded (`file`): checked before the model is used. */
  sha256: string;
  bytes: number;
  /** "int8" when the registry has a weight-only int8 file (the default build), else "float". */
  precision: "int8" | "float";
  /** The float32 file the int8 one was made from, kept for comparison (CURATOR_MODEL_PRECISION=float builds with it). */
  float: { file: string; sha256: string; bytes: number };
  task: "classification" | "embedding" | "detection";
  /** Output index -> kind; "not clothing" has no category or subtype. */
  labels: { index: number; key?: string; fashionMnist?: string; category: Category | null; subtype: string | null; label: string }[];
  calibration: ModelCalibration | null;
  /** A detector's input also says its square side (`size`, models/DETECTION.md). */
  input: { name: string; shape: (string | number)[]; dtype: string; range: [number, number]; preprocessingContract: number; size?: number };
  output: { name: string; shape: (string | number)[] };
  primaryMetric: { name: string; value: number };
  /** The detector's post-processing numbers (registry `postprocess`, chosen on validation scenes); null for other models. */
  postprocess: Postprocess | null;
}

export type Backend = "webgpu" | "wasm-threads" | "wasm";

export interface ModelLoadProgress {
  model: string;
  loadedBytes: number;
  totalBytes: number;
  phase: "download" | "verify" | "compile" | "ready";
}
