// The Lambda adapter fed with real-shaped API Gateway HTTP API v2 / function-URL events.
import { inflateSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody, ReadyResponse, SearchResponse } from "./contract";
import { loadCatalog, type Catalog } from "./catalog/load";
import { createLambdaHandler, type HttpEventV2, type HttpResultV2 } from "./lambda";
import { CATALOG_DIR, catalogPresent, catalogVector, datasetPresent, manifestEmbedder, options } from "./testkit";

/** The shape API Gateway sends (trimmed of fields the adapter does not read, but kept realistic). */
function event(method: string, rawPath: string, over: Partial<HttpEventV2> & { stage?: string } = {}): HttpEventV2 {
  const { stage = "$default", ...rest } = over;
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString: "",
    headers: { accept: "*/*", host: "abc123.execute-api.eu-west-1.amazonaws.com", "user-agent": "curl/8", "x-forwarded-proto": "https" },
    requestContext: {
      accountId: "123456789012",
      apiId: "abc123",
      domainName: "abc123.execute-api.eu-west-1.amazonaws.com",
      http: { method, path: rawPath, protocol: "HTTP/1.1", sourceIp: "203.0.113.9", userAgent: "curl/8" },
      requestId: "Jd2y3gGhjoEEMHg=",
      routeKey: "$default",
      stage,
      time: "02/Dec/2026:06:40:00 +0000",
      timeEpoch: 1796193600000,
    },
    isBase64Encoded: false,
    ...rest,
  } as HttpEventV2;
}

const jsonOf = <T>(r: HttpResultV2) => JSON.parse(r.body) as T;

describe.skipIf(!catalogPresent)("Lambda adapter (HTTP API v2 events)", () => {
  let handler: (e: HttpEventV2) => Promise<HttpResultV2>;
  let catalog: Catalog;
  const embedder = catalogPresent ? manifestEmbedder() : { name: "", version: 0 };

  beforeAll(async () => {
    handler = createLambdaHandler(options()).handler;
    catalog = await loadCatalog(CATALOG_DIR);
  });

  it("answers the first request of a cold container once the catalog is loaded (no 503)", async () => {
    const cold = createLambdaHandler(options());
    expect(cold.api.service.state.status).toBe("loading");
    const res = await cold.handler(event("GET", "/readyz"));
    expect(res.statusCode).toBe(200);
    expect(res.isBase64Encoded).toBe(false);
    expect(res.headers["x-request-id"]).toBeTruthy();
    expect(jsonOf<ReadyResponse>(res).catalog.products).toBe(catalog.manifest.count);
  });

  it("searches with a plain and with a base64 body alike", async () => {
    const body = JSON.stringify({ embedding: catalogVector(catalog, 11), embedder, k: 4 });
    const headers = { "content-type": "application/json", "x-request-id": "gw-req-1" };
    const plain = await handler(event("POST", "/v1/search", { body, headers }));
    const b64 = await handler(event("POST", "/v1/search", { body: Buffer.from(body).toString("base64"), isBase64Encoded: true, headers }));
    for (const res of [plain, b64]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers["x-request-id"]).toBe("gw-req-1");
      const hits = jsonOf<SearchResponse>(res).results;
      expect(hits).toHaveLength(4);
      expect(hits[0]!.product.id).toBe("fm-train-000011");
    }
    expect(jsonOf<SearchResponse>(plain).results).toEqual(jsonOf<SearchResponse>(b64).results);
  });

  it("strips a named stage from the path", async () => {
    const res = await handler(event("GET", "/prod/v1/products/fm-train-000002", { stage: "prod" }));
    expect(res.statusCode).toBe(200);
    expect(jsonOf<{ id: string }>(res).id).toBe("fm-train-000002");
  });

  it("returns contract errors (415, 405 with Allow, 404)", async () => {
    const wrongType = await handler(event("POST", "/v1/search", { body: "{}", headers: { "content-type": "text/plain" } }));
    expect(wrongType.statusCode).toBe(415);
    expect(jsonOf<ApiErrorBody>(wrongType).error.code).toBe("unsupported_media_type");
    const wrongMethod = await handler(event("PUT", "/v1/search"));
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers.allow).toBe("POST, OPTIONS");
    expect((await handler(event("GET", "/nope"))).statusCode).toBe(404);
  });

  it("rate-limits by the source IP API Gateway saw (per container), with 429 and Retry-After", async () => {
    const limited = createLambdaHandler(options({ limits: { ratePerSecond: 0.01, rateBurst: 32 } })).handler;
    const body = JSON.stringify({ queries: Array.from({ length: 32 }, (_, i) => ({ embedding: catalogVector(catalog, i), embedder, k: 1 })) });
    const from = (ip: string) => {
      const e = event("POST", "/v1/search/batch", { body, headers: { "content-type": "application/json" } });
      return { ...e, requestContext: { ...e.requestContext, http: { ...e.requestContext.http, sourceIp: ip } } };
    };
    expect((await limited(from("203.0.113.9"))).statusCode).toBe(200);
    const refused = await limited(from("203.0.113.9"));
    expect(refused.statusCode).toBe(429);
    expect(jsonOf<ApiErrorBody>(refused).error.code).toBe("rate_limited");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect((await limited(from("198.51.100.20"))).statusCode).toBe(200);
  });

  it.skipIf(!datasetPresent)("returns the PNG as a base64 binary body", async () => {
    const res = await handler(event("GET", "/v1/products/fm-train-000002/image.png"));
    expect(res.statusCode).toBe(200);
    expect(res.isBase64Encoded).toBe(true);
    expect(res.headers["content-type"]).toBe("image/png");
    const png = Buffer.from(res.body, "base64");
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    const idatAt = png.indexOf("IDAT");
    const raw = inflateSync(png.subarray(idatAt + 4, idatAt + 4 + png.readUInt32BE(idatAt - 4)));
    expect(raw.length).toBe(28 * 29);
  });
});
