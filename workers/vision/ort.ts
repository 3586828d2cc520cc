/**
 * Loads the one onnxruntime-web build a backend needs, lazily. WASM uses the plain
 * threaded-SIMD build (precached); WebGPU uses the package's WebGPU build (its native
 * WebGPU execution provider, asyncify WASM), fetched only when WebGPU is chosen. Both glue (.mjs) and binary
 * (.wasm) URLs are given explicitly: without the .mjs a minified worker build hangs
 * when threads start. ORT fixes its thread count when the WASM module first starts,
 * so a worker keeps one WASM configuration for its lifetime.
 */
import type { Backend } from "@ml/modelInfo";
import wasmMjs from "onnxruntime-web/ort-wasm-simd-threaded.mjs?url";
import wasmBin from "onnxruntime-web/ort-wasm-simd-threaded.wasm?url";
import gpuMjs from "onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url";
import gpuBin from "onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url";

export type Ort = typeof import("onnxruntime-web/wasm");

const abs = (u: string) => new URL(u, self.location.href).href;
let wasmOrt: Promise<Ort> | null = null;
let gpuOrt: Promise<Ort> | null = null;

/** The plain WASM build's binary (what the WASM backends fetch first), as an absolute URL. */
export const wasmBinaryUrl = (): string => abs(wasmBin);

export function loadOrt(backend: Backend, threads: number): Promise<Ort> {
  if (backend === "webgpu") {
    gpuOrt ??= import("onnxruntime-web/webgpu").then((ort) => {
      ort.env.wasm.wasmPaths = { mjs: abs(gpuMjs), wasm: abs(gpuBin) };
      ort.env.wasm.numThreads = 1;
      return ort as unknown as Ort;
    });
    gpuOrt.catch(() => (gpuOrt = null));
    return gpuOrt;
  }
  wasmOrt ??= import("onnxruntime-web/wasm").then((ort) => {
    ort.env.wasm.wasmPaths = { mjs: abs(wasmMjs), wasm: abs(wasmBin) };
    ort.env.wasm.numThreads = backend === "wasm-threads" ? threads : 1;
    return ort;
  });
  wasmOrt.catch(() => (wasmOrt = null));
  return wasmOrt;
}
