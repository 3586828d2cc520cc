// The catalog build is deterministic: a fresh 256-product build (same model, same data)
// must give the first 256 products of the catalog in CURATOR_CATALOG_DIR (default: the
// committed api/catalog). Format 1 stores each vector alone: byte-identical. Format 2
// stores residuals from class means taken over the whole build, so a 256-product build
// has other means and other bytes: there the reconstructed vectors must agree to within
// the int8 residual rounding (cosine >= 0.9999), and the labels exactly.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCatalog, reconstruct } from "./catalog/load";
import { CATALOG_DIR, catalogPresent, datasetPresent } from "./testkit";

const N = 256;
if (catalogPresent && !datasetPresent) console.warn("catalog determinism test skipped: the Fashion-MNIST dataset is missing (FASHION_MNIST_DIR)");

describe.skipIf(!catalogPresent || !datasetPresent)("catalog build determinism", () => {
  const out = mkdtempSync(join(tmpdir(), "curator-build-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it(`rebuilds the first ${N} products (byte for byte in format 1)`, async () => {
    const committed = await loadCatalog(CATALOG_DIR);
    execFileSync(process.execPath, ["api/catalog/build.mjs", "--split", committed.manifest.dataset.split, "--limit", String(N), "--out", out], {
      stdio: "pipe",
    });
    const fresh = await loadCatalog(out);
    expect(fresh.manifest.embedder).toEqual(committed.manifest.embedder);
    expect(fresh.manifest.dataset.sha256).toEqual(committed.manifest.dataset.sha256);
    expect(
      fresh.manifest.format,
      `build.mjs writes format ${fresh.manifest.format} but ${CATALOG_DIR} holds format ${committed.manifest.format}: rebuild the catalog`,
    ).toBe(committed.manifest.format);
    if (committed.manifest.format === 1) {
      expect(Buffer.from(fresh.vectors).equals(Buffer.from(committed.vectors.subarray(0, N * 128)))).toBe(true);
    } else {
      let worst = 1;
      for (let i = 0; i < N; i++) {
        const a = reconstruct(fresh, i);
        const b = reconstruct(committed, i);
        let ab = 0;
        let aa = 0;
        let bb = 0;
        for (let j = 0; j < 128; j++) {
          ab += a[j]! * b[j]!;
          aa += a[j]! ** 2;
          bb += b[j]! ** 2;
        }
        worst = Math.min(worst, ab / Math.sqrt(aa * bb));
      }
      expect(worst).toBeGreaterThanOrEqual(0.9999);
    }
    expect(Buffer.from(fresh.labels).equals(Buffer.from(committed.labels.subarray(0, N)))).toBe(true);
    const firstRow = readFileSync(join(out, fresh.manifest.file)).subarray(0, 128);
    expect(new Set(firstRow).size).toBeGreaterThan(20); // real vectors, not zeros
  }, 300_000);
});
