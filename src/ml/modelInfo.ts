import type { Category } from "../domain/wardrobe/types";

/** A champion model as the app sees it (from models/registry.json at build time). */
export interface ModelInfo {
  name: "garment-classifier" | "garment-embedder";
  version: number;
  file: string;
  /** Relative to the app's base URL. */
  path: string;
  sha256: string;
  bytes: number;
  task: "classification" | "embedding";
  labels: { index: number; fashionMnist: string; category: Category; subtype: string; label: string }[];
  calibration: { temperature: number; threshold: number } | null;
  input: { name: string; shape: (string | number)[]; dtype: string; range: [number, number]; preprocessingContract: number };
  output: { name: string; shape: (string | number)[] };
  primaryMetric: { name: string; value: number };
}

export type Backend = "webgpu" | "wasm-threads" | "wasm";

export interface ModelLoadProgress {
  model: string;
  loadedBytes: number;
  totalBytes: number;
  phase: "download" | "verify" | "compile" | "ready";
}
