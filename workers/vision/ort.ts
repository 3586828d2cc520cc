/**
 * Loads the one onnxruntime-web build a backend needs, lazily. WASM uses the plain
 * threaded-SIMD build (precached); WebGPU needs the JSEP build (the package's default
 * entry), fetched only when WebGPU is actually chosen. Both glue (.mjs) and binary
 * (.wasm) URLs are given explicitly: without the .mjs a minified worker build hangs
 * when threads start. ORT fixes its thread count when the WASM module first starts,
 * so a worker keeps one WASM configuration for its lifetime.
 */
import type { Backend } from "../../src/ml/modelInfo";
import wasmMjs from "onnxruntime-web/ort-wasm-simd-threaded.mjs?url";
import wasmBin from "onnxruntime-web/ort-wasm-simd-threaded.wasm?url";
import jsepMjs from "onnxruntime-web/ort-wasm-simd-threaded.jsep.mjs?url";
import jsepBin from "onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url";

export type Ort = typeof import("onnxruntime-web/wasm");

const abs = (u: string) => new URL(u, self.location.href).href;
let wasmOrt: Promise<Ort> | null = null;
let gpuOrt: Promise<Ort> | null = null;

export function loadOrt(backend: Backend, threads: number): Promise<Ort> {
  if (backend === "webgpu") {
    gpuOrt ??= import("onnxruntime-web").then((ort) => {
      ort.env.wasm.wasmPaths = { mjs: abs(jsepMjs), wasm: abs(jsepBin) };
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
