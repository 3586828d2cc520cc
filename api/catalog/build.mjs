#!/usr/bin/env node
// Builds the product catalog's search index: every Fashion-MNIST image of the chosen
// split is one catalog product; the champion embedder (models/registry.json) turns it
// into a 128-d unit vector, run exactly as the app runs it (onnxruntime-web WASM).
//
// Storage (format 2, "class-residual int8"): the embedder packs each class tightly
// (two shirts have cosine ~0.998), so quantising the vectors themselves to int8 (v * 127)
// drowns the small differences that rank one shirt above another: within a class, the
// top 12 agreed with float search only 19 % of the time. Each vector is stored instead
// as its class centroid (float32, 10 of them) plus its residual, int8 with its own scale:
// the same 7.7 MB, and 83 % agreement (measured on 6,000 products, 200 queries).
//
//   node api/catalog/build.mjs [--split train|test] [--limit N] [--out DIR] [--threads 2] [--lance 1]
//
// Then (--lance 1, the default) the catalog's Lance tables (one per category x gender) are
// built from what was just written (api/lance/build.ts, through dist-api/lance-build.mjs):
// one command rebuilds both.
//
// Resumable: vectors are appended to DIR/<file>.partial in chunks, so an interrupted
// build continues where it stopped. Deterministic: the same model and data give the
// same bytes (checked by api/catalog.test.ts on a small build).
import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { execFileSync, spawnSync } from "node:child_process";
import * as ort from "onnxruntime-web";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const DATASET_DIR = process.env.FASHION_MNIST_DIR ?? "/usr/share/datasets/fashion-mnist";
const DIM = 128;
const PIXELS = 28 * 28;
const CHUNK = 1024;
const CLASSES = 10;
const BATCH = 256;

function args() {
  const out = { split: "train", limit: 0, out: HERE, threads: 2, lance: 1 };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i]?.replace(/^--/, "");
    const value = argv[++i];
    if (!key || value === undefined || !(key in out)) throw new Error(`unknown or incomplete option ${argv[i - 1]}`);
    out[key] = key === "split" || key === "out" ? value : Number(value);
  }
  if (out.split !== "train" && out.split !== "test") throw new Error("--split must be train or test");
  return out;
}

const SPLIT_FILES = { train: "train", test: "t10k" };

/** IDX files of one split: the raw bytes (gzip as shipped by Debian) and their decoded content. */
export function readSplit(split, dir = DATASET_DIR) {
  const base = SPLIT_FILES[split];
  const imagesGz = readFileSync(join(dir, `${base}-images-idx3-ubyte.gz`));
  const labelsGz = readFileSync(join(dir, `${base}-labels-idx1-ubyte.gz`));
  const images = gunzipSync(imagesGz);
  const labels = gunzipSync(labelsGz);
  if (images.readUInt32BE(0) !== 2051 || labels.readUInt32BE(0) !== 2049) throw new Error(`${dir}: not Fashion-MNIST IDX files`);
  const count = images.readUInt32BE(4);
  if (labels.readUInt32BE(4) !== count) throw new Error(`${dir}: ${count} images but ${labels.readUInt32BE(4)} labels`);
  return {
    count,
    pixels: images.subarray(16),
    labels: labels.subarray(8),
    sha256: {
      images: createHash("sha256").update(imagesGz).digest("hex"),
      labels: createHash("sha256").update(labelsGz).digest("hex"),
    },
  };
}

function champion(name) {
  const registry = JSON.parse(readFileSync(join(ROOT, "models", "registry.json"), "utf8"));
  const entry = registry.models.find((m) => m.name === name && m.status === "champion");
  if (!entry) throw new Error(`no champion ${name} in models/registry.json`);
  return entry;
}

function gitCommit() {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}

/**
 * Float vectors (count x DIM) and their labels -> centroids (float32, CLASSES x DIM: the
 * mean of each class), residuals (int8, count x DIM) and scales (float32, count): the
 * vector is centroid[label] + scale * residual, with the residual's largest component at 127.
 */
export function encodeResiduals(vectors, labels, count) {
  const sums = new Float64Array(CLASSES * DIM);
  const counts = new Float64Array(CLASSES);
  for (let i = 0; i < count; i++) {
    counts[labels[i]]++;
    for (let j = 0; j < DIM; j++) sums[labels[i] * DIM + j] += vectors[i * DIM + j];
  }
  const centroids = new Float32Array(CLASSES * DIM);
  for (let c = 0; c < CLASSES; c++) for (let j = 0; j < DIM; j++) centroids[c * DIM + j] = counts[c] ? sums[c * DIM + j] / counts[c] : 0;
  const residuals = new Int8Array(count * DIM);
  const scales = new Float32Array(count);
  const r = new Float64Array(DIM);
  for (let i = 0; i < count; i++) {
    let max = 0;
    for (let j = 0; j < DIM; j++) {
      r[j] = vectors[i * DIM + j] - centroids[labels[i] * DIM + j];
      max = Math.max(max, Math.abs(r[j]));
    }
    scales[i] = max > 0 ? max / 127 : 0;
    const inv = max > 0 ? 127 / max : 0;
    for (let j = 0; j < DIM; j++) residuals[i * DIM + j] = Math.round(r[j] * inv);
  }
  return { centroids, residuals, scales };
}

const bytesOf = (typed) => Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength);

async function main() {
  const opt = args();
  const embedder = champion("garment-embedder");
  const modelPath = join(ROOT, "models", embedder.file);
  const modelBytes = readFileSync(modelPath);
  const modelSha = createHash("sha256").update(modelBytes).digest("hex");
  if (modelSha !== embedder.sha256) throw new Error(`${embedder.file}: sha256 differs from the registry`);

  const data = readSplit(opt.split);
  const count = opt.limit > 0 ? Math.min(opt.limit, data.count) : data.count;
  mkdirSync(opt.out, { recursive: true });
  const file = `catalog-${opt.split}-${count}-embedder-v${embedder.version}.cri8`;
  // The float vectors are kept while embedding (the slow part) so the build can resume.
  const partial = join(opt.out, file + ".f32.partial");
  // A partial file from another model or data is useless: the sidecar records what it holds.
  const partialMeta = partial + ".json";
  const meta = { model: modelSha, images: data.sha256.images, count };
  if (existsSync(partial) && (!existsSync(partialMeta) || readFileSync(partialMeta, "utf8") !== JSON.stringify(meta))) {
    throw new Error(`${partial} belongs to another build; delete it to start again`);
  }
  writeFileSync(partialMeta, JSON.stringify(meta));
  let done = existsSync(partial) ? Math.floor(statSync(partial).size / (DIM * 4)) : 0;
  if (done % CHUNK !== 0 && done !== count) throw new Error(`${partial}: truncated mid-chunk; delete it`);

  ort.env.wasm.numThreads = opt.threads;
  const session = await ort.InferenceSession.create(modelBytes);
  const input = session.inputNames[0];
  const output = session.outputNames[0];
  const started = performance.now();
  const from = done;
  while (done < count) {
    const end = Math.min(count, done + CHUNK);
    const chunk = new Float32Array((end - done) * DIM);
    for (let i = done; i < end; i += BATCH) {
      const b = Math.min(BATCH, end - i);
      const x = Float32Array.from(data.pixels.subarray(i * PIXELS, (i + b) * PIXELS), (p) => p / 255);
      const y = (await session.run({ [input]: new ort.Tensor("float32", x, [b, 1, 28, 28]) }))[output].data;
      chunk.set(y, (i - done) * DIM);
    }
    appendFileSync(partial, bytesOf(chunk));
    done = end;
    const rate = (performance.now() - started) / (done - from);
    process.stdout.write(`\r${done}/${count} products, ${rate.toFixed(1)} ms each, ~${Math.round(((count - done) * rate) / 60000)} min left `);
  }
  process.stdout.write("\n");

  const raw = readFileSync(partial);
  if (raw.length !== count * DIM * 4) throw new Error(`${partial}: ${raw.length} bytes, expected ${count * DIM * 4}`);
  const floats = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length));
  const labels = data.labels.subarray(0, count);
  const { centroids, residuals, scales } = encodeResiduals(floats, labels, count);
  const body = Buffer.concat([bytesOf(residuals), bytesOf(scales), bytesOf(centroids), Buffer.from(labels)]);
  const manifest = {
    format: 2,
    file,
    sha256: createHash("sha256").update(body).digest("hex"),
    count,
    dim: DIM,
    classes: CLASSES,
    encoding: "class-residual-int8",
    layout:
      "count x dim int8 residuals, count float32 scales, classes x dim float32 class centroids (little-endian), count uint8 class labels; vector = centroid[label] + scale * residual",
    embedder: { name: embedder.name, version: embedder.version, sha256: modelSha, preprocessingContract: embedder.input.preprocessingContract },
    dataset: { name: "fashion-mnist", split: opt.split, dir: DATASET_DIR, sha256: data.sha256 },
    gitCommit: gitCommit(),
    builtAt: new Date().toISOString(),
  };
  writeFileSync(join(opt.out, file), body);
  writeFileSync(join(opt.out, "catalog.json"), JSON.stringify(manifest, null, 2) + "\n");
  unlinkSync(partial);
  unlinkSync(partialMeta);
  console.log(`wrote ${join(opt.out, file)} (${count} products, ${(body.length / 1e6).toFixed(1)} MB) and catalog.json`);
  if (opt.lance) buildLanceTable(opt.out);
}

/** The catalog's Lance tables, from the files just written (CURATOR_LANCE_URI etc. as the server reads them). */
function buildLanceTable(catalogDir) {
  const run = (args) => {
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "inherit" });
    if (r.status !== 0) throw new Error(`${args.join(" ")} failed; the int8 catalog is written, rerun: node dist-api/lance-build.mjs --catalog ${catalogDir}`);
  };
  run(["node_modules/vite/bin/vite.js", "build", "--config", "api/vite.config.ts"]);
  run(["dist-api/lance-build.mjs", "--catalog", catalogDir]);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
