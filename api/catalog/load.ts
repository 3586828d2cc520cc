// Reads the catalog index written by build.mjs and refuses anything it cannot trust:
// a manifest with missing or wrong fields, a file of the wrong size, or bytes whose
// sha256 differs from the manifest (a half-copied or tampered index would otherwise
// return confidently wrong neighbours).
//
// Two storage formats, one in-memory shape (vector = centroid[label] + scale * row):
//   1  "int8": count x dim int8 round(v * 127), count labels  (centroids 0, scale 1/127)
//   2  "class-residual-int8": count x dim int8 residuals, count float32 scales, classes x
//      dim float32 class centroids (little-endian), count labels — keeps the small
//      within-class differences that plain int8 rounds away.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";

export type CatalogErrorKind = "missing" | "bad_manifest" | "size_mismatch" | "checksum_mismatch" | "bad_labels";

export class CatalogError extends Error {
  override name = "CatalogError";
  constructor(
    readonly kind: CatalogErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export interface CatalogManifest {
  format: 1 | 2;
  file: string;
  sha256: string;
  count: number;
  dim: number;
  /** Format 1 only: 127. */
  scale?: number;
  /** Format 2 only: 10 class centroids. */
  classes?: number;
  embedder: { name: string; version: number; sha256: string };
  dataset: { name: string; split: "train" | "test"; sha256: { images: string; labels: string } };
  builtAt: string;
}

export interface Catalog {
  manifest: CatalogManifest;
  /** count x dim int8 rows, row-major (format 1: the quantised vectors; 2: residuals). */
  vectors: Int8Array;
  /** Per-product scale of its row. */
  scales: Float32Array;
  /** CLASS_COUNT x dim float32, added back per label (zeros for format 1). */
  centroids: Float32Array;
  /** count Fashion-MNIST class labels. */
  labels: Uint8Array;
}

/** Product i's stored vector as floats: centroid[label] + scale * row. */
export function reconstruct(c: Pick<Catalog, "vectors" | "scales" | "centroids" | "labels">, i: number, dim = 128): Float32Array {
  const out = new Float32Array(dim);
  const s = c.scales[i]!;
  const co = c.labels[i]! * dim;
  for (let j = 0; j < dim; j++) out[j] = c.centroids[co + j]! + s * c.vectors[i * dim + j]!;
  return out;
}

const SHA256 = /^[0-9a-f]{64}$/;
const CLASS_COUNT = 10;

function fail(field: string, why: string): never {
  throw new CatalogError("bad_manifest", `catalog.json: ${field} ${why}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Checks the manifest's shape field by field; returns it typed. */
export function parseManifest(raw: unknown): CatalogManifest {
  if (!isObject(raw)) fail("(root)", "is not an object");
  if (raw.format !== 1 && raw.format !== 2) fail("format", `is ${JSON.stringify(raw.format)}, this server reads formats 1 and 2`);
  const { file, sha256, count, dim, scale, classes, encoding, embedder, dataset, builtAt } = raw;
  if (typeof file !== "string" || basename(file) !== file || file.startsWith(".")) fail("file", "must be a plain file name in the catalog directory");
  if (typeof sha256 !== "string" || !SHA256.test(sha256)) fail("sha256", "must be 64 hex digits");
  if (!Number.isInteger(count) || (count as number) < 1) fail("count", "must be a positive integer");
  if (dim !== 128) fail("dim", "must be 128");
  if (raw.format === 1 && scale !== 127) fail("scale", "must be 127 (format 1)");
  if (raw.format === 2 && (classes !== CLASS_COUNT || encoding !== "class-residual-int8"))
    fail("classes/encoding", `must be ${CLASS_COUNT} / class-residual-int8 (format 2)`);
  if (!isObject(embedder) || typeof embedder.name !== "string" || !Number.isInteger(embedder.version) || typeof embedder.sha256 !== "string")
    fail("embedder", "must have name, integer version and sha256");
  if (!isObject(dataset) || (dataset.split !== "train" && dataset.split !== "test") || !isObject(dataset.sha256))
    fail("dataset", "must have split train|test and sha256 {images, labels}");
  const ds = dataset.sha256 as Record<string, unknown>;
  if (typeof ds.images !== "string" || typeof ds.labels !== "string") fail("dataset.sha256", "must have images and labels");
  if (typeof builtAt !== "string" || Number.isNaN(Date.parse(builtAt))) fail("builtAt", "must be an ISO date");
  return raw as unknown as CatalogManifest;
}

async function readOrMissing(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CatalogError("missing", `${path}: ${code === "ENOENT" ? "not found (build it with node api/catalog/build.mjs)" : String(e)}`);
  }
}

export async function loadCatalog(dir: string): Promise<Catalog> {
  const manifestPath = join(dir, "catalog.json");
  let raw: unknown;
  try {
    raw = JSON.parse((await readOrMissing(manifestPath)).toString("utf8"));
  } catch (e) {
    if (e instanceof CatalogError) throw e;
    throw new CatalogError("bad_manifest", `${manifestPath}: not JSON (${(e as Error).message})`);
  }
  const manifest = parseManifest(raw);
  const path = join(dir, manifest.file);
  const body = await readOrMissing(path);
  const { count, dim } = manifest;
  const v2 = manifest.format === 2;
  const expected = count * dim + (v2 ? count * 4 + CLASS_COUNT * dim * 4 : 0) + count;
  if (body.length !== expected) {
    throw new CatalogError("size_mismatch", `${path}: ${body.length} bytes, the manifest's ${count} products need ${expected}`);
  }
  const actual = createHash("sha256").update(body).digest("hex");
  if (actual !== manifest.sha256) {
    throw new CatalogError("checksum_mismatch", `${path}: sha256 ${actual} differs from the manifest's ${manifest.sha256}`);
  }
  // Copies for the float parts: a Float32Array view needs 4-byte alignment.
  const floats = (from: number, n: number) => new Float32Array(body.buffer.slice(body.byteOffset + from, body.byteOffset + from + n * 4));
  const rowsEnd = count * dim;
  const scales = v2 ? floats(rowsEnd, count) : new Float32Array(count).fill(1 / 127);
  const centroids = v2 ? floats(rowsEnd + count * 4, CLASS_COUNT * dim) : new Float32Array(CLASS_COUNT * dim);
  const labels = new Uint8Array(body.buffer, body.byteOffset + body.length - count, count);
  const bad = labels.findIndex((l) => l >= CLASS_COUNT);
  if (bad >= 0) throw new CatalogError("bad_labels", `${path}: product ${bad} has class ${labels[bad]}, Fashion-MNIST has ${CLASS_COUNT}`);
  return { manifest, vectors: new Int8Array(body.buffer, body.byteOffset, rowsEnd), scales, centroids, labels };
}
