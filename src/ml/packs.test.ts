import { describe, expect, it } from "vitest";
import { matchesGlob } from "node:path";
import { LAZY_RULES, megabytes, notDownloadedMessage, PACKS, PRECACHE_IGNORES, storedSize } from "./packs";

// Names as the production build writes them (hashes vary; the shapes do not).
const BUILT = {
  vision: [
    "models/garment-classifier-v7.int8.onnx",
    "assets/ort-wasm-simd-threaded-DcHrbrbl.wasm",
    "assets/ort-wasm-simd-threaded-qyIweqWS.mjs",
    "assets/ort.wasm.bundle.min-0A5rgwmB.js",
  ],
  webgpu: [
    "assets/ort-wasm-simd-threaded.asyncify-D5D0fo7z.wasm",
    "assets/ort-wasm-simd-threaded.asyncify-CGX8rfbW.mjs",
    "assets/ort.webgpu.bundle.min-Bu8H9oLj.js",
  ],
  face: ["face-models/3.0.4/facemesh.json", "face-models/3.0.4/facemesh.bin", "tfjs-wasm/4.22.0/tfjs-backend-wasm-simd.wasm", "assets/face.worker-DbAvYEPC.js"],
  shell: [
    "index.html",
    "assets/index-CNqztZWw.js",
    "assets/WardrobeScreen-CQUPFzM6.js",
    "assets/vision.worker-CpSqChq6.js",
    "assets/face-client-bJH-tqLW.js",
    "manifest.webmanifest",
  ],
};
const cacheOf = (path: string) => LAZY_RULES.filter((r) => r.pattern.test("/" + path)).map((r) => r.cacheName);
/** Workbox skips a file when any ignore glob matches it. */
const precacheSkips = (path: string) => PRECACHE_IGNORES.some((g) => matchesGlob(path, g));

describe("lazily fetched packs", () => {
  it("each lazy file goes to exactly its capability's cache and is left out of the precache", () => {
    for (const p of BUILT.vision) expect(cacheOf(p), p).toEqual(["curator-vision"]);
    for (const p of BUILT.webgpu) expect(cacheOf(p), p).toEqual(["curator-ort-webgpu"]);
    for (const p of BUILT.face) expect(cacheOf(p), p).toEqual(["curator-face"]);
    for (const p of [...BUILT.vision, ...BUILT.webgpu, ...BUILT.face]) expect(precacheSkips(p), p).toBe(true);
  });

  it("the shell is precached and never runtime-cached", () => {
    for (const p of BUILT.shell) {
      expect(cacheOf(p), p).toEqual([]);
      expect(precacheSkips(p), p).toBe(false);
    }
  });

  it("every rule's cache belongs to a capability Settings lists", () => {
    const listed = new Set(Object.values(PACKS).flatMap((p) => p.caches));
    for (const r of LAZY_RULES) expect(listed.has(r.cacheName), r.cacheName).toBe(true);
  });

  it("the offline message names the capability, the size and what to do", () => {
    expect(megabytes(5_123_456)).toBe("5.1 MB");
    const m = notDownloadedMessage("face", 1_880_000);
    expect(m).toMatch(/^Face analysis needs a one-time download of about 1\.9 MB/);
    expect(m).toContain("analyse a selfie again");
    expect(m).toContain("Make Curator work fully offline now");
  });
});

describe("space a cached file takes", () => {
  const body = new Uint8Array(1000);
  it("is its Content-Length when the body came as it is", async () => {
    expect(await storedSize(new Response(body, { headers: { "Content-Length": "1000" } }))).toBe(1000);
  });
  it("is the decoded body when the server sent it compressed (Content-Length counts the Brotli bytes)", async () => {
    const res = new Response(body, { headers: { "Content-Length": "120", "Content-Encoding": "br" } });
    expect(await storedSize(res)).toBe(1000);
  });
  it("is the body's size when no length was sent", async () => {
    expect(await storedSize(new Response(body))).toBe(1000);
  });
});
