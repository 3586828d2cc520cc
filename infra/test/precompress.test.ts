// tools/precompress.mjs, the deploy's build step: which files CloudFront would send raw,
// their Brotli copies, and the check that stops a deployment with stale copies.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { brotliDecompressSync } from "node:zlib";
import { cloudFrontCompresses, contentTypeOf, precompress, readPrecompressed, StalePrecompressError } from "../../tools/precompress.mjs";

const ROOT = mkdtempSync(join(tmpdir(), "curator-precompress-"));
process.on("exit", () => rmSync(ROOT, { recursive: true, force: true }));
const store = join(ROOT, "store");
let n = 0;
function build(entries: Record<string, string | Buffer>): string {
  const dir = join(ROOT, `dist-${++n}`);
  for (const [key, data] of Object.entries(entries)) {
    mkdirSync(dirname(join(dir, key)), { recursive: true });
    writeFileSync(join(dir, key), data);
  }
  return dir;
}
const model = Buffer.from("conv weights 0123456789 ".repeat(800));
/** Like a PNG: already compressed, so Brotli gains nothing. */
const noise = Buffer.concat(Array.from({ length: 128 }, (_, i) => createHash("sha256").update(`png ${i}`).digest()));

describe("what CloudFront compresses itself", () => {
  it("1,000 to 10,000,000 bytes of a type on its list, no fewer, no more", () => {
    assert.equal(cloudFrontCompresses("assets/a.js", 999), false);
    assert.equal(cloudFrontCompresses("assets/a.js", 1000), true);
    assert.equal(cloudFrontCompresses("assets/a.wasm", 10_000_000), true);
    assert.equal(cloudFrontCompresses("assets/a.wasm", 10_000_001), false);
  });
  it("never an octet-stream model, whatever its size", () => {
    assert.equal(contentTypeOf("models/m.onnx"), "binary/octet-stream");
    assert.equal(cloudFrontCompresses("models/m.onnx", 50_000), false);
    assert.equal(cloudFrontCompresses("face-models/3.0.4/facemesh.bin", 50_000), false);
    assert.equal(contentTypeOf("assets/ort.wasm"), "application/wasm");
  });
});

describe("precompress", () => {
  it("writes a Brotli copy of each file CloudFront would send raw, at <content type>/<key>, and decides the rest", async () => {
    const dir = build({
      "index.html": "<!doctype html>",
      "models/m.onnx": model,
      "icons/i.png": noise,
      "assets/a.js": "x".repeat(5000),
    });
    const manifest = await precompress(dir, { store });
    const byKey = Object.fromEntries(manifest.files.map((f) => [f.key, f]));
    assert.deepEqual(Object.keys(byKey).sort(), ["icons/i.png", "models/m.onnx"], "the JavaScript is CloudFront's to compress; index.html is too small");
    assert.equal(manifest.quality, 11);
    const copy = readFileSync(join(`${dir}-br`, "binary-octet-stream", "models/m.onnx"));
    assert.equal(copy.byteLength, byKey["models/m.onnx"]!.brotliBytes);
    assert.ok(brotliDecompressSync(copy).equals(model));
    assert.equal(byKey["icons/i.png"]!.brotliBytes, null, "already-compressed bytes: sent as is");
    assert.deepEqual(readPrecompressed(dir), manifest);
  });

  it("the check names a file added, changed or removed since, and the command that fixes it", async () => {
    const dir = build({ "index.html": "<!doctype html>", "models/m.onnx": model, "models/old.onnx": model });
    await precompress(dir, { store });
    writeFileSync(join(dir, "models/new.onnx"), model);
    writeFileSync(join(dir, "models/m.onnx"), Buffer.concat([model, Buffer.from("!")]));
    rmSync(join(dir, "models/old.onnx"));
    assert.throws(
      () => readPrecompressed(dir),
      (e: unknown) =>
        e instanceof StalePrecompressError &&
        /models\/m\.onnx changed/.test(e.message) &&
        /models\/new\.onnx is new/.test(e.message) &&
        /models\/old\.onnx is no longer in the build/.test(e.message) &&
        /npm run precompress --prefix infra/.test(e.message),
    );
  });

  it("a copy deleted from the output is noticed", async () => {
    const dir = build({ "index.html": "<!doctype html>", "models/m.onnx": model });
    await precompress(dir, { store });
    rmSync(join(`${dir}-br`, "binary-octet-stream", "models/m.onnx"));
    assert.throws(() => readPrecompressed(dir), /models\/m\.onnx's copy is missing/);
  });
});
