// The Lambda's catalog from S3 (api/s3Catalog.ts), through the real AWS SDK against a
// real S3 server (s3rver on localhost): a cold container copies the committed catalog
// (and the Fashion-MNIST files, when this machine has them) and answers as a container
// with a local catalog; a missing catalog or a tampered file is refused; the entry point
// answers the contract's 503 while the catalog is missing and starts once it is there.
//
// Files are compared by sha256, not with toEqual: a deep equality over a 9 MB Buffer runs
// element by element on the event loop for minutes, so not even the test timeout fires.
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ApiErrorBody, ReadyResponse, SearchResponse } from "./contract";
import { loadCatalog } from "./catalog/load";
import { createLambdaHandler, handler as lambdaEntry, prepareLambda, type HttpEventV2, type HttpResultV2 } from "./lambda";
import { fetchCatalogFromS3 } from "./s3Catalog";
import { CATALOG_DIR, DATASET_DIR, catalogPresent, catalogVector, datasetPresent, manifestEmbedder, options } from "./testkit";

const DATASET_FILES = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"];
const KEYS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

/** An HTTP API v2 event as CloudFront forwards /api/* to the stage "api". */
const event = (method: string, rawPath: string, body?: string): HttpEventV2 => ({
  rawPath,
  ...(body === undefined ? {} : { body, headers: { "content-type": "application/json" } }),
  requestContext: { stage: "api", http: { method, sourceIp: "203.0.113.9" } },
});

const sha256 = async (path: string) =>
  createHash("sha256")
    .update(await readFile(path))
    .digest("hex");
const jsonOf = <T>(r: HttpResultV2) => JSON.parse(r.body) as T;

describe.skipIf(!catalogPresent)("catalog from S3", () => {
  let server: S3rver;
  let dir: string;
  let endpoint: string;
  let client: S3Client;
  let manifest: { file: string; sha256: string };
  /** The environment infra/lib/catalog-api.ts gives the function, pointed at s3rver and this test's folders. */
  const lambdaEnv = (bucket: string, name: string, over: Record<string, string> = {}) => ({
    CURATOR_CATALOG_BUCKET: bucket,
    CURATOR_CATALOG_PREFIX: "catalog/",
    CURATOR_CATALOG_DIR: join(dir, name, "catalog"),
    FASHION_MNIST_DIR: join(dir, name, "fashion-mnist"),
    CURATOR_CATALOG_S3_ENDPOINT: endpoint,
    CURATOR_API_ACCESS_LOG: "0",
    ...over,
  });
  const put = async (bucket: string, key: string, body: Uint8Array) => client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  const putCatalog = async (bucket: string) => {
    for (const name of ["catalog.json", manifest.file]) await put(bucket, `catalog/${name}`, await readFile(join(CATALOG_DIR, name)));
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "curator-s3catalog-"));
    server = new S3rver({ address: "127.0.0.1", port: 0, directory: join(dir, "s3"), silent: true });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
    client = new S3Client({ endpoint, forcePathStyle: true, region: "us-east-1", credentials: KEYS });
    manifest = JSON.parse(await readFile(join(CATALOG_DIR, "catalog.json"), "utf8")) as typeof manifest;
    for (const bucket of ["catalog", "tampered", "late"]) await client.send(new CreateBucketCommand({ Bucket: bucket }));
    await putCatalog("catalog");
    if (datasetPresent) for (const file of DATASET_FILES) await put("catalog", `fashion-mnist/${file}`, await readFile(join(DATASET_DIR, file)));
    await put("tampered", "catalog/catalog.json", await readFile(join(CATALOG_DIR, "catalog.json")));
    await put("tampered", `catalog/${manifest.file}`, new Uint8Array((await readFile(join(CATALOG_DIR, manifest.file))).length));
  }, 60_000);

  // The SDK takes credentials from the process environment, as on Lambda (the function's role).
  beforeEach(() => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", KEYS.accessKeyId);
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", KEYS.secretAccessKey);
  });

  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  afterAll(async () => {
    client?.destroy();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("a cold container copies the catalog, strips the /api stage and answers as a container with a local catalog", async () => {
    const env = lambdaEnv("catalog", "cold");
    const lambda = await prepareLambda(env);
    expect(await sha256(join(env.CURATOR_CATALOG_DIR, manifest.file))).toBe(manifest.sha256);

    const ready = await lambda.handler(event("GET", "/api/readyz"));
    expect(ready.statusCode).toBe(200);
    expect(jsonOf<ReadyResponse>(ready).catalog.products).toBe(60_000);

    const local = createLambdaHandler(options({ datasetDir: join(dir, "no-pictures") }));
    const query = JSON.stringify({ embedding: catalogVector(await loadCatalog(CATALOG_DIR), 11), embedder: manifestEmbedder(), k: 5 });
    const [fromS3, fromDisk] = await Promise.all([
      lambda.handler(event("POST", "/api/v1/search", query)),
      local.handler(event("POST", "/api/v1/search", query)),
    ]);
    expect(fromS3.statusCode).toBe(200);
    const hits = jsonOf<SearchResponse>(fromS3).results;
    expect(hits[0]!.product.id).toBe("fm-train-000011");
    expect(hits).toEqual(jsonOf<SearchResponse>(fromDisk).results);
    // No dataset prefix set: search works without pictures.
    expect((await lambda.handler(event("GET", "/api/v1/products/fm-train-000011/image.png"))).statusCode).toBe(404);
  });

  it.skipIf(!datasetPresent)("with CURATOR_DATASET_PREFIX the Fashion-MNIST files come along and products have pictures", async () => {
    const env = lambdaEnv("catalog", "pictures", { CURATOR_DATASET_PREFIX: "fashion-mnist/" });
    const lambda = await prepareLambda(env);
    for (const file of DATASET_FILES) expect(await sha256(join(env.FASHION_MNIST_DIR, file))).toBe(await sha256(join(DATASET_DIR, file)));
    const png = await lambda.handler(event("GET", "/api/v1/products/fm-train-000011/image.png"));
    expect(png.statusCode).toBe(200);
    expect(png.headers["content-type"]).toBe("image/png");
    expect(png.isBase64Encoded).toBe(true);
    expect(Buffer.from(png.body, "base64").subarray(1, 4).toString("latin1")).toBe("PNG");
  });

  it("a missing catalog is an error naming the key", async () => {
    await expect(fetchCatalogFromS3({ bucket: "catalog", prefix: "elsewhere/", catalogDir: join(dir, "none") }, client)).rejects.toThrow(
      "s3://catalog/elsewhere/catalog.json does not exist",
    );
  });

  it("pictures are optional: a dataset prefix with nothing under it copies the catalog alone", async () => {
    const target = join(dir, "no-pictures");
    const datasetDir = join(target, "deep", "fashion-mnist");
    await fetchCatalogFromS3(
      { bucket: "catalog", prefix: "catalog/", catalogDir: join(target, "catalog"), datasetPrefix: "nothing-here/", datasetDir },
      client,
    );
    expect(await sha256(join(target, "catalog", manifest.file))).toBe(manifest.sha256);
    expect(await readdir(datasetDir)).toEqual([]);
  });

  it("an error other than a missing key is passed on as it is (a server that cannot be reached)", async () => {
    const unreachable = new S3Client({ endpoint: "http://127.0.0.1:1", forcePathStyle: true, region: "us-east-1", credentials: KEYS, maxAttempts: 1 });
    try {
      const copy = fetchCatalogFromS3({ bucket: "catalog", prefix: "catalog/", catalogDir: join(dir, "unreachable") }, unreachable);
      await expect(copy).rejects.toMatchObject({ code: "ECONNREFUSED" });
    } finally {
      unreachable.destroy();
    }
  });

  it("a vector file whose bytes differ from the manifest is refused by the loader", async () => {
    const lambda = await prepareLambda(lambdaEnv("tampered", "tampered"));
    const res = await lambda.handler(event("GET", "/api/readyz"));
    expect(res.statusCode).toBe(503);
    expect(jsonOf<ApiErrorBody>(res).error.message).toMatch(/does not match the sha256/);
    expect((await lambda.handler(event("POST", "/api/v1/search", "{}"))).statusCode).toBe(503);
  });

  it("the entry point answers 503 not_ready while the bucket has no catalog, and starts on the next request once it has", async () => {
    for (const [k, v] of Object.entries(lambdaEnv("late", "late"))) vi.stubEnv(k, v);
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: unknown) => void logged.push(String(line)));

    const early = await lambdaEntry(event("GET", "/api/readyz"));
    expect(early.statusCode).toBe(503);
    expect(early.headers["retry-after"]).toBe("5");
    const error = jsonOf<ApiErrorBody>(early).error;
    expect(error.code).toBe("not_ready");
    expect(error.message).not.toMatch(/s3:|late|catalog\//);
    expect(logged.join("\n")).toContain("s3://late/catalog/catalog.json does not exist");

    await putCatalog("late");
    const later = await lambdaEntry(event("GET", "/api/readyz"));
    expect(later.statusCode).toBe(200);
    expect(jsonOf<ReadyResponse>(later).catalog.products).toBe(60_000);
  });
});
