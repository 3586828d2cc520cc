import type { Backend } from "./modelInfo";

/** What this browser can run, detected once (works on the main thread and in workers). */
export interface Capabilities {
  webgpu: boolean;
  threads: boolean;
  simd: boolean;
  cores: number;
}

// The smallest module using a v128 instruction: validates only where WASM SIMD exists.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

export async function detectCapabilities(): Promise<Capabilities> {
  let webgpu = false;
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (gpu) {
    try {
      webgpu = (await gpu.requestAdapter()) != null;
    } catch {
      webgpu = false;
    }
  }
  return {
    webgpu,
    threads: typeof SharedArrayBuffer !== "undefined" && globalThis.crossOriginIsolated === true,
    simd: WebAssembly.validate(SIMD_PROBE),
    cores: navigator.hardwareConcurrency || 1,
  };
}

/** WebGPU → WASM multi-thread SIMD → plain WASM, unless the user asked for one. */
export function chooseBackends(caps: Capabilities, preferred?: Backend): Backend[] {
  const order: Backend[] = [];
  if (caps.webgpu) order.push("webgpu");
  if (caps.threads && caps.cores > 1) order.push("wasm-threads");
  order.push("wasm");
  if (preferred && order.includes(preferred)) return [preferred, ...order.filter((b) => b !== preferred)];
  return order;
}
