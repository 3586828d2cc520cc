// Garment detection latency in onnxruntime-web's WASM backend (the app's baseline runtime),
// in Node: the app's own letterbox fill and post-processing (src/domain/detection, built by
// Vite as the app's build does) around one detector run, on real scenes — the detector's
// reference scenes — and, interleaved in the same process, the shipped classifier at batch
// 1 as the baseline (ratio = detect / classify).
//   nice -n 10 node bench/detect.bench.mjs [--reference path/reference.json] [--runs 40] [--threads 1]
// The detector is the one the parity test uses (src/domain/detection/parity.test.ts):
// --reference or CURATOR_DETECTOR_REFERENCE, else the registry's garment-detector
// champion, else helper A's smoke model in /root/curator-runs/det-smoke. Boxes and masks
// are decoded into a 12 MP photo's pixels (4000 × 3000 letterboxed: masks at the 512-px cap).
// "decode ×4" forces four pieces (score threshold 0, at most 4 kept): an untrained or
// smoke model may keep none, which would time an empty decode. Wall time on a busy machine
// includes waiting for a core: CPU time per run is printed beside it. No figure fails anything.
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { bundleDomain, root } from "./bundle-domain.mjs";

const { values: args } = parseArgs({
  options: { reference: { type: "string" }, runs: { type: "string", default: "40" }, threads: { type: "string", default: "1" }, float: { type: "boolean" } },
});
const RUNS = Number(args.runs);
const SIZE = 256;
const PHOTO = { width: 4000, height: 3000 };

function referencePath() {
  if (args.reference ?? process.env.CURATOR_DETECTOR_REFERENCE) return resolve(args.reference ?? process.env.CURATOR_DETECTOR_REFERENCE);
  const reg = JSON.parse(readFileSync(join(root, "models/registry.json"), "utf8"));
  const det = reg.models.find((m) => m.name === "garment-detector" && m.status === "champion");
  if (det?.reference) return join(root, "models", det.reference);
  return "/root/curator-runs/det-smoke/reference.json";
}

const refPath = referencePath();
if (!existsSync(refPath)) {
  console.log(`No detector reference at ${refPath}: nothing to bench (no registered garment-detector, no smoke model).`);
  process.exit(0);
}
const ref = JSON.parse(readFileSync(refPath, "utf8"));
const registry = JSON.parse(readFileSync(join(root, "models/registry.json"), "utf8"));
const cls = registry.models.find((m) => m.name === "garment-classifier" && m.status === "champion");
const clsFile = cls.quantized?.file ?? cls.file; // what the app ships by default

const dom = await bundleDomain("detect", {
  "src/domain/detection/letterbox.ts": ["letterbox", "letterboxTensor"],
  "src/domain/detection/decode.ts": ["decodeDetections"],
});
const ort = await import("onnxruntime-web");
ort.env.wasm.numThreads = Number(args.threads);
// The registry's champion file that the app ships (int8 when it has one; --float: the float file); a smoke reference's own file.
const detEntry = registry.models.find((m) => m.name === "garment-detector" && m.status === "champion" && join(root, "models", m.reference ?? "") === refPath);
const detFile = detEntry ? join(root, "models", (!args.float && detEntry.quantized?.file) || detEntry.file) : resolve(dirname(refPath), ref.model);
const det = await ort.InferenceSession.create(new Uint8Array(readFileSync(detFile)), { executionProviders: ["wasm"] });
const clf = await ort.InferenceSession.create(new Uint8Array(readFileSync(join(root, "models", clsFile))), { executionProviders: ["wasm"] });

// The scenes as the worker would hold them: RGBA pixels at the letterbox size of a 4000 × 3000 photo (256 × 192).
const lb = dom.letterbox(PHOTO.width, PHOTO.height, SIZE);
const scenes = ref.items.map((it) => {
  const rgb = Buffer.from(it.input, "base64");
  const rgba = new Uint8ClampedArray(lb.width * lb.height * 4);
  for (let y = 0; y < lb.height; y++)
    for (let x = 0; x < lb.width; x++) {
      const s = (y * SIZE + x) * 3;
      rgba.set([rgb[s], rgb[s + 1], rgb[s + 2], 255], (y * lb.width + x) * 4);
    }
  return rgba;
});
const clsInput = new Float32Array(784);
for (let i = 0; i < clsInput.length; i++) clsInput[i] = ((i * 2654435761) % 1000) / 1000;
const clsFeeds = { [clf.inputNames[0]]: new ort.Tensor("float32", clsInput, [1, 1, 28, 28]) };

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const forced = { ...ref.postprocess, score_threshold: 0, max_detections: 4 };
const t = { fill: [], run: [], decode: [], decode4: [], decode4Cpu: [], detect: [], detectCpu: [], classify: [], classifyCpu: [] };
let kept = 0;
let kept4 = 0;
for (let r = -3; r < RUNS; r++) {
  const rgba = scenes[(r + scenes.length * 4) % scenes.length];
  const c0 = cpu();
  const t0 = performance.now();
  const x = dom.letterboxTensor(rgba, lb.width, lb.height, SIZE);
  const t1 = performance.now();
  const out = await det.run({ images: new ort.Tensor("float32", x, [1, 3, SIZE, SIZE]) });
  const raw = {
    boxes: out.boxes.data,
    scores: out.scores.data,
    coeffs: out.coeffs.data,
    protos: out.protos.data,
    prototypes: out.protos.dims[1],
    protoSize: out.protos.dims[2],
  };
  const t2 = performance.now();
  const pieces = dom.decodeDetections(raw, { photoWidth: PHOTO.width, photoHeight: PHOTO.height, inputSize: SIZE }, ref.postprocess);
  const t3 = performance.now();
  const c1 = cpu();
  const pieces4 = dom.decodeDetections(raw, { photoWidth: PHOTO.width, photoHeight: PHOTO.height, inputSize: SIZE }, forced);
  const t4 = performance.now();
  // The baseline right after, under the same load.
  const c2 = cpu();
  const t5 = performance.now();
  await clf.run(clsFeeds);
  const t6 = performance.now();
  const c3 = cpu();
  if (r < 0) continue; // warm-up
  kept += pieces.length;
  kept4 += pieces4.length;
  t.fill.push(t1 - t0);
  t.run.push(t2 - t1);
  t.decode.push(t3 - t2);
  t.decode4.push(t4 - t3);
  t.decode4Cpu.push(c2 - c1);
  t.detect.push(t3 - t0);
  t.detectCpu.push(c1 - c0);
  t.classify.push(t6 - t5);
  t.classifyCpu.push(c3 - c2);
}

const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
};
const f = (v) => v.toFixed(2).padStart(9);
console.log(`Detector: ${detFile} (reference ${refPath}); classifier baseline: models/${clsFile}`);
console.log(
  `onnxruntime-web ${ort.env.versions?.web ?? ""} WASM, ${args.threads} thread(s), Node ${process.version}, ${RUNS} runs over ${scenes.length} scenes, load average ${loadavg()[0].toFixed(1)}`,
);
console.log(`pieces kept with the model's postprocess: ${(kept / RUNS).toFixed(2)} per scene; forced decode: ${(kept4 / RUNS).toFixed(2)}`);
console.log(`${"stage".padEnd(28)}${"median ms".padStart(10)}${"p95 ms".padStart(10)}`);
for (const [name, xs] of [
  ["letterbox fill", t.fill],
  ["detector run", t.run],
  ["decode (model's postprocess)", t.decode],
  ["decode ×4 (forced, masks)", t.decode4],
  ["decode ×4 (CPU)", t.decode4Cpu],
  ["detect total (wall)", t.detect],
  ["detect total (CPU)", t.detectCpu],
  ["classifier batch 1 (wall)", t.classify],
  ["classifier batch 1 (CPU)", t.classifyCpu],
])
  console.log(`${name.padEnd(28)}${f(q(xs, 0.5))} ${f(q(xs, 0.95))}`);
const detect4 = t.fill.map((v, i) => v + t.run[i] + t.decode4[i]);
console.log(
  `ratio detect / classify (median wall): ${(q(t.detect, 0.5) / q(t.classify, 0.5)).toFixed(1)}×; with 4 pieces decoded: ${(q(detect4, 0.5) / q(t.classify, 0.5)).toFixed(1)}×; CPU: ${(q(t.detectCpu, 0.5) / q(t.classifyCpu, 0.5)).toFixed(1)}×`,
);
