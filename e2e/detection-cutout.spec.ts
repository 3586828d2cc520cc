// The image worker's cut-out (workers/image/cutout.ts) in real Chromium: real
// createImageBitmap decoding with EXIF orientation, OffscreenCanvas compositing with a
// detector-shaped mask, WebP-with-alpha encoding. The module is built by Vite with the
// app's aliases and run in a plain page (the same code the image worker runs), so this
// needs no registered detector. The photo is a 1200 × 800 JPEG with a red disc on white.
import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test } from "@playwright/test";
import { build } from "vite";
import { layerAliases } from "../tools/aliases";

const root = resolve(import.meta.dirname, "..");
let server: Server;
let url = "";
let out = "";

test.beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "curator-cutout-"));
  await build({
    configFile: false,
    root,
    logLevel: "warn",
    resolve: { alias: layerAliases() },
    build: { outDir: out, emptyOutDir: true, minify: false, lib: { entry: join(root, "workers/image/cutout.ts"), formats: ["es"], fileName: "cutout" } },
  });
  server = createServer((req, res) => {
    if (req.url === "/cutout.js") {
      res.setHeader("Content-Type", "text/javascript");
      return res.end(readFileSync(join(out, "cutout.js")));
    }
    res.setHeader("Content-Type", "text/html");
    res.end("<!doctype html><title>cut-out</title>");
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
});

test.afterAll(() => {
  server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

test("a detected piece becomes a transparent cut-out with a thumbnail, and bad input is refused clearly", async ({ page }) => {
  await page.goto(url);
  const result = await page.evaluate(async (src) => {
    const { cutOut } = (await import(src)) as typeof import("../workers/image/cutout");
    // A 1200 × 800 photo: white, a red disc of radius 150 centred at (400, 300).
    const photoCanvas = new OffscreenCanvas(1200, 800);
    const pc = photoCanvas.getContext("2d")!;
    pc.fillStyle = "#fff";
    pc.fillRect(0, 0, 1200, 800);
    pc.fillStyle = "#e00";
    pc.beginPath();
    pc.arc(400, 300, 150, 0, Math.PI * 2);
    pc.fill();
    const photo = await photoCanvas.convertToBlob({ type: "image/jpeg", quality: 0.95 });
    // The detector's piece: its box around the disc, a mask of the disc at half resolution (150 × 150).
    const box = { x: 250, y: 150, width: 300, height: 300 };
    const alpha = new Uint8Array(150 * 150);
    for (let v = 0; v < 150; v++) for (let u = 0; u < 150; u++) alpha[v * 150 + u] = (u + 0.5 - 75) ** 2 + (v + 0.5 - 75) ** 2 <= 75 ** 2 ? 255 : 0;
    const piece = { box, score: 0.9, mask: { width: 150, height: 150, alpha } };
    const cut = await cutOut(photo, piece);
    const read = async (blob: Blob) => {
      const bmp = await createImageBitmap(blob);
      const c = new OffscreenCanvas(bmp.width, bmp.height).getContext("2d")!;
      c.drawImage(bmp, 0, 0);
      const at = (x: number, y: number) => Array.from(c.getImageData(x, y, 1, 1).data);
      return { width: bmp.width, height: bmp.height, at };
    };
    const img = await read(cut.image);
    const thumb = await read(cut.thumbnail);
    const plain = await cutOut(photo, { box: { x: 1000, y: 600, width: 150, height: 100 }, score: 0.5, mask: null });
    const plainImg = await read(plain.image);
    let refusal = "";
    try {
      await cutOut(photo, { box: { x: 10, y: 10, width: 0, height: 40 }, score: 0.5, mask: null });
    } catch (e) {
      refusal = e instanceof Error ? e.message : String(e);
    }
    let damaged = "";
    try {
      await cutOut(new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0, 17, 8, 3, 32, 4, 176, 3, 1, 34, 0])], { type: "image/jpeg" }), piece);
    } catch (e) {
      damaged = e instanceof Error ? e.message : String(e);
    }
    return {
      type: cut.image.type,
      same: cut.image === cut.original,
      size: [cut.width, cut.height],
      decoded: [img.width, img.height],
      corner: img.at(5, 5),
      centre: img.at(150, 150),
      edgeOutside: img.at(20, 40), // outside the disc, white in the photo
      thumb: [thumb.width, thumb.height],
      thumbCentre: thumb.at(thumb.width >> 1, thumb.height >> 1),
      sha: cut.sha256,
      plainAlpha: plainImg.at(75, 50)[3],
      plainSize: [plain.width, plain.height],
      refusal,
      damaged,
    };
  }, `${url}cutout.js`);
  expect(["image/webp", "image/png"]).toContain(result.type);
  expect(result.same).toBe(true);
  expect(result.size).toEqual([300, 300]);
  expect(result.decoded).toEqual([300, 300]);
  // Outside the mask (the box's corner, just above the disc): transparent. Inside: the red garment, opaque.
  expect(result.corner[3]).toBe(0);
  expect(result.edgeOutside[3]).toBeLessThan(40);
  expect(result.centre[3]).toBe(255);
  expect(result.centre[0]).toBeGreaterThan(200);
  expect(result.centre[1]).toBeLessThan(40);
  expect(result.thumb).toEqual([300, 300]); // under the 384-px thumbnail side: not enlarged
  expect(result.thumbCentre[3]).toBe(255);
  expect(result.sha).toMatch(/^[0-9a-f]{64}$/);
  // A piece without a mask (a box the user drew) is the opaque rectangle.
  expect(result.plainSize).toEqual([150, 100]);
  expect(result.plainAlpha).toBe(255);
  expect(result.refusal).toMatch(/box is empty/);
  expect(result.damaged).toMatch(/incomplete|could not be decoded/);
});

test("several pieces of a photo: one decode for all, each piece's cut-out and analysis bitmap in order, a bad piece among good ones fails alone, the cut-out's side is capped", async ({
  page,
}) => {
  await page.goto(url);
  const result = await page.evaluate(async (src) => {
    const { cutOutPieces, MAX_CUTOUT_SIDE } = (await import(src)) as typeof import("../workers/image/cutout");
    // A 3000 × 2000 photo: white; a red disc (r 700) on the left, a blue square on the right.
    const photoCanvas = new OffscreenCanvas(3000, 2000);
    const pc = photoCanvas.getContext("2d")!;
    pc.fillStyle = "#fff";
    pc.fillRect(0, 0, 3000, 2000);
    pc.fillStyle = "#e00";
    pc.beginPath();
    pc.arc(800, 1000, 700, 0, Math.PI * 2);
    pc.fill();
    pc.fillStyle = "#00e";
    pc.fillRect(2000, 500, 800, 600);
    const photo = await photoCanvas.convertToBlob({ type: "image/jpeg", quality: 0.95 });
    const alpha = new Uint8Array(100 * 100);
    for (let v = 0; v < 100; v++) for (let u = 0; u < 100; u++) alpha[v * 100 + u] = (u + 0.5 - 50) ** 2 + (v + 0.5 - 50) ** 2 <= 50 ** 2 ? 255 : 0;
    const pieces = [
      { box: { x: 100, y: 300, width: 1400, height: 1400 }, score: 0.9, mask: { width: 100, height: 100, alpha } },
      { box: { x: 10, y: 10, width: 0, height: 40 }, score: 0.5, mask: null },
      { box: { x: 2000, y: 500, width: 800, height: 600 }, score: 0.8, mask: null },
    ];
    // Count the decodes of the photo (createImageBitmap of a Blob) while the pieces are cut out.
    let decodes = 0;
    const real = globalThis.createImageBitmap;
    globalThis.createImageBitmap = ((source: ImageBitmapSource, ...rest: unknown[]) => {
      if (source instanceof Blob) decodes++;
      return (real as (...a: unknown[]) => Promise<ImageBitmap>)(source, ...rest);
    }) as typeof createImageBitmap;
    const handed: { k: number; ok: boolean; message?: string; size?: number[]; analysis?: number[]; centre?: number[]; corner?: number; type?: string }[] = [];
    try {
      await cutOutPieces(photo, pieces, undefined, { analysisSide: 256 }, (k, r) => {
        if (!r.ok) return handed.push({ k, ok: false, message: r.message });
        const a = r.cut.analysis!;
        const c = new OffscreenCanvas(a.width, a.height).getContext("2d")!;
        c.drawImage(a, 0, 0);
        handed.push({
          k,
          ok: true,
          type: r.cut.image.type,
          size: [r.cut.width, r.cut.height],
          analysis: [a.width, a.height],
          centre: Array.from(c.getImageData(a.width >> 1, a.height >> 1, 1, 1).data),
          corner: c.getImageData(1, 1, 1, 1).data[3],
        });
        a.close();
      });
    } finally {
      globalThis.createImageBitmap = real;
    }
    let unreadable = "";
    try {
      await cutOutPieces(
        new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0, 17, 8, 3, 32, 4, 176, 3, 1, 34, 0])], { type: "image/jpeg" }),
        pieces,
        undefined,
        {},
        () => {},
      );
    } catch (e) {
      unreadable = e instanceof Error ? e.message : String(e);
    }
    return { decodes, handed, unreadable, cap: MAX_CUTOUT_SIDE };
  }, `${url}cutout.js`);
  expect(result.decodes).toBe(1);
  expect(result.handed.map((h) => [h.k, h.ok])).toEqual([
    [0, true],
    [1, false],
    [2, true],
  ]);
  const [disc, empty, square] = result.handed;
  // The disc's 1400-px box is stored at the cap; its analysis bitmap is made from the masked pixels (transparent corner, red centre).
  expect(disc!.size).toEqual([result.cap, result.cap]);
  expect(disc!.analysis).toEqual([256, 256]);
  expect(disc!.corner).toBe(0);
  expect(disc!.centre![3]).toBe(255);
  expect(disc!.centre![0]).toBeGreaterThan(200);
  expect(empty!.message).toMatch(/box is empty/);
  // The square (no mask) under the cap: kept at its size, opaque blue.
  expect(square!.size).toEqual([800, 600]);
  expect(square!.analysis).toEqual([256, 192]);
  expect(square!.centre![2]).toBeGreaterThan(200);
  expect(square!.corner).toBe(255);
  expect(result.unreadable).toMatch(/incomplete|could not be decoded/);
});

test("the encoder helper thread failing to start: every piece is still cut out, here, and comes out the same", async ({ page }) => {
  await page.goto(url);
  const result = await page.evaluate(async (src) => {
    // A real worker whose script throws as it loads: the helper's "error" event fires.
    let started = 0;
    const Real = globalThis.Worker;
    globalThis.Worker = class extends Real {
      constructor(_url: string | URL, options?: WorkerOptions) {
        started++;
        super(URL.createObjectURL(new Blob(["throw new Error('no helper here')"], { type: "text/javascript" })), options);
      }
    };
    const { cutOutPieces } = (await import(src)) as typeof import("../workers/image/cutout");
    const photoCanvas = new OffscreenCanvas(2400, 1600);
    const pc = photoCanvas.getContext("2d")!;
    pc.fillStyle = "#fff";
    pc.fillRect(0, 0, 2400, 1600);
    const colours = ["#e00", "#0a0", "#00e", "#ec0"];
    colours.forEach((c, k) => {
      pc.fillStyle = c;
      pc.fillRect(100 + k * 580, 400, 500, 700);
    });
    const photo = await photoCanvas.convertToBlob({ type: "image/jpeg", quality: 0.95 });
    const pieces = colours.map((_, k) => ({ box: { x: 100 + k * 580, y: 400, width: 500, height: 700 }, score: 0.9, mask: null }));
    const handed: { k: number; ok: boolean; type?: string; size?: number[]; centre?: number[] }[] = [];
    await cutOutPieces(photo, pieces, undefined, {}, async (k, r) => {
      // Stored by index: the callbacks are handed over in order but finish in any order.
      if (!r.ok) return (handed[k] = { k, ok: false });
      const bmp = await createImageBitmap(r.cut.image);
      const c = new OffscreenCanvas(bmp.width, bmp.height).getContext("2d")!;
      c.drawImage(bmp, 0, 0);
      handed[k] = { k, ok: true, type: r.cut.image.type, size: [bmp.width, bmp.height], centre: Array.from(c.getImageData(250, 350, 1, 1).data.slice(0, 3)) };
    });
    globalThis.Worker = Real;
    return { started, handed };
  }, `${url}cutout.js`);
  // The helper was tried once; all four pieces were handed over, in order, each its own colour.
  expect(result.started).toBe(1);
  expect(result.handed.map((h) => [h.k, h.ok, h.type, h.size])).toEqual([0, 1, 2, 3].map((k) => [k, true, "image/webp", [500, 700]]));
  const [red, green, blue, yellow] = result.handed.map((h) => h.centre!);
  expect(red![0]).toBeGreaterThan(200);
  expect(green![1]).toBeGreaterThan(120);
  expect(blue![2]).toBeGreaterThan(200);
  expect(yellow![0]).toBeGreaterThan(200);
  expect(yellow![1]).toBeGreaterThan(180);
});

test("large pieces: the photo is decoded at a reduced scale, and each cut-out still comes out at the cap, in the right place", async ({ page }) => {
  await page.goto(url);
  const result = await page.evaluate(async (src) => {
    const { cutOutPieces, MAX_CUTOUT_SIDE } = (await import(src)) as typeof import("../workers/image/cutout");
    // 4000 × 3000: a red square (1800 px) on the left with a white dot at its centre, a blue one on the right.
    const photoCanvas = new OffscreenCanvas(4000, 3000);
    const pc = photoCanvas.getContext("2d")!;
    pc.fillStyle = "#fff";
    pc.fillRect(0, 0, 4000, 3000);
    pc.fillStyle = "#e00";
    pc.fillRect(100, 600, 1800, 1800);
    pc.fillStyle = "#fff";
    pc.fillRect(950, 1450, 100, 100);
    pc.fillStyle = "#00e";
    pc.fillRect(2100, 600, 1800, 1800);
    const photo = await photoCanvas.convertToBlob({ type: "image/jpeg", quality: 0.95 });
    const pieces = [
      { box: { x: 100, y: 600, width: 1800, height: 1800 }, score: 0.9, mask: null },
      { box: { x: 2100, y: 600, width: 1800, height: 1800 }, score: 0.9, mask: null },
    ];
    // Spy on the decoders (the real ones run): WebCodecs' ImageDecoder asked for a size, createImageBitmap of the whole file.
    const asked: number[] = [];
    let whole = 0;
    const RealDecoder = globalThis.ImageDecoder;
    globalThis.ImageDecoder = class extends RealDecoder {
      constructor(init: ImageDecoderInit) {
        asked.push(init.desiredWidth ?? 0);
        super(init);
      }
    };
    const realBitmap = globalThis.createImageBitmap;
    globalThis.createImageBitmap = ((source: ImageBitmapSource, ...rest: unknown[]) => {
      if (source instanceof Blob) whole++;
      return (realBitmap as (...a: unknown[]) => Promise<ImageBitmap>)(source, ...rest);
    }) as typeof createImageBitmap;
    const cuts: { size: number[]; centre: number[]; edge: number[] }[] = [];
    try {
      await cutOutPieces(photo, pieces, undefined, {}, async (k, r) => {
        if (!r.ok) throw new Error(r.message);
        const bmp = await realBitmap(r.cut.image);
        const c = new OffscreenCanvas(bmp.width, bmp.height).getContext("2d")!;
        c.drawImage(bmp, 0, 0);
        const at = (x: number, y: number) => Array.from(c.getImageData(x, y, 1, 1).data.slice(0, 3));
        cuts[k] = { size: [bmp.width, bmp.height], centre: at(bmp.width >> 1, bmp.height >> 1), edge: at(20, 20) };
      });
    } finally {
      globalThis.ImageDecoder = RealDecoder;
      globalThis.createImageBitmap = realBitmap;
    }
    return { asked, whole, cuts, cap: MAX_CUTOUT_SIDE };
  }, `${url}cutout.js`);
  // One scaled decode (1024 / 1800 → 5/8 of 4000 px, plus the decoder's rounding margin), no full decode.
  expect(result.whole).toBe(0);
  expect(result.asked).toHaveLength(1);
  expect(result.asked[0]).toBeGreaterThanOrEqual(2500);
  expect(result.asked[0]).toBeLessThan(3000);
  const [red, blue] = result.cuts;
  // At the cap (a box edge falling between scaled pixels may cost the other side one pixel).
  for (const cut of [red!, blue!]) {
    expect(Math.max(...cut.size)).toBe(result.cap);
    expect(Math.min(...cut.size)).toBeGreaterThanOrEqual(result.cap - 1);
  }
  // The red square's white dot is at its cut-out's centre (the box is where it was), red at its edge; the blue one is blue.
  expect(red!.centre.every((v) => v > 200)).toBe(true);
  expect(red!.edge[0]).toBeGreaterThan(200);
  expect(red!.edge[2]).toBeLessThan(60);
  expect(blue!.edge[2]).toBeGreaterThan(200);
  expect(blue!.edge[0]).toBeLessThan(60);
});
