// Node http adapter: a real server around the web-standard handler.
//   CURATOR_API_HOST (127.0.0.1)  CURATOR_API_PORT (8787)  + the env of config.ts
// Searches run on a pool of worker threads (one per core by default), so the event loop
// only parses, validates and routes. The body is streamed into the handler and cut off
// at the route's limit, or when it has not arrived within the request timeout, so an
// oversized or trickled upload is never buffered; slow headers, too many connections and
// malformed HTTP get a JSON error (or, past maxConnections, a closed socket) before the
// handler sees anything. SIGTERM/SIGINT stop accepting connections, let requests in
// flight finish, then exit.
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { availableParallelism } from "node:os";
import type { Duplex } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import { httpLimitsFromEnv, optionsFromEnv } from "./config";
import type { ApiErrorCode } from "./contract";
import { ApiError } from "./errors";
import { bodyLimitFor, createHandler, type Api, type HandlerOptions } from "./handler";
import { DEFAULT_HTTP_LIMITS, forwardedClient, type HttpLimits } from "./limits";

export interface NodeServerOptions extends HandlerOptions {
  http?: Partial<HttpLimits>;
}

/** Where `npm run api:build` puts the worker entry, beside dist-api/node.mjs. */
const BUILT_SEARCH_WORKER = new URL(["search-worker", "mjs"].join("."), import.meta.url);

class PayloadTooLargeError extends Error {
  override name = "PayloadTooLargeError";
}

class BodyTimeoutError extends Error {
  override name = "BodyTimeoutError";
}

/**
 * req as a web stream that errors (instead of buffering on) once it passes `limit`
 * bytes, or when it has not ended `timeoutMs` after the request arrived.
 */
function limitedBody(req: IncomingMessage, limit: number, timeoutMs: number): ReadableStream<Uint8Array> {
  let seen = 0;
  let finished = false;
  let timer: NodeJS.Timeout | undefined;
  const finish = () => {
    finished = true;
    clearTimeout(timer);
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        timer = setTimeout(() => {
          if (finished) return;
          finish();
          controller.error(new BodyTimeoutError(`the body did not arrive within ${timeoutMs} ms`));
        }, timeoutMs);
        timer.unref();
        req.on("data", (chunk: Buffer) => {
          if (finished) return;
          seen += chunk.length;
          if (seen > limit) {
            finish();
            controller.error(new PayloadTooLargeError(`more than ${limit} bytes`));
            return;
          }
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
          if ((controller.desiredSize ?? 1) <= 0) req.pause();
        });
        req.on("end", () => {
          if (!finished) controller.close();
          finish();
        });
        req.on("error", (e) => {
          if (!finished) controller.error(e);
          finish();
        });
      },
      pull() {
        req.resume();
      },
      cancel() {
        finish();
      },
    },
    { highWaterMark: 4 },
  );
}

function toRequest(req: IncomingMessage, origin: string, timeoutMs: number, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
    else if (v !== undefined) headers.set(k, v);
  }
  const method = req.method ?? "GET";
  const url = new URL(req.url ?? "/", origin);
  const hasBody = method !== "GET" && method !== "HEAD";
  // Routes without a body get limit 0: anything sent to them is cut off, not buffered.
  const body = hasBody ? limitedBody(req, bodyLimitFor(url.pathname), timeoutMs) : null;
  return new Request(url, { method, headers, body, signal, ...(body ? { duplex: "half" } : {}) } as RequestInit);
}

/** How long to hold a refused search (429 / 503) before answering: see HttpLimits.refusalDelayMs. */
function refusalDelay(response: Response, pathname: string, limitMs: number): number {
  if ((response.status !== 429 && response.status !== 503) || !pathname.startsWith("/v1/search")) return 0;
  const retryAfter = Number(response.headers.get("retry-after") ?? 0) * 1000;
  return Math.max(0, Math.min(limitMs, retryAfter || limitMs));
}

/** Responses are small (a batch answer is at most a few hundred kB): sent whole, with Content-Length. */
async function send(res: ServerResponse, response: Response, req: IncomingMessage): Promise<void> {
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : null;
  if (res.destroyed || req.socket.destroyed) return;
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((v, k) => (headers[k] = v));
  if (body) headers["content-length"] = String(body.length);
  if (response.status === 408) {
    // Whoever trickled the body does not get to keep the connection.
    headers.connection = "close";
    res.once("finish", () => req.socket.destroy());
  } else if (!req.complete) {
    // Whatever of the body the handler did not read is drained and discarded, so the
    // client gets its answer (e.g. 413) instead of a reset connection.
    headers.connection = "close";
    req.removeAllListeners("data");
    req.resume();
  }
  res.writeHead(response.status, headers);
  res.end(body ?? undefined);
}

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 408: "Request Timeout", 431: "Request Header Fields Too Large" };

/** A contract error written straight to a socket the HTTP parser gave up on. */
function rawError(code: ApiErrorCode, message: string): string {
  const e = new ApiError(code, message);
  const body = JSON.stringify(e.body());
  return (
    `HTTP/1.1 ${e.status} ${STATUS_TEXT[e.status] ?? "Error"}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`
  );
}

/** What the parser's error means for the client: a contract code, or null (the client left). */
function parserError(err: NodeJS.ErrnoException, limits: HttpLimits): { code: ApiErrorCode; reason: string; message: string } | null {
  switch (err.code) {
    case "ECONNRESET":
    case "EPIPE":
      return null;
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return {
        code: "request_timeout",
        reason: "request_timeout",
        message: `the request did not arrive in time (headers within ${limits.headersTimeoutMs} ms, all of it within ${limits.requestTimeoutMs} ms)`,
      };
    case "HPE_HEADER_OVERFLOW":
      return { code: "headers_too_large", reason: "headers_too_large", message: "the request headers are too large" };
    default:
      return { code: "invalid_request", reason: "malformed", message: "malformed HTTP request" };
  }
}

export interface RunningServer {
  api: Api;
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function startServer(options: NodeServerOptions, host = "127.0.0.1", port = 8787): Promise<RunningServer> {
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...options.http };
  const searchThreads = options.searchThreads ?? availableParallelism();
  const searchWorker = options.searchWorker ?? BUILT_SEARCH_WORKER;
  if (searchThreads > 0 && searchWorker.protocol === "file:" && !existsSync(fileURLToPath(searchWorker))) {
    throw new Error(
      `the search worker ${fileURLToPath(searchWorker)} is missing: build it with npm run api:build (or search on the main thread: CURATOR_API_SEARCH_THREADS=0)`,
    );
  }
  const api = createHandler({ ...options, searchThreads, searchWorker });
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // How often Node looks for connections past those two timeouts (its default is 30 s).
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    (req, res) => {
      const origin = `http://${req.headers.host ?? `${host}:${port}`}`;
      const address = forwardedClient(req.socket.remoteAddress ?? "", (req.headers["x-forwarded-for"] as string | undefined) ?? null, limits.trustProxyHops);
      // Aborted when the client leaves before its answer: its queued searches are dropped.
      const left = new AbortController();
      res.once("close", () => {
        if (!res.writableFinished) left.abort();
      });
      let request: Request;
      try {
        request = toRequest(req, origin, limits.requestTimeoutMs, left.signal);
      } catch {
        // new Request refuses CONNECT, TRACE and TRACK, and new URL a Host header that is no host.
        const method = req.method ?? "";
        const why = /^(CONNECT|TRACE|TRACK)$/i.test(method) ? `${method} requests are not served` : "malformed request line or Host header";
        const body = JSON.stringify(new ApiError("invalid_request", why).body());
        res
          .writeHead(400, {
            "content-type": "application/json; charset=utf-8",
            "content-length": Buffer.byteLength(body),
            "cache-control": "no-store",
            connection: "close",
          })
          .end(body);
        return;
      }
      api
        .handle(request, { address })
        .then(async (response) => {
          const hold = refusalDelay(response, new URL(request.url).pathname, limits.refusalDelayMs);
          if (hold > 0) await new Promise((r) => setTimeout(r, hold));
          await send(res, response, req);
        })
        .catch(() => res.destroy());
    },
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  server.on("drop", () => api.metrics.connectionErrors.inc({ reason: "over_max_connections" }));
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex) => {
    const problem = parserError(err, limits);
    if (problem) api.metrics.connectionErrors.inc({ reason: problem.reason });
    if (problem && socket.writable && (socket as Socket).bytesWritten === 0) socket.end(rawError(problem.code, problem.message));
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    api,
    server,
    url: `http://${shownHost}:${address.port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await api.service.close();
    },
  };
}

async function main(): Promise<void> {
  const port = Number(process.env.CURATOR_API_PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`CURATOR_API_PORT must be a port number, got ${process.env.CURATOR_API_PORT}`);
  const running = await startServer(
    { ...optionsFromEnv(process.env), http: httpLimitsFromEnv(process.env) },
    process.env.CURATOR_API_HOST ?? "127.0.0.1",
    port,
  );
  console.log(`Curator catalog API on ${running.url}`);
  const stop = () => {
    void running.close().then(() => process.exit(0));
    // Requests that never finish must not keep the process alive forever.
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
