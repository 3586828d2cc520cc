// Reads the catalog index written by build.mjs and refuses anything it cannot trust:
// a manifest with missing or wrong fields, a file of the wrong size, or bytes whose
// sha256 differs from the manifest (a half-copied or tampered index would otherwise
// return confidently wrong neighbours).
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
  format: 1;
  file: string;
  sha256: string;
  count: number;
  dim: number;
  scale: number;
  embedder: { name: string; version: number; sha256: string };
  dataset: { name: string; split: "train" | "test"; sha256: { images: string; labels: string } };
  builtAt: string;
}

export interface Catalog {
  manifest: CatalogManifest;
  /** count x dim int8 vectors, row-major. */
  vectors: Int8Array;
  /** count Fashion-MNIST class labels. */
  labels: Uint8Array;
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
  if (raw.format !== 1) fail("format", `is ${JSON.stringify(raw.format)}, this server reads format 1`);
  const { file, sha256, count, dim, scale, embedder, dataset, builtAt } = raw;
  if (typeof file !== "string" || basename(file) !== file || !file.endsWith(".i8")) fail("file", "must be a plain .i8 file name");
  if (typeof sha256 !== "string" || !SHA256.test(sha256)) fail("sha256", "must be 64 hex digits");
  if (!Number.isInteger(count) || (count as number) < 1) fail("count", "must be a positive integer");
  if (dim !== 128) fail("dim", "must be 128");
  if (scale !== 127) fail("scale", "must be 127");
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
  const expected = manifest.count * manifest.dim + manifest.count;
  if (body.length !== expected) {
    throw new CatalogError("size_mismatch", `${path}: ${body.length} bytes, the manifest's ${manifest.count} products need ${expected}`);
  }
  const actual = createHash("sha256").update(body).digest("hex");
  if (actual !== manifest.sha256) {
    throw new CatalogError("checksum_mismatch", `${path}: sha256 ${actual} differs from the manifest's ${manifest.sha256}`);
  }
  const split = manifest.count * manifest.dim;
  const labels = new Uint8Array(body.buffer, body.byteOffset + split, manifest.count);
  const bad = labels.findIndex((l) => l >= CLASS_COUNT);
  if (bad >= 0) throw new CatalogError("bad_labels", `${path}: product ${bad} has class ${labels[bad]}, Fashion-MNIST has ${CLASS_COUNT}`);
  return { manifest, vectors: new Int8Array(body.buffer, body.byteOffset, split), labels };
}
