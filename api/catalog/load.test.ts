// The loader refuses a catalog it cannot trust (copies in a temp dir, then damaged).
import { copyFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CATALOG_DIR, catalogPresent } from "../testkit";
import { CatalogError, loadCatalog } from "./load";

describe.skipIf(!catalogPresent)("catalog loader", () => {
  const manifest = catalogPresent
    ? (JSON.parse(readFileSync(join(CATALOG_DIR, "catalog.json"), "utf8")) as { file: string; count: number })
    : { file: "", count: 0 };
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  function copy(): string {
    const dir = mkdtempSync(join(tmpdir(), "curator-catalog-"));
    dirs.push(dir);
    copyFileSync(join(CATALOG_DIR, "catalog.json"), join(dir, "catalog.json"));
    copyFileSync(join(CATALOG_DIR, manifest.file), join(dir, manifest.file));
    return dir;
  }

  async function refusal(dir: string): Promise<CatalogError> {
    const e = await loadCatalog(dir).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(CatalogError);
    return e as CatalogError;
  }

  it("loads an intact copy: count x 128 vectors and count labels", async () => {
    const c = await loadCatalog(copy());
    expect(c.vectors.length).toBe(manifest.count * 128);
    expect(c.labels.length).toBe(manifest.count);
    expect(Math.max(...c.labels)).toBeLessThan(10);
  });

  it("refuses a file with one flipped byte (sha256)", async () => {
    const dir = copy();
    const path = join(dir, manifest.file);
    const bytes = readFileSync(path);
    bytes[1000] = bytes[1000]! ^ 0x01;
    writeFileSync(path, bytes);
    const e = await refusal(dir);
    expect(e.kind).toBe("checksum_mismatch");
    expect(e.message).toContain("sha256");
  });

  it("refuses a truncated file, a missing file and a broken manifest", async () => {
    const short = copy();
    truncateSync(join(short, manifest.file), manifest.count * 128);
    expect((await refusal(short)).kind).toBe("size_mismatch");

    const missing = copy();
    rmSync(join(missing, manifest.file));
    expect((await refusal(missing)).kind).toBe("missing");

    const badJson = copy();
    writeFileSync(join(badJson, "catalog.json"), "{ not json");
    expect((await refusal(badJson)).kind).toBe("bad_manifest");

    const wrongDim = copy();
    const m = JSON.parse(readFileSync(join(wrongDim, "catalog.json"), "utf8")) as Record<string, unknown>;
    writeFileSync(join(wrongDim, "catalog.json"), JSON.stringify({ ...m, dim: 64 }));
    const e = await refusal(wrongDim);
    expect(e.kind).toBe("bad_manifest");
    expect(e.message).toContain("dim");

    const escape = copy();
    writeFileSync(join(escape, "catalog.json"), JSON.stringify({ ...m, file: "../../etc/passwd.i8" }));
    expect((await refusal(escape)).kind).toBe("bad_manifest");
  });
});
