// The endpoint stays up under abuse, through the real Node server on a random port:
// searches run off the event loop, a concurrency cap answers 503 + Retry-After, a
// per-client token bucket answers 429, oversized and slow bodies (and slow headers) are
// cut off, connections are capped, and no answer reveals a server file path.
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_BATCH, type ApiErrorBody } from "./contract";
import { startServer, type NodeServerOptions, type RunningServer } from "./node";
import type { SearchPool } from "./search/pool";
import { catalogPresent, manifestEmbedder, options, request, testSearchWorker } from "./testkit";

const embedder = catalogPresent ? manifestEmbedder() : { name: "", version: 0 };
/** A unit-ish query that is not any product (an unfiltered exact scan of the whole catalog). */
const query = (seed: number) => ({ embedding: Array.from({ length: 128 }, (_, i) => Math.sin(seed * 7.1 + i * 0.37)), embedder });
const batch = (n: number, seed = 0) => JSON.stringify({ queries: Array.from({ length: n }, (_, i) => query(seed * 100 + i)) });
const errorOf = (text: string) => (JSON.parse(text) as ApiErrorBody).error;

describe.skipIf(!catalogPresent)("the endpoint under abuse (real Node server)", () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(over: Partial<NodeServerOptions>): Promise<RunningServer> {
    server = await startServer(options({ searchWorker: await testSearchWorker(), ...over }), "127.0.0.1", 0);
    await server.api.service.ready;
    return server;
  }

  it("answers /healthz, /readyz and /metrics while batches of searches are running", async () => {
    const s = await start({ searchThreads: 1, limits: { ratePerSecond: 0, maxPendingQueries: 10_000 } });
    const done: string[] = [];
    const track = (name: string, p: Promise<{ status: number }>) => p.then((r) => (done.push(name), r));
    // Four full batches: over a second of search work for one search thread.
    const batches = [0, 1, 2, 3].map((b) => track(`batch${b}`, request(`${s.url}/v1/search/batch`, { method: "POST", body: batch(MAX_BATCH, b) })));
    await new Promise((r) => setTimeout(r, 30));
    const probes = ["/healthz", "/readyz", "/metrics"].map((p) => track(p, request(`${s.url}${p}`)));
    const statuses = await Promise.all([...probes, ...batches]);
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    // An ordering, not a timing: every probe is answered before the first batch is.
    const firstBatch = done.findIndex((n) => n.startsWith("batch"));
    expect(done.slice(0, firstBatch).sort(), done.join(" ")).toEqual(["/healthz", "/metrics", "/readyz"]);
  });

  it("caps the queries in flight: past the cap a search gets 503 overloaded with Retry-After, then recovers", async () => {
    const s = await start({ searchThreads: 1, limits: { ratePerSecond: 0, maxPendingQueries: MAX_BATCH } });
    const answers = await Promise.all([0, 1, 2, 3, 4, 5].map((b) => request(`${s.url}/v1/search/batch`, { method: "POST", body: batch(MAX_BATCH, b) })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((x) => x === 200).length, statuses.join(",")).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((x) => x === 503).length, statuses.join(",")).toBeGreaterThanOrEqual(1);
    expect(statuses.every((x) => x === 200 || x === 503)).toBe(true);
    for (const a of answers.filter((x) => x.status === 503)) {
      expect(Number(a.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      expect(a.headers["content-type"]).toMatch(/^application\/json/);
      expect(a.headers["cache-control"]).toBe("no-store");
      expect(errorOf(a.body).code).toBe("overloaded");
    }
    // Nothing stays counted once the answers are out.
    expect((await request(`${s.url}/v1/search/batch`, { method: "POST", body: batch(MAX_BATCH, 9) })).status).toBe(200);
  });

  it("rate-limits each client address: 429 rate_limited with Retry-After, another address unaffected, probes never limited", async () => {
    // A bucket of 40 queries refilled at one per 100 s: nothing refills during the test.
    const s = await start({ limits: { ratePerSecond: 0.01, rateBurst: 40 } });
    const post = (body: string, path = "/v1/search", localAddress?: string) =>
      request(`${s.url}${path}`, { method: "POST", body, ...(localAddress ? { localAddress } : {}) });
    expect((await post(batch(MAX_BATCH), "/v1/search/batch")).status).toBe(200); // 32 of the 40
    for (let i = 0; i < 8; i++) expect((await post(JSON.stringify(query(i)))).status, `single ${i}`).toBe(200);
    const limited = await post(JSON.stringify(query(99)));
    expect(limited.status).toBe(429);
    expect(errorOf(limited.body).code).toBe("rate_limited");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    const bigBatch = await post(batch(2), "/v1/search/batch");
    expect(bigBatch.status).toBe(429);
    // 127.0.0.2 is another client of the same loopback interface: its own bucket.
    expect((await post(JSON.stringify(query(1)), "/v1/search", "127.0.0.2")).status).toBe(200);
    for (const p of ["/healthz", "/readyz", "/metrics"]) expect((await request(`${s.url}${p}`)).status, p).toBe(200);
  });

  it("holds a refused search for the refusal delay, so a client retrying in a loop cannot flood the event loop", async () => {
    const s = await start({ limits: { ratePerSecond: 0.01, rateBurst: 1 }, http: { refusalDelayMs: 400 } });
    const post = () => request(`${s.url}/v1/search`, { method: "POST", body: JSON.stringify(query(1)) });
    expect((await post()).status).toBe(200);
    const started = performance.now();
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(performance.now() - started).toBeGreaterThanOrEqual(350); // a lower bound: held, not merely slow
    // Probes are never held.
    expect((await request(`${s.url}/readyz`)).status).toBe(200);
  });

  it("drops the queued queries of a client that leaves before its answer", async () => {
    const s = await start({ searchThreads: 1, limits: { ratePerSecond: 0, maxPendingQueries: 10_000 } });
    const state = s.api.service.state;
    if (state.status !== "ready") throw new Error("the catalog did not load");
    const pool = state.searcher as SearchPool;
    const kept = request(`${s.url}/v1/search/batch`, { method: "POST", body: batch(MAX_BATCH, 1) });
    // Two more full batches whose clients hang up as soon as the server has admitted them.
    const { port } = new URL(s.url);
    for (const seed of [2, 3]) {
      const body = batch(MAX_BATCH, seed);
      const admitted = s.api.admission.admitted;
      const socket = await connected(Number(port));
      socket.write(`POST /v1/search/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      while (s.api.admission.admitted < admitted + MAX_BATCH) await new Promise((r) => setTimeout(r, 5));
      socket.destroy();
    }
    expect((await kept).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(s.api.admission.pending).toBe(0);
    // The kept batch, plus at most the query the worker was on when each client left.
    expect(pool.searched).toBeLessThanOrEqual(MAX_BATCH + 2);
  });

  it("refuses bodies over the tight limits (413), and accepts the largest real batch", async () => {
    const s = await start({ limits: { ratePerSecond: 0 } });
    // 32 queries of 128 numbers, each written with 17 significant digits and an exponent:
    // as long as JSON.stringify makes a float32 embedding.
    const longest = JSON.stringify({
      queries: Array.from({ length: MAX_BATCH }, (_, q) => ({
        embedding: Array.from({ length: 128 }, (_, i) => -(1.2345678901234567 + q + i) * 1e-7),
        embedder,
        k: 50,
        category: "outerwear",
        gender: "women",
      })),
    });
    expect(longest.length).toBeGreaterThan(90_000);
    expect((await request(`${s.url}/v1/search/batch`, { method: "POST", body: longest })).status).toBe(200);
    // The same batch padded with whitespace (valid JSON) to 200 kB: refused, not parsed.
    const padded = longest.replace(/^\{/, "{" + " ".repeat(200_000 - longest.length));
    const tooBig = await request(`${s.url}/v1/search/batch`, { method: "POST", body: padded });
    expect(tooBig.status).toBe(413);
    expect(errorOf(tooBig.body).code).toBe("payload_too_large");
    // A single search padded to 16 kB.
    const single = JSON.stringify(query(1));
    const big = await request(`${s.url}/v1/search`, { method: "POST", body: single.replace(/^\{/, "{" + " ".repeat(16_384 - single.length)) });
    expect(big.status).toBe(413);
  });

  it("cuts off a body sent at a few bytes per second with 408 request_timeout", async () => {
    const s = await start({ http: { requestTimeoutMs: 1500, headersTimeoutMs: 1000 } });
    const r = await trickle(s.url, "POST /v1/search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3000\r\n\r\n", "{", 10_000);
    expect(r.closedBy, r.text).toBe("server");
    expect(r.ms).toBeLessThan(8_000); // the client would have needed ten minutes
    expect(r.text).toMatch(/^HTTP\/1\.1 408 /);
    expect(errorOf(r.text.slice(r.text.indexOf("\r\n\r\n") + 4)).code).toBe("request_timeout");
  }, 20_000);

  it("cuts off headers sent at a few bytes per second with 408", async () => {
    const s = await start({ http: { requestTimeoutMs: 1500, headersTimeoutMs: 1000 } });
    const r = await trickle(s.url, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ", "a", 10_000);
    expect(r.closedBy, r.text).toBe("server");
    expect(r.ms).toBeLessThan(8_000);
    expect(r.text).toMatch(/^HTTP\/1\.1 408 /);
  }, 20_000);

  it("caps open connections (maxConnections): the next one is closed at once, the open ones keep working", async () => {
    const s = await start({ http: { maxConnections: 3 } });
    const { port } = new URL(s.url);
    const open: Socket[] = [];
    try {
      for (let i = 0; i < 3; i++) open.push(await connected(Number(port)));
      const extra = await connected(Number(port));
      const closed = await new Promise<boolean>((resolve) => {
        extra.once("close", () => resolve(true));
        setTimeout(() => resolve(false), 3_000);
      });
      expect(closed).toBe(true);
      open[0]!.write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      const text = await new Promise<string>((resolve) => {
        let t = "";
        open[0]!.on("data", (c: Buffer) => (t += c.toString()));
        open[0]!.once("close", () => resolve(t));
      });
      expect(text).toMatch(/^HTTP\/1\.1 200 /);
    } finally {
      open.forEach((c) => c.destroy());
    }
  });

  it("/readyz, search and the image route name no server path when the catalog or the dataset is missing", async () => {
    const s = await start({ catalogDir: "/nonexistent/curator-secret-catalog" });
    const ready = await request(`${s.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(errorOf(ready.body).message).toMatch(/catalog\.json/);
    expect(ready.body).not.toMatch(/nonexistent|curator-secret/);
    await s.close();

    const t = await start({ datasetDir: "/nonexistent/curator-secret-dataset" });
    const ready2 = await request(`${t.url}/readyz`);
    expect(ready2.status).toBe(200);
    const image = await request(`${t.url}/v1/products/fm-train-000003/image.png`);
    expect(image.status).toBe(404);
    for (const text of [ready2.body, image.body]) expect(text).not.toMatch(/nonexistent|curator-secret|\/usr\/|\/work\//);
    expect(errorOf(image.body).message).toMatch(/images are unavailable/);
  });
});

/** Sends `head`, then one `unit` every 200 ms until the server closes (or `giveUpMs`). */
function trickle(url: string, head: string, unit: string, giveUpMs: number): Promise<{ closedBy: "server" | "client"; ms: number; text: string }> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const started = performance.now();
    let text = "";
    let closedBy: "server" | "client" = "server";
    const socket = connect(Number(port), "127.0.0.1", () => socket.write(head));
    const drip = setInterval(() => socket.writable && socket.write(unit), 200);
    const giveUp = setTimeout(() => {
      closedBy = "client";
      socket.destroy();
    }, giveUpMs);
    socket.on("data", (c: Buffer) => (text += c.toString()));
    socket.on("error", () => undefined);
    socket.once("close", () => {
      clearInterval(drip);
      clearTimeout(giveUp);
      resolve({ closedBy, ms: performance.now() - started, text });
    });
  });
}

function connected(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, "127.0.0.1", () => resolve(s));
    s.on("error", reject);
  });
}
