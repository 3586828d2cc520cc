import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { inflateSync } from "node:zlib";
import jpeg from "jpeg-js";
import * as tf from "@tensorflow/tfjs-core";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import type { io } from "@tensorflow/tfjs-core";
import { createDetector as createFaceDetector, SupportedModels as DetectorModels } from "@tensorflow-models/face-detection";
import { createDetector, SupportedModels } from "@tensorflow-models/face-landmarks-detection";
import { measureFace } from "@domain/face/measure";
import { classifyFaceShape, shapeFeatures } from "@domain/face/shape";
import { personalColouring, type RgbaImage } from "@domain/face/colouring";
import type { Landmark } from "@domain/face/landmarks";

/**
 * Runs the face pack's two graph models (one precision at a time) in Node on tfjs's WASM
 * backend — the backend the face worker uses — over real photos, the way the worker
 * does (static image mode, state reset per photo), so the float16 and uint8 copies can be
 * compared on the same inputs (tools/face-quantize.test.ts).
 */

const require = createRequire(import.meta.url);
/** An installed package's folder (found from its entry point: some packages do not export their package.json). */
export function packageDir(name: string): string {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    // not exported: walk up from the entry point
  }
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
export const root = join(import.meta.dirname, "..");

export interface ModelFiles {
  json: Uint8Array;
  bin: Uint8Array;
}

/** A tfjs IOHandler over in-memory files (no fetch, no file:// URLs). */
function handler(files: ModelFiles): io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(Buffer.from(files.json).toString("utf8")) as {
        modelTopology: object;
        weightsManifest: io.WeightsManifestConfig;
        format?: string;
        generatedBy?: string;
        convertedBy?: string | null;
        signature?: object;
        userDefinedMetadata?: Record<string, unknown>;
      };
      const bin = files.bin;
      return {
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
        weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        signature: json.signature,
      };
    },
  };
}

let backendReady: Promise<void> | undefined;
export function startWasmBackend(): Promise<void> {
  backendReady ??= (async () => {
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    setWasmPaths(join(packageDir("@tensorflow/tfjs-backend-wasm"), "dist") + "/");
    if (!(await tf.setBackend("wasm"))) throw new Error("tfjs WASM backend did not start in Node");
    await tf.ready();
  })();
  return backendReady;
}

export interface FaceReading {
  /** BlazeFace's own box (before the mesh), in image pixels. */
  detectorBoxes: { xMin: number; yMin: number; width: number; height: number }[];
  /** One 468-point mesh per face found. */
  meshes: Landmark[][];
}

export interface FaceModels {
  read(image: RgbaImage): Promise<FaceReading>;
  dispose(): void;
}

/** Loads both models of one precision; `read` runs the detector alone, then detector + mesh. */
export async function loadFaceModels(detector: ModelFiles, mesh: ModelFiles): Promise<FaceModels> {
  await startWasmBackend();
  const faceDetector = await createFaceDetector(DetectorModels.MediaPipeFaceDetector, {
    runtime: "tfjs",
    modelType: "short",
    maxFaces: 2,
    detectorModelUrl: handler(detector),
  });
  const landmarks = await createDetector(SupportedModels.MediaPipeFaceMesh, {
    runtime: "tfjs",
    maxFaces: 2,
    refineLandmarks: false,
    detectorModelUrl: handler(detector),
    landmarkModelUrl: handler(mesh),
  });
  return {
    async read(image) {
      const pixels = tf.tidy(() => tf.tensor3d(rgbOf(image), [image.height, image.width, 3], "int32"));
      try {
        faceDetector.reset();
        landmarks.reset();
        const boxes = await faceDetector.estimateFaces(pixels, { flipHorizontal: false });
        const faces = await landmarks.estimateFaces(pixels, { staticImageMode: true, flipHorizontal: false });
        return {
          detectorBoxes: boxes.map(({ box }) => ({ xMin: box.xMin, yMin: box.yMin, width: box.width, height: box.height })),
          meshes: faces.map((f) => f.keypoints.map((k) => ({ x: k.x, y: k.y, z: k.z ?? 0 }))),
        };
      } finally {
        pixels.dispose();
      }
    },
    dispose() {
      faceDetector.dispose();
      landmarks.dispose();
    },
  };
}

function rgbOf(image: RgbaImage): Int32Array {
  const out = new Int32Array(image.width * image.height * 3);
  for (let i = 0, j = 0; i < out.length; i += 3, j += 4) {
    out[i] = image.data[j]!;
    out[i + 1] = image.data[j + 1]!;
    out[i + 2] = image.data[j + 2]!;
  }
  return out;
}

/** 8-bit RGB/RGBA, non-interlaced PNG → RGBA (all the fixtures need; anything else is refused). */
export function decodePng(bytes: Buffer): RgbaImage {
  if (bytes.readUInt32BE(0) !== 0x89504e47) throw new Error("not a PNG");
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < bytes.length) {
    const len = bytes.readUInt32BE(pos);
    const type = bytes.toString("latin1", pos + 4, pos + 8);
    const body = bytes.subarray(pos + 8, pos + 8 + len);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      channels = colour === 2 ? 3 : colour === 6 ? 4 : 0;
      if (depth !== 8 || !channels || interlace !== 0) throw new Error("only 8-bit RGB/RGBA non-interlaced PNGs are supported");
    } else if (type === "IDAT") idat.push(body);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const px = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= channels ? px[y * stride + x - channels]! : 0;
      const b = y > 0 ? px[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? px[(y - 1) * stride + x - channels]! : 0;
      const p = a + b - c;
      const pred = [
        0,
        a,
        b,
        (a + b) >> 1,
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c,
      ][filter];
      if (pred === undefined) throw new Error(`PNG filter ${filter}`);
      px[y * stride + x] = (v + pred) & 255;
    }
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    for (let c = 0; c < 3; c++) data[i * 4 + c] = px[i * channels + c]!;
    data[i * 4 + 3] = channels === 4 ? px[i * channels + 3]! : 255;
  }
  return { width, height, data };
}

/**
 * The real faces: astronaut.png (NASA, public domain; the app's own fixture) and the 108
 * face crops in @vladmandic/human's screenshot-facematch.jpg (MIT; many people, skin tones,
 * lights, glasses, JPEG noise). Each crop is set in a grey margin so BlazeFace sees a whole
 * head, as in a selfie, rather than a face cut at the hairline.
 */
export function realFaces(): { name: string; image: RgbaImage }[] {
  const astronaut = decodePng(readFileSync(join(root, "e2e/fixtures/faces/astronaut.png")));
  const sheet = jpeg.decode(readFileSync(join(packageDir("@vladmandic/human"), "assets/screenshot-facematch.jpg")), { useTArray: true });
  const faces = [{ name: "astronaut", image: astronaut }];
  const CELL = 100;
  const SIZE = 192;
  for (let row = 0; row < 6; row++) {
    for (let col = 0; col < 18; col++) {
      const x0 = Math.round(col * (1920 / 18)) + 3;
      const y0 = 283 + row * 110 + 4;
      const data = new Uint8ClampedArray(SIZE * SIZE * 4).fill(128);
      const off = (SIZE - CELL) >> 1;
      for (let y = 0; y < CELL; y++) {
        for (let x = 0; x < CELL; x++) {
          const s = ((y0 + y) * sheet.width + x0 + x) * 4;
          const d = ((off + y) * SIZE + off + x) * 4;
          data[d] = sheet.data[s]!;
          data[d + 1] = sheet.data[s + 1]!;
          data[d + 2] = sheet.data[s + 2]!;
        }
      }
      for (let i = 3; i < data.length; i += 4) data[i] = 255;
      faces.push({ name: `facematch r${row + 1}c${col + 1}`, image: { width: SIZE, height: SIZE, data } });
    }
  }
  return faces;
}

/** What the app shows from one mesh: the face shape (primary) and the colour season. */
export function verdicts(image: RgbaImage, mesh: readonly Landmark[]): { shape: string; season: string | null } {
  const shape = classifyFaceShape(shapeFeatures(measureFace(mesh))).primary;
  let season: string | null = null;
  try {
    season = personalColouring(image, mesh).season;
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
  }
  return { shape, season };
}
