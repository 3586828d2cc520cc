// Node http adapter: a real server around the web-standard handler.
//   CURATOR_API_HOST (127.0.0.1)  CURATOR_API_PORT (8787)  + the handler's env (config.ts)
// The body is streamed into the handler and cut off at the route's limit while it is
// read, so an oversized upload is never buffered; SIGTERM/SIGINT stop accepting
// connections, let requests in flight finish, then exit.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { optionsFromEnv } from "./config";
import { bodyLimitFor, createHandler, type Api, type HandlerOptions } from "./handler";

class PayloadTooLargeError extends Error {
  override name = "PayloadTooLargeError";
}

/** req as a web stream that errors (instead of buffering on) once it passes `limit` bytes. */
function limitedBody(req: IncomingMessage, limit: number): ReadableStream<Uint8Array> {
  let seen = 0;
  let finished = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on("data", (chunk: Buffer) => {
        if (finished) return;
        seen += chunk.length;
        if (seen > limit) {
          finished = true;
          controller.error(new PayloadTooLargeError(`more than ${limit} bytes`));
          return;
        }
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
        if ((controller.desiredSize ?? 1) <= 0) req.pause();
      });
      req.on("end", () => {
        if (!finished) controller.close();
        finished = true;
      });
      req.on("error", (e) => {
        if (!finished) controller.error(e);
        finished = true;
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      finished = true;
    },
  }, { highWaterMark: 4 });
}

function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
    else if (v !== undefined) headers.set(k, v);
  }
  const method = req.method ?? "GET";
  const url = new URL(req.url ?? "/", origin);
  const hasBody = method !== "GET" && method !== "HEAD";
  // Routes without a body get limit 0: anything sent to them is cut off, not buffered.
  const body = hasBody ? limitedBody(req, bodyLimitFor(url.pathname)) : null;
  return new Request(url, { method, headers, body, ...(body ? { duplex: "half" } : {}) } as RequestInit);
}

async function send(res: ServerResponse, response: Response, req: IncomingMessage): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((v, k) => (headers[k] = v));
  // Whatever of the body the handler did not read is drained and discarded, so the
  // client gets its answer (e.g. 413) instead of a reset connection.
  if (!req.complete) {
    headers.connection = "close";
    req.removeAllListeners("data");
    req.resume();
  }
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  await new Promise<void>((resolve, reject) => {
    Readable.fromWeb(response.body as import("node:stream/web").ReadableStream).pipe(res).on("finish", resolve).on("error", reject);
  });
}

export interface RunningServer {
  api: Api;
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function startServer(options: HandlerOptions, host = "127.0.0.1", port = 8787): Promise<RunningServer> {
  const api = createHandler(options);
  const server = createServer((req, res) => {
    const origin = `http://${req.headers.host ?? `${host}:${port}`}`;
    let request: Request;
    try {
      request = toRequest(req, origin);
    } catch {
      res.writeHead(400, { "content-type": "application/json; charset=utf-8" }).end('{"error":{"code":"invalid_request","message":"malformed request line"}}');
      return;
    }
    api
      .handle(request)
      .then((response) => send(res, response, req))
      .catch(() => res.destroy());
  });
  server.keepAliveTimeout = 5_000;
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
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

async function main(): Promise<void> {
  const port = Number(process.env.CURATOR_API_PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`CURATOR_API_PORT must be a port number, got ${process.env.CURATOR_API_PORT}`);
  const running = await startServer(optionsFromEnv(process.env), process.env.CURATOR_API_HOST ?? "127.0.0.1", port);
  console.log(`Curator catalog API on ${running.url}`);
  void running.api.service.ready.then(() => {
    const s = running.api.service.state;
    if (s.status === "failed") console.error(`catalog not loaded: ${s.reason}`);
  });
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
