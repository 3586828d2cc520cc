// The shipped experts classifier skips its catalogue expert when the gate is shut
// (models/training/gated.py). This times it per image, batch 1, as the vision worker runs
// it, on real inputs: held-out-style drawings (gate nearly always shut, like a user's
// photo) and Fashion-MNIST catalogue shots (gate open), against the registered float file
// (no branch: every expert on every image) on the same images in the same process.
//   node bench/gated.bench.mjs [--images 120] [--threads 2]
// Prints median and p95 per image and the ratio to the float file. No figure fails anything.
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as ort from "onnxruntime-web";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const MODELS = join(root, "models");
const { values: args } = parseArgs({ options: { images: { type: "string", default: "120" }, threads: { type: "string", default: "2" } } });
const N = Number(args.images);
const PIXELS = 28 * 28;
ort.env.wasm.numThreads = Number(args.threads);

const registry = JSON.parse(readFileSync(join(MODELS, "registry.json"), "utf8"));
const cls = registry.models.find((m) => m.name === "garment-classifier" && m.status === "champion");
if (!cls?.quantized?.gated_eps) throw new Error("the champion classifier has no gated int8 file (models/training/gated.py)");
const load = (file) => Float32Array.from(readFileSync(join(MODELS, "testdata", file)), (v) => v / 255);
const inputs = { "drawings (held-out styles)": load("styles-test.images.bin"), "catalogue shots (Fashion-MNIST)": load("fmnist-test-2000.images.bin") };

const stat = (t) => {
  const s = [...t].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] };
};

async function perImage(file, images) {
  const session = await ort.InferenceSession.create(new Uint8Array(readFileSync(join(MODELS, file))));
  const one = (i) => ({ [session.inputNames[0]]: new ort.Tensor("float32", images.slice(i * PIXELS, (i + 1) * PIXELS), [1, 1, 28, 28]) });
  for (let i = 0; i < 5; i++) await session.run(one(i));
  const times = [];
  for (let i = 0; i < N; i++) {
    const feeds = one(i);
    const t0 = performance.now();
    await session.run(feeds);
    times.push(performance.now() - t0);
  }
  await session.release();
  return stat(times);
}

console.log(
  `gated bench: ${N} images per row, batch 1, ${args.threads} thread(s); load average ${loadavg()
    .map((v) => v.toFixed(2))
    .join(" / ")}`,
);
console.log(`${"input".padEnd(34)}${"file".padEnd(36)}${"median".padStart(9)}${"p95".padStart(9)}   ratio`);
for (const [name, images] of Object.entries(inputs)) {
  const base = await perImage(cls.file, images);
  const gated = await perImage(cls.quantized.file, images);
  for (const [file, s] of [
    [cls.file, base],
    [cls.quantized.file, gated],
  ])
    console.log(
      `${name.padEnd(34)}${file.padEnd(36)}${s.median.toFixed(2).padStart(9)}${s.p95.toFixed(2).padStart(9)}   ×${(base.median / s.median).toFixed(2)}`,
    );
}
