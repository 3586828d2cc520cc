// Every malformed request gets the contract's error JSON with the right status, code
// and field path, through the real Node adapter; none of them leaks a stack trace.
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BATCH, MAX_BATCH_BYTES, MAX_K, MAX_SEARCH_BYTES, type ApiErrorBody } from "./contract";
import type { RunningServer } from "./node";
import { catalogPresent, manifestEmbedder, readyServer } from "./testkit";

const unit = (n = 128) => Array.from({ length: n }, (_, i) => Math.cos(i));

describe.skipIf(!catalogPresent)("request validation over HTTP", () => {
  let server: RunningServer;
  const embedder = catalogPresent ? manifestEmbedder() : { name: "", version: 0 };
  const ok = () => ({ embedding: unit(), embedder });

  beforeAll(async () => {
    server = await readyServer(8791);
  });
  afterAll(() => server?.close());

  type Case = {
    name: string;
    path?: string;
    method?: string;
    type?: string | null;
    body?: unknown;
    raw?: string;
    status: number;
    code: string;
    field?: string;
  };
  const cases: Case[] = [
    { name: "wrong content type", type: "text/plain", body: ok(), status: 415, code: "unsupported_media_type" },
    { name: "no content type", type: null, raw: JSON.stringify(ok()), status: 415, code: "unsupported_media_type" },
    { name: "bad JSON", raw: '{"embedding": [1, 2,', status: 400, code: "invalid_json" },
    { name: "JSON that is not an object", body: [1, 2, 3], status: 400, code: "invalid_request", field: "(body)" },
    { name: "body over the search limit", raw: JSON.stringify({ ...ok(), pad: "x".repeat(MAX_SEARCH_BYTES) }), status: 413, code: "payload_too_large" },
    { name: "batch body over the batch limit", path: "/v1/search/batch", raw: "x".repeat(MAX_BATCH_BYTES + 1), status: 413, code: "payload_too_large" },
    { name: "127 numbers", body: { ...ok(), embedding: unit(127) }, status: 400, code: "invalid_request", field: "embedding" },
    { name: "129 numbers", body: { ...ok(), embedding: unit(129) }, status: 400, code: "invalid_request", field: "embedding" },
    {
      name: "NaN as a string",
      body: { ...ok(), embedding: unit().map((v, i) => (i === 17 ? "NaN" : v)) },
      status: 400,
      code: "invalid_request",
      field: "embedding[17]",
    },
    {
      name: "Infinity (overflowing literal)",
      raw: JSON.stringify(ok()).replace(/\[1,/, "[1e999,"),
      status: 400,
      code: "invalid_request",
      field: "embedding[0]",
    },
    {
      name: "null inside the embedding",
      body: { ...ok(), embedding: unit().map((v, i) => (i === 3 ? null : v)) },
      status: 400,
      code: "invalid_request",
      field: "embedding[3]",
    },
    { name: "zero vector", body: { ...ok(), embedding: unit().map(() => 0) }, status: 400, code: "invalid_request", field: "embedding" },
    { name: "missing embedding", body: { embedder }, status: 400, code: "invalid_request", field: "embedding" },
    {
      name: "wrong embedder version",
      body: { ...ok(), embedder: { ...embedder, version: embedder.version + 1 } },
      status: 409,
      code: "embedder_mismatch",
      field: "embedder",
    },
    { name: "wrong embedder name", body: { ...ok(), embedder: { ...embedder, name: "clip" } }, status: 409, code: "embedder_mismatch", field: "embedder" },
    { name: "missing embedder", body: { embedding: unit() }, status: 400, code: "invalid_request", field: "embedder" },
    { name: "k = 0", body: { ...ok(), k: 0 }, status: 400, code: "invalid_request", field: "k" },
    { name: `k = ${MAX_K + 1}`, body: { ...ok(), k: MAX_K + 1 }, status: 400, code: "invalid_request", field: "k" },
    { name: "k = 1.5", body: { ...ok(), k: 1.5 }, status: 400, code: "invalid_request", field: "k" },
    { name: "k as a string", body: { ...ok(), k: "5" }, status: 400, code: "invalid_request", field: "k" },
    { name: "unknown category", body: { ...ok(), category: "hats" }, status: 400, code: "invalid_request", field: "category" },
    { name: "unknown gender", body: { ...ok(), gender: "kids" }, status: 400, code: "invalid_request", field: "gender" },
    { name: "unknown field", body: { ...ok(), catgory: "top" }, status: 400, code: "invalid_request", field: "catgory" },
    { name: "empty batch", path: "/v1/search/batch", body: { queries: [] }, status: 400, code: "invalid_request", field: "queries" },
    {
      name: `${MAX_BATCH + 1} queries`,
      path: "/v1/search/batch",
      body: { queries: Array.from({ length: MAX_BATCH + 1 }, ok) },
      status: 400,
      code: "invalid_request",
      field: "queries",
    },
    {
      name: "bad number deep in a batch",
      path: "/v1/search/batch",
      body: { queries: [ok(), ok(), ok(), { ...ok(), embedding: unit().map((v, i) => (i === 17 ? "x" : v)) }] },
      status: 400,
      code: "invalid_request",
      field: "queries[3].embedding[17]",
    },
    {
      name: "unknown field in a batch query",
      path: "/v1/search/batch",
      body: { queries: [{ ...ok(), extra: 1 }] },
      status: 400,
      code: "invalid_request",
      field: "queries[0].extra",
    },
    { name: "unknown top-level batch field", path: "/v1/search/batch", body: { queries: [ok()], k: 3 }, status: 400, code: "invalid_request", field: "k" },
    { name: "bad product id", path: "/v1/products/fm-train-9", method: "GET", status: 404, code: "not_found" },
    { name: "unknown route", path: "/v2/search", status: 404, code: "not_found" },
    { name: "GET on the search route", path: "/v1/search", method: "GET", status: 405, code: "method_not_allowed" },
    { name: "DELETE on a product", path: "/v1/products/fm-train-000001", method: "DELETE", status: 405, code: "method_not_allowed" },
  ];

  for (const c of cases) {
    it(`${c.name} -> ${c.status} ${c.code}${c.field ? ` at ${c.field}` : ""}`, async () => {
      const method = c.method ?? "POST";
      const headers: Record<string, string> = {};
      if (c.type !== null && method === "POST") headers["content-type"] = c.type ?? "application/json";
      const body = method === "GET" || method === "DELETE" ? undefined : (c.raw ?? JSON.stringify(c.body));
      const res = await fetch(`${server.url}${c.path ?? "/v1/search"}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: c.type === null ? new Blob([body]) : body }),
      });
      expect(res.status).toBe(c.status);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(res.headers.get("x-request-id")).toBeTruthy();
      const text = await res.text();
      expect(text).not.toMatch(/\bat .*\.(ts|mjs|js):\d+/); // no stack trace
      const err = (JSON.parse(text) as ApiErrorBody).error;
      expect(err.code).toBe(c.code);
      expect(err.message.length).toBeGreaterThan(5);
      if (c.field) expect(err.field).toBe(c.field);
      if (c.status === 405) expect(res.headers.get("allow")).toMatch(c.path === "/v1/search" ? /^POST, OPTIONS$/ : /^GET, HEAD, OPTIONS$/);
    });
  }

  it("cuts off a streamed body without Content-Length at the limit (413, not buffered)", async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        `${server.url}/v1/search`,
        { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } },
        (res) => {
          let text = "";
          res.on("data", (c: Buffer) => (text += c.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on("error", reject);
      const chunk = "x".repeat(16 * 1024);
      // Twice the limit, in chunks: the server must answer without waiting for all of it.
      for (let i = 0; i < (2 * MAX_SEARCH_BYTES) / chunk.length; i++) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
    expect((JSON.parse(body) as ApiErrorBody).error.code).toBe("payload_too_large");
  });

  it("still answers normally after all of that", async () => {
    const res = await fetch(`${server.url}/v1/search`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ ...ok(), k: 2 }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: unknown[] }).results).toHaveLength(2);
  });
});
