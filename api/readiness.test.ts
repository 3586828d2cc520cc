// Readiness follows the catalog: 503 while it loads (held back here by a named pipe
// that the test writes the manifest into), 200 once loaded; a missing catalog stays
// 503 with its reason, and a missing dataset only takes the pictures away.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFile } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ApiErrorBody, ReadyResponse } from "./contract";
import { loadCatalog } from "./catalog/load";
import type { RunningServer } from "./node";
import { CATALOG_DIR, catalogPresent, catalogVector, manifestEmbedder, options, postJson, readyServer, testSearchWorker } from "./testkit";
import { startServer } from "./node";

// One port per test: a client's pooled keep-alive socket to the previous server on the
// same port could otherwise be reused just as that server closes it.
describe.skipIf(!catalogPresent)("readiness", () => {
  let server: RunningServer | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await server?.close();
    server = undefined;
    dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it("is 503 (and search is 503 not_ready) until the catalog has loaded, then 200", async () => {
    const dir = mkdtempSync(join(tmpdir(), "curator-api-ready-"));
    dirs.push(dir);
    const manifest = JSON.parse(readFileSync(join(CATALOG_DIR, "catalog.json"), "utf8")) as { file: string };
    copyFileSync(join(CATALOG_DIR, manifest.file), join(dir, manifest.file));
    // The loader blocks reading this pipe until the test writes the manifest into it.
    execFileSync("mkfifo", [join(dir, "catalog.json")]);
    server = await startServer({ ...options({ catalogDir: dir }), searchWorker: await testSearchWorker() }, "127.0.0.1", 8792);
    expect(server.api.service.state.status).toBe("loading");

    const before = await fetch(`${server.url}/readyz`);
    expect(before.status).toBe(503);
    expect(before.headers.get("retry-after")).toBe("5");
    expect(((await before.json()) as ApiErrorBody).error.code).toBe("not_ready");
    const early = await postJson(`${server.url}/v1/search`, { embedding: Array(128).fill(1), embedder: manifestEmbedder() });
    expect(early.status).toBe(503);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200); // alive while not ready

    writeFile(join(dir, "catalog.json"), readFileSync(join(CATALOG_DIR, "catalog.json")), () => undefined);
    await server.api.service.ready;
    const after = await fetch(`${server.url}/readyz`);
    expect(after.status).toBe(200);
    expect(((await after.json()) as ReadyResponse).status).toBe("ready");
  });

  it("stays 503 with the reason (in words, without the server's paths; those go to its log) when the catalog cannot be loaded", async () => {
    const logged: string[] = [];
    server = await readyServer(8794, { catalogDir: "/nonexistent/curator-catalog", logError: (line) => logged.push(line) });
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(503);
    const err = ((await res.json()) as ApiErrorBody).error;
    expect(err.code).toBe("not_ready");
    expect(err.message).toMatch(/catalog failed to load: the catalog files \(catalog\.json .*\) were not found/);
    expect(err.message).not.toContain("/nonexistent");
    expect(logged.join("\n")).toContain("/nonexistent/curator-catalog/catalog.json");
  });

  it("without the dataset: search works, /readyz says images are unavailable, image requests are 404 with why", async () => {
    server = await readyServer(8795, { datasetDir: "/nonexistent/fashion-mnist" });
    const ready = (await (await fetch(`${server.url}/readyz`)).json()) as ReadyResponse;
    expect(ready.images?.status).toBe("unavailable");
    expect(ready.images?.reason).toContain("FASHION_MNIST_DIR");
    const catalog = await loadCatalog(CATALOG_DIR);
    const hits = await postJson(`${server.url}/v1/search`, { embedding: catalogVector(catalog, 3), embedder: manifestEmbedder(), k: 1 });
    expect(hits.status).toBe(200);
    const img = await fetch(`${server.url}/v1/products/fm-train-000003/image.png`);
    expect(img.status).toBe(404);
    expect(((await img.json()) as ApiErrorBody).error.message).toMatch(/images are unavailable.*not found/);
  });

  it("refuses pictures from a dataset that is not the one the catalog was built from", async () => {
    const dir = mkdtempSync(join(tmpdir(), "curator-api-ds-"));
    dirs.push(dir);
    // The test split's files under the train split's names: valid IDX, wrong sha256.
    copyFileSync("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz", join(dir, "train-images-idx3-ubyte.gz"));
    copyFileSync("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz", join(dir, "train-labels-idx1-ubyte.gz"));
    server = await readyServer(8796, { datasetDir: dir });
    const ready = (await (await fetch(`${server.url}/readyz`)).json()) as ReadyResponse;
    expect(ready.images).toMatchObject({ status: "unavailable" });
    expect(ready.images?.reason).toContain("sha256");
    expect((await fetch(`${server.url}/v1/products/fm-train-000003/image.png`)).status).toBe(404);
  });
});
