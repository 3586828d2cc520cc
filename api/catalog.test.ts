// The catalog build is deterministic: a fresh 256-product build (same model, same data)
// must give byte-identical vectors and labels to the first 256 products of the catalog
// in CURATOR_CATALOG_DIR (default: the committed api/catalog).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCatalog } from "./catalog/load";
import { CATALOG_DIR, catalogPresent, datasetPresent } from "./testkit";

const N = 256;
if (catalogPresent && !datasetPresent) console.warn("catalog determinism test skipped: the Fashion-MNIST dataset is missing (FASHION_MNIST_DIR)");

describe.skipIf(!catalogPresent || !datasetPresent)("catalog build determinism", () => {
  const out = mkdtempSync(join(tmpdir(), "curator-build-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it(`rebuilds the first ${N} products byte for byte`, async () => {
    const committed = await loadCatalog(CATALOG_DIR);
    execFileSync(process.execPath, ["api/catalog/build.mjs", "--split", committed.manifest.dataset.split, "--limit", String(N), "--out", out], { stdio: "pipe" });
    const fresh = await loadCatalog(out);
    expect(fresh.manifest.embedder).toEqual(committed.manifest.embedder);
    expect(fresh.manifest.dataset.sha256).toEqual(committed.manifest.dataset.sha256);
    expect(Buffer.from(fresh.vectors).equals(Buffer.from(committed.vectors.subarray(0, N * 128)))).toBe(true);
    expect(Buffer.from(fresh.labels).equals(Buffer.from(committed.labels.subarray(0, N)))).toBe(true);
    const firstRow = readFileSync(join(out, fresh.manifest.file)).subarray(0, 128);
    expect(new Set(firstRow).size).toBeGreaterThan(20); // real vectors, not zeros
  }, 300_000);
});
