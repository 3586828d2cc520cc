import { FaceClient, type FaceAnalysis } from "@ml/face-client";
import { decodeForFace } from "@ml/face/decode";

/**
 * Exposes the real face client (worker, transfer, models) to the benchmark driver.
 * Built by bench/face.bench.mjs as an extra page of the production build.
 */
declare global {
  interface Window {
    faceBench: {
      warmUp(): Promise<{ loadMs: number; backend: string; simd: boolean }>;
      addPhoto(name: string, base64: string, type: string): void;
      analyse(name: string): Promise<FaceAnalysis>;
      /** Milliseconds the page-side decode alone takes (the first step of `analyse`). */
      decodeOnly(name: string): Promise<number>;
    };
  }
}

// A long idle timeout: the worker must stay warm between timed calls.
const client = new FaceClient(10 * 60_000);
const photos = new Map<string, Blob>();

window.faceBench = {
  warmUp: () => client.warmUp(),
  addPhoto(name, base64, type) {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    photos.set(name, new Blob([bytes], { type }));
  },
  async analyse(name) {
    const photo = photos.get(name);
    if (!photo) throw new Error(`No photo called ${name}`);
    return client.analyse(photo);
  },
  async decodeOnly(name) {
    const photo = photos.get(name);
    if (!photo) throw new Error(`No photo called ${name}`);
    const t0 = performance.now();
    const bitmap = await decodeForFace(photo);
    const ms = performance.now() - t0;
    bitmap.close();
    return ms;
  },
};
