// On AWS the catalog lives in an S3 bucket the function may only read (infra/): a cold
// container copies catalog.json, the vector file it names and, when the bucket has them,
// the two Fashion-MNIST train files (product pictures) to local disk, where the loader
// checks every byte against the manifest's sha256 as it does for a local catalog.
import { GetObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { createWriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseManifest } from "./catalog/load";

export interface S3CatalogSource {
  bucket: string;
  /** Key prefix of catalog.json and its vector file, e.g. "catalog/". */
  prefix: string;
  /** Key prefix of the Fashion-MNIST train files; none: search without pictures. */
  datasetPrefix?: string;
  /** Local folders to copy into (on Lambda, under /tmp). */
  catalogDir: string;
  datasetDir?: string;
  /** An S3-compatible endpoint other than AWS's (MinIO, tests). */
  endpoint?: string;
}

const DATASET_FILES = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"];

function missing(e: unknown): boolean {
  return e instanceof S3ServiceException && (e.name === "NoSuchKey" || e.$metadata.httpStatusCode === 404);
}

async function download(client: S3Client, bucket: string, key: string, path: string): Promise<void> {
  const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  await pipeline(res.Body as Readable, createWriteStream(path));
}

/**
 * Copies the catalog (and pictures, if present) from S3 to local folders. Throws, naming the key, when the catalog is not there.
 * A client made here is destroyed afterwards: a container copies once, and idle keep-alive sockets would outlive the copy.
 */
export async function fetchCatalogFromS3(source: S3CatalogSource, client?: S3Client): Promise<void> {
  const own = client ?? s3Client(source);
  try {
    await copyCatalog(source, own);
  } finally {
    if (!client) own.destroy();
  }
}

async function copyCatalog(source: S3CatalogSource, client: S3Client): Promise<void> {
  await mkdir(source.catalogDir, { recursive: true });
  const manifestKey = `${source.prefix}catalog.json`;
  let text: string;
  try {
    const res = await client.send(new GetObjectCommand({ Bucket: source.bucket, Key: manifestKey }));
    text = await res.Body!.transformToString("utf8");
  } catch (e) {
    if (missing(e)) throw new Error(`The catalog is not in the bucket: s3://${source.bucket}/${manifestKey} does not exist (infra/ uploads it on deploy).`);
    throw e;
  }
  // The vector file's name comes from the manifest: refuse one that is not a plain name before using it as a path.
  const manifest = parseManifest(JSON.parse(text) as unknown);
  await writeFile(join(source.catalogDir, "catalog.json"), text);
  await download(client, source.bucket, `${source.prefix}${manifest.file}`, join(source.catalogDir, manifest.file));
  if (source.datasetPrefix === undefined || source.datasetDir === undefined) return;
  await mkdir(source.datasetDir, { recursive: true });
  for (const file of DATASET_FILES) {
    try {
      await download(client, source.bucket, `${source.datasetPrefix}${file}`, join(source.datasetDir, file));
    } catch (e) {
      // Pictures are optional: without them search works and /readyz says images: unavailable.
      if (!missing(e)) throw e;
    }
  }
}

function s3Client(source: S3CatalogSource): S3Client {
  return new S3Client(source.endpoint ? { endpoint: source.endpoint, forcePathStyle: true, region: process.env.AWS_REGION ?? "us-east-1" } : {});
}

/** The S3 source the Lambda's environment names (infra/lib/catalog-api.ts sets it), or null for a local catalog. */
export function s3CatalogFromEnv(env: Record<string, string | undefined>): S3CatalogSource | null {
  const bucket = env.CURATOR_CATALOG_BUCKET;
  if (!bucket) return null;
  return {
    bucket,
    prefix: env.CURATOR_CATALOG_PREFIX ?? "",
    catalogDir: env.CURATOR_CATALOG_DIR ?? "/tmp/catalog",
    ...(env.CURATOR_DATASET_PREFIX !== undefined
      ? { datasetPrefix: env.CURATOR_DATASET_PREFIX, datasetDir: env.FASHION_MNIST_DIR ?? "/tmp/fashion-mnist" }
      : {}),
    ...(env.CURATOR_CATALOG_S3_ENDPOINT ? { endpoint: env.CURATOR_CATALOG_S3_ENDPOINT } : {}),
  };
}
