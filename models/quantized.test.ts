// The int8 files the app loads by default (models/training/quantize.py), against the
// float champions they were made from, in onnxruntime-web's WASM backend as the app
// runs them: the file is the one registered (sha256, size), its weights really are
// int8 (and the file ~4x smaller), its outputs stay close to the float model's on the
// committed reference inputs, and on the committed 2,000-image subset (one pass per
// file) its top-1 / Recall@1 is within the tolerance of the float model's
// (0.3 points top-1, 0.005 Recall@1) and agrees with the float model's answers.
// The suite runs on a loaded machine: one pass per file over the first 500 images of the
// subset (QUANT_SUBSET=2000 for all of it, which also checks the registry's figures,
// measured by quantize.py on all 2,000), long timeouts.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as ort from "onnxruntime-web";
import { beforeAll, describe, expect, it } from "vitest";

const HERE = dirname(fileURLToPath(import.meta.url));
const REGISTRY = resolve(process.env.CURATOR_REGISTRY ?? join(HERE, "registry.json"));
const MODELS_DIR = dirname(REGISTRY);
const FULL = 2000;
const SUBSET = Number(process.env.QUANT_SUBSET ?? 500);
const PIXELS = 28 * 28;
const FM_CLASSES = 10;
/** The bar: int8 may lose at most this much against float on the same images. */
const TOLERANCE = { classification: 0.003, embedding: 0.005 };
/** How far an int8 output may be from the float one on the reference inputs (logits; unit-vector components). */
const PARITY = { classification: 0.25, embedding: 0.03 };
/** At least this share of the subset gets the same top-1 class / nearest neighbour from both files (near-duplicate neighbours swap places: 95.4 % on all 2,000 for the embedder, with Recall@1 unchanged). */
const AGREEMENT = { classification: 0.99, embedding: 0.93 };

interface Quantized {
  file: string;
  sha256: string;
  bytes: number;
  metric: string;
  float: number;
  int8: number;
}
interface Entry {
  name: string;
  version: number;
  file: string | null;
  bytes: number;
  status: string;
  task: "classification" | "embedding";
  reference?: string;
  quantized?: Quantized;
}

const present = existsSync(REGISTRY);
type AnyEntry = Omit<Entry, "task"> & { task: Entry["task"] | "detection" };
const registry = present ? (JSON.parse(readFileSync(REGISTRY, "utf8")) as { models: AnyEntry[] }) : { models: [] };
// The classifier and the embedder (28 × 28 inputs, the subset's accuracy and agreement); the garment
// detector's int8 file is held to the same fixed floors as its float file in models/detector.test.ts.
const allChampions = registry.models.filter((m) => m.status === "champion" && m.file);
const champions = allChampions.filter((m): m is Entry => m.task !== "detection");

function subset(): { images: Float32Array; labels: Uint8Array } {
  const raw = readFileSync(join(MODELS_DIR, "testdata", "fmnist-test-2000.images.bin"));
  const labels = new Uint8Array(readFileSync(join(MODELS_DIR, "testdata", "fmnist-test-2000.labels.bin")));
  return { images: Float32Array.from(raw, (v) => v / 255), labels };
}

async function runAll(session: ort.InferenceSession, images: Float32Array, n: number, batch = 250) {
  const out: Float32Array[] = [];
  let width = 0;
  for (let i = 0; i < n; i += batch) {
    const b = Math.min(batch, n - i);
    const x = new ort.Tensor("float32", images.subarray(i * PIXELS, (i + b) * PIXELS), [b, 1, 28, 28]);
    const y = (await session.run({ [session.inputNames[0]!]: x }))[session.outputNames[0]!]!;
    width = Number(y.dims[1]);
    out.push(Float32Array.from(y.data as Float32Array));
  }
  const flat = new Float32Array(n * width);
  out.reduce((off, c) => (flat.set(c, off), off + c.length), 0);
  return { out: flat, width };
}

const argmax = (v: Float32Array, start: number, len: number) => {
  let best = 0;
  for (let j = 1; j < len; j++) if (v[start + j]! > v[start + best]!) best = j;
  return best;
};

/** Each image's cosine nearest neighbour among the others (unit vectors). */
function nearest(emb: Float32Array, dim: number, n: number): Int32Array {
  const nn = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = -Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let k = 0; k < dim; k++) s += emb[i * dim + k]! * emb[j * dim + k]!;
      if (s > best) [best, nn[i]] = [s, j];
    }
  }
  return nn;
}

describe.skipIf(!present)("int8 champions", () => {
  it("every champion has a registered int8 file, ~4x smaller than the float one", () => {
    expect(champions.length).toBeGreaterThan(0);
    for (const m of allChampions) {
      expect(m.quantized, `${m.name} v${m.version} has no quantized block`).toBeDefined();
      expect(m.quantized!.file).toBe(`${m.name}-v${m.version}.int8.onnx`);
      const bytes = readFileSync(join(MODELS_DIR, m.quantized!.file));
      expect(bytes.length).toBe(m.quantized!.bytes);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(m.quantized!.sha256);
      expect(bytes.length, m.quantized!.file).toBeLessThan(m.bytes * 0.35);
    }
  });
});

for (const m of champions.filter((c) => c.quantized)) {
  const q = m.quantized!;
  describe(`${m.name} v${m.version}: int8 vs float in onnxruntime-web (WASM)`, () => {
    let float: ort.InferenceSession;
    let int8: ort.InferenceSession;
    let data: ReturnType<typeof subset>;

    beforeAll(async () => {
      ort.env.wasm.numThreads = 1;
      float = await ort.InferenceSession.create(new Uint8Array(readFileSync(join(MODELS_DIR, m.file!))));
      int8 = await ort.InferenceSession.create(new Uint8Array(readFileSync(join(MODELS_DIR, q.file))));
      data = subset();
    }, 180_000);

    it("has int8 weights behind DequantizeLinear and the float model's input and output names", () => {
      expect(int8.inputNames).toEqual(float.inputNames);
      expect(int8.outputNames).toEqual(float.outputNames);
      // The file itself: the DequantizeLinear op name is in the graph, and it is far smaller than float32 weights allow.
      expect(readFileSync(join(MODELS_DIR, q.file)).includes("DequantizeLinear")).toBe(true);
    });

    it(`stays within ${PARITY[m.task]} of the float outputs on the committed reference inputs`, { timeout: 180_000 }, async () => {
      const ref = JSON.parse(readFileSync(join(MODELS_DIR, m.reference!), "utf8")) as { inputIndices: number[] };
      const x = new Float32Array(ref.inputIndices.length * PIXELS);
      ref.inputIndices.forEach((idx, k) => x.set(data.images.subarray(idx * PIXELS, (idx + 1) * PIXELS), k * PIXELS));
      const a = await runAll(float, x, ref.inputIndices.length, 32);
      const b = await runAll(int8, x, ref.inputIndices.length, 32);
      let maxDiff = 0;
      for (let i = 0; i < a.out.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a.out[i]! - b.out[i]!));
      console.info(`${m.name} v${m.version}: max |float - int8| over ${ref.inputIndices.length} reference inputs = ${maxDiff.toExponential(2)}`);
      expect(maxDiff).toBeGreaterThan(0); // really a different file
      expect(maxDiff).toBeLessThanOrEqual(PARITY[m.task]);
    });

    it(`loses at most ${TOLERANCE[m.task]} of ${q.metric} on ${SUBSET} subset images and agrees with the float model`, { timeout: 900_000 }, async () => {
      const a = await runAll(float, data.images, SUBSET);
      const b = await runAll(int8, data.images, SUBSET);
      const { labels } = data;
      let mf: number, mq: number, agree: number;
      if (m.task === "classification") {
        let rf = 0,
          rq = 0,
          same = 0;
        for (let i = 0; i < SUBSET; i++) {
          const pf = argmax(a.out, i * a.width, FM_CLASSES);
          const pq = argmax(b.out, i * b.width, FM_CLASSES);
          rf += Number(pf === labels[i]);
          rq += Number(pq === labels[i]);
          same += Number(argmax(a.out, i * a.width, a.width) === argmax(b.out, i * b.width, b.width));
        }
        [mf, mq, agree] = [rf / SUBSET, rq / SUBSET, same / SUBSET];
      } else {
        const nf = nearest(a.out, a.width, SUBSET);
        const nq = nearest(b.out, b.width, SUBSET);
        let rf = 0,
          rq = 0,
          same = 0;
        for (let i = 0; i < SUBSET; i++) {
          rf += Number(labels[nf[i]!] === labels[i]);
          rq += Number(labels[nq[i]!] === labels[i]);
          same += Number(nf[i] === nq[i]);
        }
        [mf, mq, agree] = [rf / SUBSET, rq / SUBSET, same / SUBSET];
      }
      console.info(
        `${m.name} v${m.version}: ${q.metric} float ${(mf * 100).toFixed(2)} % int8 ${(mq * 100).toFixed(2)} % (drop ${((mf - mq) * 100).toFixed(2)} points, tolerance ${(TOLERANCE[m.task] * 100).toFixed(1)}); same answer on ${(agree * 100).toFixed(2)} %`,
      );
      expect(mf - mq).toBeLessThanOrEqual(TOLERANCE[m.task]);
      expect(agree).toBeGreaterThanOrEqual(AGREEMENT[m.task]);
      if (SUBSET === FULL) {
        // The registry's figures are the ones this runtime gives.
        expect(mf).toBeCloseTo(q.float, 6);
        expect(mq).toBeCloseTo(q.int8, 6);
      }
    });
  });
}
