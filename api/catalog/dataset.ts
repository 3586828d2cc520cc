// The product images: the Fashion-MNIST IDX files the catalog was built from. Optional —
// search works without them — but when present they must be the very files the manifest
// names (sha256), or a product id would show another product's picture.
// build.mjs has the same reader (readSplit); it is not imported because build.mjs loads
// onnxruntime-web at the top, which the API bundle must not carry.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import type { CatalogManifest } from "./load";

export const IMAGE_SIDE = 28;
const PIXELS = IMAGE_SIDE * IMAGE_SIDE;
const SPLIT_FILES = { train: "train", test: "t10k" } as const;

export class DatasetError extends Error {
  override name = "DatasetError";
  constructor(
    /** What went wrong, for clients (the message, with paths, is for the server log). */
    readonly kind: "missing" | "mismatch" | "invalid",
    message: string,
  ) {
    super(message);
  }
}

export interface ProductImages {
  count: number;
  /** count x 784 grey pixels, 0 = background (Fashion-MNIST is light garment on black). */
  pixels: Uint8Array;
}

function sha256(b: Uint8Array): string {
  return createHash("sha256").update(b).digest("hex");
}

export async function loadProductImages(dir: string, manifest: CatalogManifest): Promise<ProductImages> {
  const base = SPLIT_FILES[manifest.dataset.split];
  const imagesPath = join(dir, `${base}-images-idx3-ubyte.gz`);
  const labelsPath = join(dir, `${base}-labels-idx1-ubyte.gz`);
  let imagesGz: Buffer;
  let labelsGz: Buffer;
  try {
    [imagesGz, labelsGz] = await Promise.all([readFile(imagesPath), readFile(labelsPath)]);
  } catch (e) {
    throw new DatasetError(
      "missing",
      `Fashion-MNIST ${manifest.dataset.split} split not found in ${dir} (${(e as NodeJS.ErrnoException).code ?? e}); set FASHION_MNIST_DIR`,
    );
  }
  const want = manifest.dataset.sha256;
  if (sha256(imagesGz) !== want.images || sha256(labelsGz) !== want.labels) {
    throw new DatasetError("mismatch", `${dir}: the Fashion-MNIST files differ from the ones the catalog was built from (sha256)`);
  }
  const images = gunzipSync(imagesGz);
  if (images.readUInt32BE(0) !== 2051) throw new DatasetError("invalid", `${imagesPath}: not an IDX image file`);
  const count = images.readUInt32BE(4);
  if (count < manifest.count || images.length !== 16 + count * PIXELS) {
    throw new DatasetError("invalid", `${imagesPath}: ${count} images, the catalog has ${manifest.count} products`);
  }
  return { count, pixels: images.subarray(16) };
}

export function productPixels(images: ProductImages, index: number): Uint8Array {
  return images.pixels.subarray(index * PIXELS, (index + 1) * PIXELS);
}
