import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { detection } from "./detectionFixtures";
import { CancelledError } from "@domain/errors";
import { db } from "@data/db";
import { fakePhoto } from "@data/testing";
import type { PieceCutOut, ProcessedPhoto } from "../image-client";
import type { ImportStep } from "./importStep";

// The app's own cut-out tool (pieceTools.ts) over the image worker's one-decode call, with
// the worker replaced by a scripted one: the import, the data layer and IndexedDB are real.
vi.mock("./steps", () => ({ importSteps: [] }));
vi.mock("../image-client", () => ({ processPhoto: vi.fn(), stopImageWorker: vi.fn(), cutOutPieces: vi.fn() }));
vi.mock("../vision-client", () => ({ detectPieces: vi.fn(async () => null) }));
const { processPhoto, cutOutPieces } = await import("../image-client");
const { importPhotos } = await import("./importPhotos");

/** Analysis "bitmaps" whose closing is counted. */
const bitmaps: { seed: number; closed: number }[] = [];
function bitmap(seed: number): ImageBitmap {
  const b = { seed, closed: 0, close: () => void b.closed++ };
  bitmaps.push(b);
  return b as unknown as ImageBitmap;
}
const closed = (seed: number) => bitmaps.filter((b) => b.seed === seed).map((b) => b.closed);

const PHOTO = 3;
const timings = () => ({ read: 0, sniff: 0, decode: 0, thumbnail: 0, encode: 0, analysis: 0, hash: 0 });
async function processed(seed: number): Promise<ProcessedPhoto> {
  return { ...(await fakePhoto(seed)), notes: [], analysis: bitmap(seed), timings: timings() };
}
/** What the worker hands over for piece k: a distinct real photo (seed 1000 + k) and its analysis bitmap. */
async function workerCut(k: number): Promise<PieceCutOut> {
  const p = await fakePhoto(1000 + k);
  return { ok: true, cut: { ...p, image: p.original, analysis: bitmap(1000 + k), timings: timings() } };
}
const file = (name: string) => new File([new Uint8Array([1])], name, { type: "image/jpeg" });

/** A step that records, in order, each photo it analysed (by sha256) and the bitmap it was given. */
function recordingStep(log: string[]): ImportStep {
  return {
    label: "Recognition",
    analysisSide: 256,
    async run({ photo }) {
      log.push(`analyse ${photo.sha256.slice(0, 8)} bitmap ${(photo.analysis as unknown as { seed: number } | null)?.seed}`);
      return { fields: { name: photo.sha256.slice(0, 8) } };
    },
  };
}
const sha = async (seed: number) => (await fakePhoto(seed)).sha256.slice(0, 8);

beforeEach(async () => {
  bitmaps.length = 0;
  vi.mocked(processPhoto).mockImplementation(async () => ({ ok: true, photo: await processed(PHOTO) }));
  await db.open();
});
afterEach(async () => {
  vi.mocked(cutOutPieces).mockReset();
  await db.delete();
});

describe("the device's cut-out tool", () => {
  it("asks the image worker once for all the kept pieces, and analyses each piece while the next is still being cut out", async () => {
    const log: string[] = [];
    vi.mocked(cutOutPieces).mockImplementation(async (_photo, pieces, _size, _options, onPiece) => {
      for (const k of pieces.keys()) {
        onPiece(k, await workerCut(k));
        log.push(`handed ${k}`);
        // Give the import time to start on piece k before piece k + 1 is ready (a slow encode).
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    const report = await importPhotos([file("flatlay.jpg")], { steps: [recordingStep(log)], detect: async () => detection(3) });
    const r = report.results[0];
    if (!r?.ok) throw new Error("not imported");
    expect(r.itemIds).toHaveLength(3);

    expect(cutOutPieces).toHaveBeenCalledTimes(1);
    const [photo, pieces, size, options] = vi.mocked(cutOutPieces).mock.calls[0]!;
    expect(photo).toBeInstanceOf(Blob);
    expect(pieces.map((p) => p.box.x)).toEqual([0, 120, 240]);
    expect(size).toEqual({ width: 640, height: 480 });
    expect(options).toEqual({ analysisSide: 256 });
    // The steps ran on each worker-made bitmap as its piece arrived, before the next one was handed over.
    const s = await Promise.all([1000, 1001, 1002].map(sha));
    expect(log).toEqual(["handed 0", `analyse ${s[0]} bitmap 1000`, "handed 1", `analyse ${s[1]} bitmap 1001`, "handed 2", `analyse ${s[2]} bitmap 1002`]);
    const items = await db.items.bulkGet(r.itemIds);
    expect(items.map((i) => i!.name)).toEqual(s);
    expect(await db.sourcePhotos.count()).toBe(1);
    expect([PHOTO, 1000, 1001, 1002].map(closed)).toEqual([[1], [1], [1], [1]]);
  });

  it("a piece the worker could not cut out is left out with its worded reason; the pieces around it are kept", async () => {
    vi.mocked(cutOutPieces).mockImplementation(async (_photo, pieces, _size, _options, onPiece) => {
      for (const k of pieces.keys()) onPiece(k, k === 1 ? { ok: false, message: "The piece's box is empty (0 × 40)." } : await workerCut(k));
    });
    const report = await importPhotos([file("flatlay.jpg")], { steps: [], detect: async () => detection(3) });
    const r = report.results[0];
    if (!r?.ok) throw new Error("not imported");
    expect(r.itemIds).toHaveLength(2);
    expect(r.notes).toEqual(["Piece 2 couldn't be cut out (The piece's box is empty (0 × 40).); it was left out."]);
    const images = await db.images.bulkGet((await db.items.bulkGet(r.itemIds)).map((i) => i!.imageId!));
    expect(images.map((i) => i!.sha256)).toEqual(await Promise.all([1000, 1002].map(async (s) => (await fakePhoto(s)).sha256)));
    expect([PHOTO, 1000, 1002].map(closed)).toEqual([[1], [1], [1]]);
  });

  it("a photo the worker cannot read at all: every piece is left out with the reason, and the photo is added whole", async () => {
    vi.mocked(cutOutPieces).mockImplementation(async (_photo, _pieces, _size, _options, onPiece) => {
      onPiece(0, await workerCut(0));
      throw new Error("The photo could not be decoded; the file may be damaged.");
    });
    const report = await importPhotos([file("flatlay.jpg")], { steps: [], detect: async () => detection(3) });
    const r = report.results[0];
    if (!r?.ok) throw new Error("not imported");
    expect(r.itemIds).toHaveLength(1); // piece 1 alone came out
    expect(r.notes).toEqual([
      "Piece 2 couldn't be cut out (The photo could not be decoded; the file may be damaged.); it was left out.",
      "Piece 3 couldn't be cut out (The photo could not be decoded; the file may be damaged.); it was left out.",
    ]);
    expect(closed(1000)).toEqual([1]);

    vi.mocked(cutOutPieces).mockImplementation(async () => {
      throw new Error("The photo could not be decoded; the file may be damaged.");
    });
    const whole = await importPhotos([file("flatlay2.jpg")], { steps: [], detect: async () => detection(2) });
    const w = whole.results[0];
    if (!w?.ok) throw new Error("not imported");
    expect(w.itemIds).toHaveLength(1);
    expect(w.notes.at(-1)).toBe("No piece could be cut out, so the photo was added whole.");
  });

  it("a cancel mid-way stops cleanly: nothing of the photo is stored and every bitmap is closed, one arriving after the cancel too", async () => {
    const ctl = new AbortController();
    let late: Promise<void> = Promise.resolve();
    vi.mocked(cutOutPieces).mockImplementation((_photo, _pieces, _size, _options, onPiece, signal) => {
      return new Promise<void>((_resolve, reject) => {
        // As the worker client does: a cancel rejects the call at once.
        signal?.addEventListener("abort", () => reject(new CancelledError()), { once: true });
        void (async () => {
          onPiece(0, await workerCut(0));
          onPiece(1, await workerCut(1));
          // The person cancels while piece 3 is being encoded; its message was already on its way.
          ctl.abort();
          late = workerCut(2).then((c) => onPiece(2, c));
        })();
      });
    });
    const report = await importPhotos([file("flatlay.jpg")], { steps: [], signal: ctl.signal, detect: async () => detection(4) });
    await late;
    expect(report.cancelled).toBe(true);
    expect(report.results).toEqual([]);
    expect(await db.items.count()).toBe(0);
    expect(await db.sourcePhotos.count()).toBe(0);
    expect([PHOTO, 1000, 1001, 1002].map(closed)).toEqual([[1], [1], [1], [1]]);
  });
});
