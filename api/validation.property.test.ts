// Property-based tests (fast-check) of the endpoint's request handling: random and
// mutated JSON bodies, raw bytes, content types, methods, paths, headers and whole raw
// HTTP requests never crash the handler and never give a 5xx; everything refused gets a
// clear 4xx contract error (JSON, a known code with its status, a message, no stack).
// A 2,000-product cut of the real catalog keeps the searches that mutations leave valid
// cheap, so thousands of runs fit in seconds. FC_RUNS scales the runs, FC_SEED replays.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorBody, ApiErrorCode } from "./contract";
import { ERROR_STATUS } from "./errors";
import { createHandler, type Api } from "./handler";
import { startServer, type RunningServer } from "./node";
import { applyEdit, applyTextEdit, batch, edit, embedder, query, textEdit, type Json } from "./requestArbitraries";
import { CATALOG_DIR, catalogPresent, options, testSearchWorker } from "./testkit";

const SCALE = Number(process.env.FC_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const params = (numRuns: number) => ({ numRuns: runs(numRuns), ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) });
const STACK = /\bat .*\.(ts|mjs|js):\d+|node:internal|\/work\/|\/usr\//;

/** The first n products of the catalog as a catalog directory of its own (format 1 or 2). */
function smallCatalog(n: number): string {
  const manifest = JSON.parse(readFileSync(join(CATALOG_DIR, "catalog.json"), "utf8")) as { format: 1 | 2; file: string; count: number; classes?: number };
  const body = readFileSync(join(CATALOG_DIR, manifest.file));
  const { count } = manifest;
  const parts =
    manifest.format === 2
      ? [
          body.subarray(0, n * 128),
          body.subarray(count * 128, count * 128 + n * 4),
          body.subarray(count * 132, count * 132 + 10 * 128 * 4),
          body.subarray(body.length - count, body.length - count + n),
        ]
      : [body.subarray(0, n * 128), body.subarray(body.length - count, body.length - count + n)];
  const file = Buffer.concat(parts);
  const dir = mkdtempSync(join(tmpdir(), "curator-small-catalog-"));
  writeFileSync(join(dir, manifest.file), file);
  writeFileSync(join(dir, "catalog.json"), JSON.stringify({ ...manifest, count: n, sha256: createHash("sha256").update(file).digest("hex") }));
  return dir;
}

/** What every answer must be: 2xx/3xx/4xx, and a 4xx is a contract error with its status. */
async function checkAnswer(res: Response, method: string): Promise<void> {
  expect(res.status, `status ${res.status}`).toBeLessThan(500);
  expect(res.headers.get("x-request-id")).toBeTruthy();
  const text = await res.text();
  expect(text).not.toMatch(STACK);
  if (res.status < 400 || method === "HEAD") return;
  checkError(res.status, res.headers.get("content-type"), text);
}

function checkError(status: number, contentType: string | null | undefined, text: string): ApiErrorCode {
  expect(contentType).toMatch(/^application\/json/);
  const err = (JSON.parse(text) as ApiErrorBody).error;
  expect(Object.keys(ERROR_STATUS)).toContain(err.code);
  expect(ERROR_STATUS[err.code], `${err.code} answered with ${status}`).toBe(status);
  expect(typeof err.message).toBe("string");
  expect(err.message.length).toBeGreaterThan(5);
  if (err.field !== undefined) expect(typeof err.field).toBe("string");
  return err.code;
}

// ---- the tests ------------------------------------------------------------------------

describe.skipIf(!catalogPresent)("request validation, property-based", () => {
  let api: Api;
  let dir: string;
  const counts = new Map<string, number>();
  const count = (what: string) => counts.set(what, (counts.get(what) ?? 0) + 1);

  beforeAll(async () => {
    dir = smallCatalog(2000);
    api = createHandler(options({ catalogDir: dir, limits: { ratePerSecond: 0 } }));
    await api.service.ready;
    expect(api.service.state.status).toBe("ready");
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    console.log(`property runs by outcome: ${[...counts].map(([k, v]) => `${k} ${v}`).join(", ")}`);
  });

  const post = (path: string, body: Uint8Array<ArrayBuffer> | string, type = "application/json") =>
    api.handle(new Request(`http://api.test${path}`, { method: "POST", headers: type ? { "content-type": type } : {}, body }), { address: "198.51.100.1" });

  it("valid single searches and batches, structurally mutated: a 200 or a 4xx contract error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          query.map((q) => ["/v1/search", q] as const),
          batch.map((b) => ["/v1/search/batch", b] as const),
        ),
        fc.array(edit, { maxLength: 3 }),
        async ([path, body], edits) => {
          const mutated = edits.reduce<Json>((b, e) => applyEdit(b, e), body as unknown as Json);
          const res = await post(path, JSON.stringify(mutated));
          count(`mutated-json:${res.status}`);
          await checkAnswer(res, "POST");
        },
      ),
      params(1500),
    );
  });

  it("JSON texts cut, flipped, with bad UTF-8, huge numbers or deep nesting: a 200 or a 4xx contract error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          query.map((q) => ["/v1/search", q] as const),
          batch.map((b) => ["/v1/search/batch", b] as const),
        ),
        fc.array(textEdit, { minLength: 1, maxLength: 3 }),
        async ([path, body], edits) => {
          const bytes = edits.reduce<Uint8Array>((b, e) => applyTextEdit(b, e), Buffer.from(JSON.stringify(body))) as Uint8Array<ArrayBuffer>;
          const res = await post(path, bytes);
          count(`mutated-text:${res.status}`);
          await checkAnswer(res, "POST");
        },
      ),
      params(1500),
    );
  });

  it("arbitrary JSON values, arbitrary bytes and any content type: never a 5xx", async () => {
    const body = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v) ?? "null"),
      fc.uint8Array({ maxLength: 300 }) as fc.Arbitrary<Uint8Array<ArrayBuffer>>,
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.constant("x".repeat(200_000)),
    );
    const type = fc.oneof(
      fc.constantFrom(
        "application/json",
        "application/json; charset=utf-8",
        "APPLICATION/JSON ; x=y",
        "text/plain",
        "",
        "application/jsonx",
        "multipart/form-data; boundary=x",
      ),
      fc.string({ maxLength: 30 }).filter((s) => !/[\r\n\0]/.test(s)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("/v1/search", "/v1/search/batch"), body, type, async (path, b, t) => {
        const res = await post(path, b, t);
        count(`arbitrary-body:${res.status}`);
        await checkAnswer(res, "POST");
      }),
      params(1500),
    );
  });

  it("any method, path and headers (from random client addresses, rate limit on): never a 5xx", async () => {
    const limited = createHandler(options({ catalogDir: dir, limits: { ratePerSecond: 0.01, rateBurst: 4 } }));
    await limited.service.ready;
    const method = fc.oneof(
      { arbitrary: fc.constant("POST"), weight: 3 },
      fc.constantFrom("GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND", "get", "X-CUSTOM"),
    );
    const path = fc.oneof(
      { arbitrary: fc.constantFrom("/v1/search", "/v1/search/batch"), weight: 2 },
      fc.constantFrom(
        "/healthz",
        "/readyz",
        "/metrics",
        "/v1/search",
        "/v1/search/batch",
        "/v1/products/fm-train-000001",
        "/v1/products/fm-train-000001/image.png",
        "/v1/products/fm-train-999999",
        "/v1/products/%E0%A4%A",
        "/v1/products/..%2F..%2Fetc%2Fpasswd",
        "//v1/search",
        "/v1/search/",
      ),
      fc.webPath(),
      fc.string({ maxLength: 40 }).map((s) => `/v1/products/${encodeURIComponent(s)}`),
      fc.string({ maxLength: 40 }).map((s) => `/${encodeURI(s)}`),
    );
    const headerName = fc.oneof(
      fc.constantFrom("content-type", "content-length", "x-request-id", "origin", "x-forwarded-for", "accept", "cookie", "transfer-encoding"),
      fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
    );
    const headerValue = fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, "").trim());
    // One address comes back often enough to run out of tokens (429s are fine answers too).
    const client = fc.oneof(
      { arbitrary: fc.constantFrom("198.51.100.1", "::ffff:198.51.100.1"), weight: 4 },
      fc.ipV4(),
      fc.ipV6(),
      fc.constantFrom("", "garbage"),
    );
    await fc.assert(
      fc.asyncProperty(
        method,
        path,
        fc.array(fc.tuple(headerName, headerValue), { maxLength: 6 }),
        fc.option(fc.string({ maxLength: 200 })),
        client,
        async (m, p, hs, body, address) => {
          const headers = new Headers();
          for (const [k, v] of hs) if (k !== "content-length" && k !== "transfer-encoding") headers.append(k, v);
          const hasBody = body !== null && m !== "GET" && m !== "HEAD" && m !== "get";
          const res = await limited.handle(new Request(`http://api.test${p}`, { method: m, headers, ...(hasBody ? { body } : {}) }), { address });
          count(`method-path-headers:${res.status}`);
          await checkAnswer(res, m.toUpperCase());
        },
      ),
      params(1500),
    );
  });

  it("raw HTTP requests over a socket to the real Node server: no 5xx, errors as JSON, the server stays up", async () => {
    const server: RunningServer = await startServer(
      {
        ...options({ catalogDir: dir, limits: { ratePerSecond: 0 } }),
        searchWorker: await testSearchWorker(),
        searchThreads: 1,
        http: { headersTimeoutMs: 400, requestTimeoutMs: 600 },
      },
      "127.0.0.1",
      0,
    );
    try {
      await server.api.service.ready;
      if (process.env.FC_DEBUG) server.server.on("clientError", (e: NodeJS.ErrnoException) => count(`parser:${e.code}:${e.message.slice(0, 30)}`));
      const port = Number(new URL(server.url).port);
      const valid = JSON.stringify({ embedding: Array.from({ length: 128 }, (_, i) => Math.cos(i)), embedder });
      // Mostly well-formed parts, so that many requests get past the parser to the handler.
      const method = fc.oneof(
        { arbitrary: fc.constantFrom("GET", "POST", "HEAD", "OPTIONS", "DELETE"), weight: 12 },
        { arbitrary: fc.constantFrom("PRI", "CONNECT", "TRACE"), weight: 1 },
        { arbitrary: fc.stringMatching(/^[A-Z]{1,8}$/), weight: 1 },
        { arbitrary: fc.string({ maxLength: 6 }), weight: 1 },
      );
      const target = fc.oneof(
        {
          arbitrary: fc.constantFrom(
            "/v1/search",
            "/v1/search/batch",
            "/healthz",
            "/readyz",
            "/metrics",
            "*",
            "http://x/v1/search",
            "/v1/products/fm-train-000001",
            "/v1/products/fm-train-000001/image.png",
          ),
          weight: 10,
        },
        { arbitrary: fc.webPath(), weight: 2 },
        { arbitrary: fc.string({ unit: "binary-ascii", maxLength: 30 }), weight: 1 },
      );
      const version = fc.oneof(
        { arbitrary: fc.constant("HTTP/1.1"), weight: 8 },
        { arbitrary: fc.constantFrom("HTTP/1.0", "HTTP/2.0", "HTTP/1.1 ", "", "http/1.1"), weight: 1 },
      );
      const header = fc.oneof(
        {
          arbitrary: fc.constantFrom(
            "Accept: */*",
            "Origin: https://app.example",
            "Expect: 100-continue",
            "Connection: close",
            "X-Forwarded-For: 1.2.3.4",
            "X-Request-Id: abc",
            "Content-Type: text/plain",
          ),
          weight: 4,
        },
        // Framing that conflicts with the rest, or lies.
        {
          arbitrary: fc.constantFrom(
            "Transfer-Encoding: chunked",
            "Content-Length: 5",
            "Content-Length: -1",
            "Content-Length: 99999999999",
            "Connection: upgrade",
            "Upgrade: websocket",
            "Host: x",
          ),
          weight: 1,
        },
        {
          arbitrary: fc
            .tuple(
              fc.stringMatching(/^[A-Za-z-]{1,12}$/),
              fc.string({ maxLength: 20 }).map((v) => v.replace(/[\r\n]/g, "")),
            )
            .map(([k, v]) => `${k}: ${v}`),
          weight: 3,
        },
        { arbitrary: fc.string({ unit: "binary-ascii", maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, "")), weight: 1 },
      );
      const body = fc.oneof(
        { arbitrary: fc.constant(valid), weight: 4 },
        { arbitrary: fc.constantFrom("", "5\r\nhello\r\n0\r\n\r\n", "zz\r\nhello\r\n", JSON.stringify({ queries: [JSON.parse(valid)] })), weight: 2 },
        { arbitrary: fc.string({ unit: "binary", maxLength: 100 }), weight: 1 },
      );
      await fc.assert(
        fc.asyncProperty(
          method,
          target,
          version,
          fc.array(header, { maxLength: 3 }),
          body,
          fc.oneof({ arbitrary: fc.constant(true), weight: 6 }, { arbitrary: fc.constant(false), weight: 1 }),
          async (m, t, v, hs, b, withLength) => {
            const lines = [
              `${m} ${t} ${v}`,
              "Host: 127.0.0.1",
              "Content-Type: application/json",
              "Connection: close",
              ...hs,
              ...(withLength ? [`Content-Length: ${Buffer.byteLength(b, "latin1")}`] : []),
            ];
            const raw = `${lines.join("\r\n")}\r\n\r\n${b}`;
            const text = await exchange(port, raw, 3000);
            const status = firstStatus(text);
            count(`raw-http:${status ?? "closed"}`);
            if (status === null) return; // closed without an answer (e.g. CONNECT, a client that left)
            expect(status, text.slice(0, 200)).toBeLessThan(500);
            expect(text).not.toMatch(STACK);
            const { headers, body: resBody } = splitResponse(text);
            if (status >= 400 && m !== "HEAD" && resBody.length) {
              const code = checkError(status, headers["content-type"], resBody);
              if (process.env.FC_DEBUG) count(`raw-http:${code}:${(JSON.parse(resBody) as ApiErrorBody).error.message.slice(0, 40)}`);
            }
          },
        ),
        params(300),
      );
      // Still serving after all of that.
      const health = await exchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 3000);
      expect(firstStatus(health)).toBe(200);
    } finally {
      await server.close();
    }
  }, 300_000);
});

/**
 * Writes `raw` and collects what comes back until the server closes (or `ms`). No
 * half-close: Node aborts a request whose client half-closes before the answer is ready.
 */
function exchange(port: number, raw: string, ms: number): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    const socket = connect(port, "127.0.0.1", () => socket.write(Buffer.from(raw, "latin1")));
    const timer = setTimeout(() => socket.destroy(), ms);
    socket.on("data", (c: Buffer) => (text += c.toString("latin1")));
    socket.on("error", () => undefined);
    socket.once("close", () => {
      clearTimeout(timer);
      resolve(text);
    });
  });
}

/** The status of the first final (non-1xx) response in `text`, or null when there is none. */
function firstStatus(text: string): number | null {
  for (const m of text.matchAll(/HTTP\/1\.1 (\d{3}) /g)) {
    const s = Number(m[1]);
    if (s >= 200) return s;
  }
  return null;
}

function splitResponse(text: string): { headers: Record<string, string>; body: string } {
  const final = text.slice(text.search(/HTTP\/1\.1 [2-5]\d\d /));
  const end = final.indexOf("\r\n\r\n");
  const headers: Record<string, string> = {};
  for (const line of final.slice(0, end).split("\r\n").slice(1)) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const length = Number(headers["content-length"] ?? NaN);
  const rest = final.slice(end + 4);
  return { headers, body: Number.isFinite(length) ? rest.slice(0, length) : rest };
}
