// Shared by the API tests: which catalog to test against, a real server on a fixed
// port of this suite's range (8790-8799), and small readers for what it returns.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { EmbedderRef } from "./contract";
import { reconstruct, type Catalog } from "./catalog/load";
import { parseOrigins } from "./http";
import { startServer, type NodeServerOptions, type RunningServer } from "./node";
import type { HandlerOptions } from "./handler";

export const CATALOG_DIR = resolve(process.env.CURATOR_CATALOG_DIR ?? "api/catalog");
export const DATASET_DIR = process.env.FASHION_MNIST_DIR ?? "/usr/share/datasets/fashion-mnist";
export const catalogPresent = existsSync(join(CATALOG_DIR, "catalog.json"));
export const datasetPresent = existsSync(join(DATASET_DIR, "train-images-idx3-ubyte.gz"));
if (!catalogPresent) console.warn(`api tests: no catalog in ${CATALOG_DIR} (node api/catalog/build.mjs) — catalog tests skipped`);

export function manifestEmbedder(): EmbedderRef {
  const m = JSON.parse(readFileSync(join(CATALOG_DIR, "catalog.json"), "utf8")) as { embedder: EmbedderRef };
  return { name: m.embedder.name, version: m.embedder.version };
}

export function options(over: Partial<HandlerOptions> = {}): HandlerOptions {
  return { catalogDir: CATALOG_DIR, datasetDir: DATASET_DIR, index: "exact", origins: parseOrigins(undefined), logError: () => undefined, ...over };
}

/** A real Node server on 127.0.0.1:port (0: any free port) whose catalog has finished loading, searching on worker threads as deployed. */
export async function readyServer(port: number, over: Partial<NodeServerOptions> = {}): Promise<RunningServer> {
  const running = await startServer({ ...options(), searchWorker: await testSearchWorker(), ...over }, "127.0.0.1", port);
  await running.api.service.ready;
  return running;
}

/**
 * The stored vector of catalog product i, as numbers (a query that should find i).
 * Pass the Catalog: a bare Int8Array (the older signature, still used by
 * src/shop/client.api.test.ts) is right for format-1 catalogs only.
 */
export function catalogVector(catalog: Catalog | Int8Array, i: number): number[] {
  if (catalog instanceof Int8Array) return Array.from(catalog.subarray(i * 128, (i + 1) * 128));
  return Array.from(reconstruct(catalog, i));
}

/** A JSON POST for Api.handle (in-process, no server). */
export function jsonRequest(path: string, body: unknown): Request {
  return new Request(`http://x${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses Prometheus text exposition; throws on any line that is not HELP/TYPE/sample. */
export function parseMetrics(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (meta) {
      if (meta[1] === "TYPE") types.set(meta[2]!, meta[3]!);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not exposition format: ${line}`);
    const labels: Record<string, string> = {};
    for (const lm of (m[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[lm[1]!] = lm[2]!.replace(/\\n/g, "\n").replace(/\\(.)/g, "$1");
    const value = m[3] === "+Inf" ? Infinity : Number(m[3]);
    if (Number.isNaN(value) && m[3] !== "NaN") throw new Error(`bad value: ${line}`);
    samples.push({ name: m[1]!, labels, value });
  }
  return { samples, types };
}

export function sampleValue(samples: Sample[], name: string, labels: Record<string, string>): number {
  const s = samples.find((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v));
  return s?.value ?? 0;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One request through node:http (not fetch): it can come from another loopback address
 * (`localAddress: "127.0.0.2"`, another client to a per-address rate limit) and always
 * opens its own connection. JSON content type for POST unless told otherwise.
 */
export function request(url: string, init: { method?: string; body?: string; headers?: Record<string, string>; localAddress?: string } = {}): Promise<Answer> {
  const method = init.method ?? "GET";
  const headers = { ...(method === "POST" ? { "content-type": "application/json" } : {}), connection: "close", ...init.headers };
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent: false, ...(init.localAddress ? { localAddress: init.localAddress } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

let builtWorker: Promise<URL> | undefined;

/**
 * The search worker for servers started from the TypeScript sources: vitest transforms
 * TS only inside its own module runner, and a worker thread is plain Node, so the entry
 * (api/search/worker.ts) is bundled once per test process by Vite, exactly as
 * `npm run api:build` bundles it into dist-api/search-worker.mjs.
 */
export function testSearchWorker(): Promise<URL> {
  builtWorker ??= (async () => {
    const { build } = await import("vite");
    const outDir = mkdtempSync(join(tmpdir(), "curator-search-worker-"));
    process.once("exit", () => rmSync(outDir, { recursive: true, force: true }));
    await build({
      configFile: false,
      root: resolve("."),
      publicDir: false,
      logLevel: "warn",
      build: {
        ssr: resolve("api/search/worker.ts"),
        outDir,
        emptyOutDir: false,
        minify: false,
        target: "node20",
        rollupOptions: { output: { format: "es", entryFileNames: "search-worker.mjs" } },
      },
      ssr: { noExternal: true, target: "node" },
    });
    return pathToFileURL(join(outDir, "search-worker.mjs"));
  })();
  return builtWorker;
}
