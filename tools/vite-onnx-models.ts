import type { Plugin } from "vite";

/** Serves/copies the champion ONNX models from models/ under versioned URLs (vision issue). */
export function onnxModels(): Plugin {
  return { name: "curator-onnx-models" };
}
