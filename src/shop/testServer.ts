/**
 * A tiny real HTTP server for the client tests: each test sets how it answers and
 * reads back what arrived. It serves under a path prefix (like the "/api" proxy) so
 * relative image URLs are checked against a base that has a path.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface Answer {
  status: number;
  body?: unknown;
  /** Sent as is (not JSON-encoded). */
  raw?: string;
  headers?: Record<string, string>;
  /** Never answer (timeout tests). */
  hang?: boolean;
}

export interface TestServer {
  base: string;
  received: Received[];
  answer: (fn: (r: Received) => Answer) => void;
  close: () => Promise<void>;
}

export async function startTestServer(prefix = "/api"): Promise<TestServer> {
  const received: Received[] = [];
  let respond: (r: Received) => Answer = () => ({ status: 500, raw: "" });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = req.url ?? "/";
      const r: Received = {
        method: req.method ?? "",
        path: url.startsWith(prefix) ? url.slice(prefix.length) : url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      received.push(r);
      const a = respond(r);
      if (a.hang) return; // closed by close() (closeAllConnections)
      const text = a.raw ?? JSON.stringify(a.body);
      res.writeHead(a.status, {
        "content-type": a.raw === undefined ? "application/json" : "text/html",
        "x-request-id": `req-${received.length}`,
        ...a.headers,
      });
      res.end(text);
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}${prefix}`,
    received,
    answer: (fn) => {
      respond = fn;
    },
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
