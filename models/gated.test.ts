// The shipped experts classifier runs its catalogue expert only for images whose gate is
// open (models/training/gated.py): for a drawing or a photographed garment the gate is
// shut and ~80 % of the arithmetic is skipped. Checked in onnxruntime-web (WASM), as the
// app runs it: the file really has the branch; an image's answer does not depend on the
// other images of its batch (a batch with one catalogue shot opens the branch for all, and
// the shut-gate images must still get exactly what they get alone); and on the committed
// held-out-style test drawings it follows the float model it was made from.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as ort from "onnxruntime-web";
import { beforeAll, describe, expect, it } from "vitest";

const HERE = dirname(fileURLToPath(import.meta.url));
const REGISTRY = resolve(process.env.CURATOR_REGISTRY ?? join(HERE, "registry.json"));
const MODELS_DIR = dirname(REGISTRY);
const PIXELS = 28 * 28;
/** As models/quantized.test.ts: how far int8 logits may be from the float ones. */
const PARITY = 0.25;

interface Entry {
  name: string;
  status: string;
  file: string;
  experts?: unknown;
  quantized?: { file: string; gated_eps?: number };
}
const registry = existsSync(REGISTRY) ? (JSON.parse(readFileSync(REGISTRY, "utf8")) as { models: Entry[] }) : { models: [] };
const cls = registry.models.find((m) => m.name === "garment-classifier" && m.status === "champion");
const stylesFile = join(MODELS_DIR, "testdata", "styles-test.images.bin");
const present = cls?.experts !== undefined && cls.quantized !== undefined && existsSync(stylesFile);

const images = (file: string) => Float32Array.from(readFileSync(file), (v) => v / 255);

async function run(session: ort.InferenceSession, x: Float32Array, n: number): Promise<Float32Array> {
  const y = (await session.run({ [session.inputNames[0]!]: new ort.Tensor("float32", x, [n, 1, 28, 28]) }))[session.outputNames[0]!]!;
  return Float32Array.from(y.data as Float32Array);
}

const argmax = (v: Float32Array) => v.reduce((b, x, i) => (x > v[b]! ? i : b), 0);

describe.skipIf(!present)("experts classifier: the catalogue expert behind its gate", () => {
  let int8: ort.InferenceSession;
  let float: ort.InferenceSession;
  let drawings: Float32Array;
  let n: number;

  beforeAll(async () => {
    ort.env.wasm.numThreads = 1;
    int8 = await ort.InferenceSession.create(new Uint8Array(readFileSync(join(MODELS_DIR, cls!.quantized!.file))));
    float = await ort.InferenceSession.create(new Uint8Array(readFileSync(join(MODELS_DIR, cls!.file))));
    drawings = images(stylesFile);
    // The float graph runs every expert on every image: the first 500 drawings keep this under a minute.
    n = Math.min(500, drawings.length / PIXELS);
  }, 180_000);

  it("ships the branch, and the registry records its threshold", () => {
    expect(cls!.quantized!.gated_eps).toBeGreaterThan(0);
    expect(readFileSync(join(MODELS_DIR, cls!.quantized!.file)).includes("catalogue_expert")).toBe(true);
  });

  it("gives each image the same answer alone as in a batch that opens the branch", { timeout: 300_000 }, async () => {
    const k = 60;
    const fm = images(join(MODELS_DIR, "testdata", "fmnist-test-2000.images.bin")).subarray(0, PIXELS);
    const batch = new Float32Array((k + 1) * PIXELS);
    batch.set(fm, 0); // a catalogue shot: its gate is open, so the branch runs for the whole batch
    batch.set(drawings.subarray(0, k * PIXELS), PIXELS);
    expect(k).toBeLessThan(n);
    const together = await run(int8, batch, k + 1);
    const width = together.length / (k + 1);
    let maxDiff = 0;
    for (let i = 0; i <= k; i++) {
      const alone = await run(int8, batch.subarray(i * PIXELS, (i + 1) * PIXELS), 1);
      for (let j = 0; j < width; j++) maxDiff = Math.max(maxDiff, Math.abs(alone[j]! - together[i * width + j]!));
    }
    console.info(`gated classifier: max |alone - in a batch| over ${k + 1} images = ${maxDiff.toExponential(2)}`);
    expect(maxDiff).toBeLessThan(1e-4);
  });

  it("follows the float model on the held-out-style test drawings", { timeout: 300_000 }, async () => {
    const a = await run(float, drawings.subarray(0, n * PIXELS), n);
    const b = await run(int8, drawings.subarray(0, n * PIXELS), n);
    const width = a.length / n;
    let same = 0,
      maxDiff = 0;
    for (let i = 0; i < n; i++) {
      const fa = a.subarray(i * width, (i + 1) * width);
      const fb = b.subarray(i * width, (i + 1) * width);
      same += Number(argmax(fa) === argmax(fb));
      for (let j = 0; j < width; j++) maxDiff = Math.max(maxDiff, Math.abs(fa[j]! - fb[j]!));
    }
    console.info(`gated int8 vs float on ${n} drawings: same top-1 ${((same / n) * 100).toFixed(2)} %, max |diff| ${maxDiff.toFixed(3)}`);
    expect(same / n).toBeGreaterThanOrEqual(0.99);
    expect(maxDiff).toBeLessThanOrEqual(PARITY);
  });
});
