// The Lambda adapter's event <-> Request/Response translation, without a catalog, and the
// entry point's answer when the container cannot start.
import { afterEach, describe, expect, it, vi } from "vitest";
import { handler, toRequest, toResult, type HttpEventV2 } from "./lambda";
import { s3CatalogFromEnv } from "./s3Catalog";

function event(over: Partial<HttpEventV2> & { method?: string; stage?: string } = {}): HttpEventV2 {
  const { method = "GET", stage = "$default", ...rest } = over;
  return { rawPath: "/v1/search", requestContext: { domainName: "api.example.org", stage, http: { method } }, ...rest };
}

describe("toRequest", () => {
  it("builds the URL from the domain, the path without a named stage, and the query string", () => {
    expect(toRequest(event({ rawQueryString: "a=1&b=2" })).url).toBe("https://api.example.org/v1/search?a=1&b=2");
    expect(toRequest(event({ rawQueryString: "" })).url).toBe("https://api.example.org/v1/search");
    expect(toRequest(event({ stage: "prod", rawPath: "/prod/v1/search" })).url).toBe("https://api.example.org/v1/search");
    expect(toRequest(event({ stage: "prod", rawPath: "/prod" })).url).toBe("https://api.example.org/");
    // Only a whole leading segment is the stage.
    expect(toRequest(event({ stage: "prod", rawPath: "/production/x" })).url).toBe("https://api.example.org/production/x");
    expect(toRequest(event({ stage: "prod", rawPath: "/v1/prod/x" })).url).toBe("https://api.example.org/v1/prod/x");
    expect(toRequest(event({ stage: "$default", rawPath: "/$default/x" })).url).toBe("https://api.example.org/$default/x");
  });

  it("falls back to the Host header, then to a fixed name", () => {
    const noDomain = (headers?: Record<string, string>) => ({ ...event(), headers, requestContext: { http: { method: "GET" } } });
    expect(toRequest(noDomain({ host: "fn.lambda-url.eu-west-1.on.aws" })).url).toBe("https://fn.lambda-url.eu-west-1.on.aws/v1/search");
    expect(toRequest(noDomain()).url).toBe("https://lambda.local/v1/search");
  });

  it("upper-cases the method and copies headers, skipping unset ones, and joins cookies", () => {
    const req = toRequest(
      event({ method: "post", headers: { "content-type": "application/json", "x-request-id": "r1", absent: undefined }, cookies: ["a=1", "b=2"], body: "{}" }),
    );
    expect(req.method).toBe("POST");
    expect(req.headers.get("content-type")).toBe("application/json");
    expect(req.headers.get("x-request-id")).toBe("r1");
    expect(req.headers.has("absent")).toBe(false);
    expect(req.headers.get("cookie")).toBe("a=1; b=2");
    expect(toRequest(event({ cookies: [] })).headers.has("cookie")).toBe(false);
  });

  it("decodes a base64 body, passes a plain one as UTF-8, and gives GET and HEAD none", async () => {
    const text = '{"text":"crème jumper"}';
    expect(await toRequest(event({ method: "POST", body: text })).text()).toBe(text);
    expect(await toRequest(event({ method: "POST", body: Buffer.from(text).toString("base64"), isBase64Encoded: true })).text()).toBe(text);
    expect(toRequest(event({ method: "GET", body: "ignored" })).body).toBeNull();
    expect(toRequest(event({ method: "HEAD", body: "ignored" })).body).toBeNull();
    expect(toRequest(event({ method: "POST" })).body).toBeNull();
  });
});

describe("toResult", () => {
  it("returns JSON and text as UTF-8, with every header", async () => {
    const json = await toResult(new Response('{"é":1}', { status: 201, headers: { "content-type": "application/json; charset=utf-8", "x-request-id": "r2" } }));
    expect(json).toEqual({
      statusCode: 201,
      headers: { "content-type": "application/json; charset=utf-8", "x-request-id": "r2" },
      body: '{"é":1}',
      isBase64Encoded: false,
    });
    const text = await toResult(new Response("# HELP x\n", { headers: { "content-type": "text/plain; version=0.0.4" } }));
    expect(text).toMatchObject({ body: "# HELP x\n", isBase64Encoded: false });
  });

  it("returns binary bodies as base64, and an empty body as plain empty text", async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255]);
    const png = await toResult(new Response(bytes, { headers: { "content-type": "image/png" } }));
    expect(png).toMatchObject({ statusCode: 200, isBase64Encoded: true, body: Buffer.from(bytes).toString("base64") });
    const untyped = await toResult(new Response(new Uint8Array([1, 2, 3])));
    expect(untyped).toMatchObject({ isBase64Encoded: true, body: "AQID" });
    const empty = await toResult(new Response(null, { status: 204 }));
    expect(empty).toEqual({ statusCode: 204, headers: {}, body: "", isBase64Encoded: false });
  });
});

describe("the entry point when the container cannot start", () => {
  const saved = process.env.CURATOR_INDEX;
  afterEach(() => {
    if (saved === undefined) delete process.env.CURATOR_INDEX;
    else process.env.CURATOR_INDEX = saved;
    vi.restoreAllMocks();
  });

  it("answers the contract's 503 JSON, logs why, and tries again on the next request", async () => {
    process.env.CURATOR_INDEX = "bogus";
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation((m: string) => void errors.push(m));
    for (let i = 0; i < 2; i++) {
      const res = await handler(event());
      expect(res.statusCode).toBe(503);
      expect(res.headers).toEqual({ "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "retry-after": "5" });
      expect(res.isBase64Encoded).toBe(false);
      const body = JSON.parse(res.body) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("not_ready");
      expect(body.error.message).not.toContain("bogus");
    }
    // Not cached: each request re-read the environment and logged the reason.
    expect(errors).toEqual(Array(2).fill('catalog endpoint not started: CURATOR_INDEX must be exact or ivf, got "bogus"'));
  });
});

describe("the S3 catalog source from the Lambda's environment", () => {
  it("is none without a bucket: the catalog is local", () => {
    expect(s3CatalogFromEnv({})).toBeNull();
    expect(s3CatalogFromEnv({ CURATOR_CATALOG_BUCKET: "", CURATOR_CATALOG_PREFIX: "catalog/" })).toBeNull();
  });

  it("copies to /tmp by default, with pictures only when a dataset prefix is set", () => {
    expect(s3CatalogFromEnv({ CURATOR_CATALOG_BUCKET: "b" })).toStrictEqual({ bucket: "b", prefix: "", catalogDir: "/tmp/catalog" });
    expect(s3CatalogFromEnv({ CURATOR_CATALOG_BUCKET: "b", CURATOR_DATASET_PREFIX: "" })).toStrictEqual({
      bucket: "b",
      prefix: "",
      catalogDir: "/tmp/catalog",
      datasetPrefix: "",
      datasetDir: "/tmp/fashion-mnist",
    });
  });

  it("takes every setting from the environment", () => {
    expect(
      s3CatalogFromEnv({
        CURATOR_CATALOG_BUCKET: "b",
        CURATOR_CATALOG_PREFIX: "catalog/",
        CURATOR_CATALOG_DIR: "/mnt/c",
        CURATOR_DATASET_PREFIX: "fm/",
        FASHION_MNIST_DIR: "/mnt/fm",
        CURATOR_CATALOG_S3_ENDPOINT: "http://127.0.0.1:9000",
      }),
    ).toStrictEqual({ bucket: "b", prefix: "catalog/", catalogDir: "/mnt/c", datasetPrefix: "fm/", datasetDir: "/mnt/fm", endpoint: "http://127.0.0.1:9000" });
    expect(s3CatalogFromEnv({ CURATOR_CATALOG_BUCKET: "b", CURATOR_CATALOG_S3_ENDPOINT: "" })).not.toHaveProperty("endpoint");
  });
});
