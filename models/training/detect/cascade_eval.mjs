// Detector + classifier cascade on the fixed scenes (issue 16): does asking the garment
// classifier about each detected box — through the app's own TypeScript (decodeDetections,
// preprocessGarment, recognise) and onnxruntime-web (WASM), the shipped int8 files — fix the
// count? Most of det1's false boxes lie on non-garment drawings (errors_detect.py), which the
// classifier has a "not clothing" answer for.
//
//   node models/training/detect/cascade_eval.mjs --split val [--n 500] [--thresholds 0.25,0.3,0.35]
//   node models/training/detect/cascade_eval.mjs --split test --threshold 0.3 --rule notClothing
//
// Validation chooses (the detector's score threshold with the cascade, and the rule); test only
// reports, once, with the chosen numbers. Prints count right, precision and recall at IoU 0.5
// and the empty-scene false-box rate for the detector alone and for each rule; --json FILE
// writes them. Scenes: ~/.cache/curator/detect/scenes-{val,test}.npz (scenes.py --fixed).
import { readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { unzipSync } from "fflate";
import * as ort from "onnxruntime-web";
import { bundleDomain, root } from "../../../bench/bundle-domain.mjs";

const { values: args } = parseArgs({
  options: {
    split: { type: "string", default: "val" },
    n: { type: "string", default: "1000" },
    thresholds: { type: "string" },
    threshold: { type: "string" },
    rule: { type: "string" },
    json: { type: "string" },
    "scenes-dir": { type: "string", default: join(homedir(), ".cache/curator/detect") },
  },
});

/** The arrays of an .npz (C order, little-endian numeric dtypes only). */
function readNpz(path) {
  const files = unzipSync(new Uint8Array(readFileSync(path)));
  const out = {};
  for (const [name, bytes] of Object.entries(files)) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const major = bytes[6];
    const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
    const start = major === 1 ? 10 : 12;
    const header = new TextDecoder().decode(bytes.subarray(start, start + headerLen));
    const descr = /'descr':\s*'([^']+)'/.exec(header)[1];
    const shape = /'shape':\s*\(([^)]*)\)/
      .exec(header)[1]
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .map(Number);
    if (/'fortran_order':\s*True/.test(header)) throw new Error(`${name}: Fortran order`);
    const data = bytes.slice(start + headerLen);
    const Typed = { "|u1": Uint8Array, "<i2": Int16Array, "<i4": Int32Array, "<f4": Float32Array }[descr];
    if (!Typed) throw new Error(`${name}: dtype ${descr}`);
    out[name.replace(/\.npy$/, "")] = { data: new Typed(data.buffer, 0, data.byteLength / Typed.BYTES_PER_ELEMENT), shape };
  }
  return out;
}

const dom = await bundleDomain("cascade", {
  "src/domain/detection/decode.ts": ["decodeDetections", "iou"],
  "src/domain/vision/preprocess.ts": ["preprocessGarment"],
  "src/domain/vision/recognise.ts": ["recognise", "garmentEnergy"],
});

const registry = JSON.parse(readFileSync(join(root, "models/registry.json"), "utf8"));
const champ = (name) => registry.models.find((m) => m.name === name && m.status === "champion");
const det = champ("garment-detector");
const cls = champ("garment-classifier");
ort.env.wasm.numThreads = 1;
const detSession = await ort.InferenceSession.create(new Uint8Array(readFileSync(join(root, "models", det.quantized?.file ?? det.file))));
const clsSession = await ort.InferenceSession.create(new Uint8Array(readFileSync(join(root, "models", cls.quantized?.file ?? cls.file))));
const cal = cls.calibration;

const softmax = (logits, t) => {
  const z = Array.from(logits, (v) => v / t);
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};

const scenes = readNpz(join(args["scenes-dir"], `scenes-${args.split}.npz`));
const S = scenes.images.shape[1];
const N = Math.min(Number(args.n), scenes.images.shape[0]);
const maxG = scenes.classes.shape[1];
const thresholds = (args.thresholds ?? args.threshold ?? String(det.postprocess.score_threshold)).split(",").map(Number);
// Decoded once at the lowest threshold; each threshold then keeps its own share of the pieces.
const lowest = Math.min(...thresholds);

/** The piece's pixels from the scene, transparent outside its mask (input pixels). */
function pieceRgba(img, piece) {
  const { box, mask } = piece;
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(S, Math.ceil(box.x + box.width));
  const y1 = Math.min(S, Math.ceil(box.y + box.height));
  const w = Math.max(1, x1 - x0);
  const h = Math.max(1, y1 - y0);
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const src = ((y0 + y) * S + (x0 + x)) * 3;
      const o = (y * w + x) * 4;
      data[o] = img[src];
      data[o + 1] = img[src + 1];
      data[o + 2] = img[src + 2];
      let a = 255;
      if (mask) {
        const mx = Math.min(mask.width - 1, Math.max(0, Math.floor(((x0 + x + 0.5 - box.x) / box.width) * mask.width)));
        const my = Math.min(mask.height - 1, Math.max(0, Math.floor(((y0 + y + 0.5 - box.y) / box.height) * mask.height)));
        a = mask.alpha[my * mask.width + mx];
      }
      data[o + 3] = a;
    }
  return { data, width: w, height: h };
}

/** The classifier's verdict on one piece, as the app's analysis reaches it. */
async function verdict(img, piece) {
  const pre = dom.preprocessGarment(pieceRgba(img, piece));
  if (!pre.found) return { found: false, notClothing: false };
  const out = await clsSession.run({ [clsSession.inputNames[0]]: new ort.Tensor("float32", pre.tensor, [1, 1, 28, 28]) });
  const logits = out[clsSession.outputNames[0]].data;
  const probs = softmax(logits, cal.temperature ?? 1);
  const energy = dom.garmentEnergy(logits, cal.notClothingIndex ?? null);
  const d = dom.recognise({ probs, labels: cls.labels, energy, energyThreshold: cal.energyThreshold ?? null, embedding: null, examples: [], threshold: 0.93 });
  return { found: true, notClothing: d.notClothing, pNot: probs[cal.notClothingIndex] ?? 0, energy };
}

const RULES = {
  none: () => true,
  notClothing: (v) => !v.notClothing,
  "notClothing|noGarment": (v) => v.found && !v.notClothing,
  "pNot>0.5": (v) => !(v.pNot > 0.5),
  "pNot>0.8": (v) => !(v.pNot > 0.8),
  "pNot>0.95": (v) => !(v.pNot > 0.95),
  "lowScore&notClothing": (v, p) => !(v.notClothing && p.score < 0.6),
  "lowScore&pNot>0.5": (v, p) => !(v.pNot > 0.5 && p.score < 0.6),
};
const rules = args.rule ? { [args.rule]: RULES[args.rule] } : RULES;
const tally = {};
for (const t of thresholds) for (const r of Object.keys(rules)) tally[`${t} ${r}`] = { right: 0, found: 0, hits: 0, truth: 0, empty: 0, emptyWithBox: 0 };

const quad = (b) => [b.x, b.y, b.x + b.width, b.y + b.height];
function hitsOf(boxes, truth) {
  const used = new Set();
  let hits = 0;
  for (const p of boxes) {
    let best = -1;
    let bestIou = 0.5;
    truth.forEach((t, j) => {
      const v = dom.iou(quad(p), t);
      if (!used.has(j) && v >= bestIou) [best, bestIou] = [j, v];
    });
    if (best >= 0) {
      used.add(best);
      hits++;
    }
  }
  return hits;
}

const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const img = scenes.images.data.subarray(i * S * S * 3, (i + 1) * S * S * 3);
  const x = new Float32Array(3 * S * S);
  for (let p = 0; p < S * S; p++) for (let c = 0; c < 3; c++) x[c * S * S + p] = img[p * 3 + c] / 255;
  const out = await detSession.run({ images: new ort.Tensor("float32", x, [1, 3, S, S]) });
  const data = (k) => out[k].data;
  const dims = out.protos.dims.map(Number);
  const raw = { boxes: data("boxes"), scores: data("scores"), coeffs: data("coeffs"), protos: data("protos"), prototypes: dims[1], protoSize: dims[2] };
  const s = scenes.scale.data[i];
  // Photo size in input pixels: boxes and masks come back in the scene's own pixels.
  const pw = Math.round(scenes.photo.data[i * 2] * s);
  const ph = Math.round(scenes.photo.data[i * 2 + 1] * s);
  const pieces = dom.decodeDetections(raw, { photoWidth: pw, photoHeight: ph, inputSize: S, maskMaxSide: 128 }, { ...det.postprocess, score_threshold: lowest });
  const verdicts = await Promise.all(pieces.map((p) => verdict(img, p)));
  const truth = [];
  for (let g = 0; g < maxG; g++) {
    if (scenes.classes.data[i * maxG + g] < 0) continue;
    const b = scenes.boxes.data.subarray((i * maxG + g) * 4, (i * maxG + g + 1) * 4);
    truth.push([b[0], b[1], b[2], b[3]]);
  }
  for (const t of thresholds)
    for (const [r, keep] of Object.entries(rules)) {
      const kept = pieces.filter((p, k) => p.score >= t && keep(verdicts[k], p));
      const a = tally[`${t} ${r}`];
      a.right += Number(kept.length === truth.length);
      a.found += kept.length;
      a.hits += hitsOf(
        kept.map((p) => p.box),
        truth,
      );
      a.truth += truth.length;
      if (truth.length === 0) {
        a.empty++;
        a.emptyWithBox += Number(kept.length > 0);
      }
    }
  if ((i + 1) % 100 === 0) console.log(`  ${i + 1}/${N} scenes, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

const rows = Object.entries(tally).map(([k, a]) => {
  const [threshold, rule] = k.split(" ");
  return {
    threshold: Number(threshold),
    rule,
    countRight: a.right / N,
    precision: a.found ? a.hits / a.found : 0,
    recall: a.truth ? a.hits / a.truth : 0,
    emptyWithBox: a.empty ? a.emptyWithBox / a.empty : 0,
  };
});
console.log(`${args.split}: ${N} scenes; detector ${det.name} v${det.version} (${det.quantized ? "int8" : "float"}), classifier v${cls.version}`);
console.log("threshold  rule                    count right  precision  recall  empty scenes with a box");
for (const r of rows)
  console.log(
    `${r.threshold.toFixed(2).padEnd(10)} ${r.rule.padEnd(23)} ${r.countRight.toFixed(3).padStart(11)}  ${r.precision.toFixed(3).padStart(9)}  ${r.recall.toFixed(3).padStart(6)}  ${r.emptyWithBox.toFixed(3).padStart(10)}`,
  );
if (args.json) writeFileSync(args.json, JSON.stringify({ split: args.split, scenes: N, detector: det.version, classifier: cls.version, rows }, null, 2) + "\n");
