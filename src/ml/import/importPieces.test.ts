import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DetectedPiece, Detection } from "@domain/detection/types";
import { detection, piece } from "./detectionFixtures";
import { CancelledError } from "@domain/errors";
import { db } from "@data/db";
import { StorageFullError } from "@data/errors";
import { fakePhoto } from "@data/testing";
import type { ProcessedPhoto } from "../image-client";
import type { ImportStep } from "./importStep";
import { NO_GARMENT_NOTE, type PieceCut, type PieceTools } from "./pieces";

// The photo worker and the registered steps need a browser; the import's own logic, the data layer and IndexedDB are real.
vi.mock("./steps", () => ({ importSteps: [] }));
vi.mock("../image-client", () => ({ processPhoto: vi.fn(), stopImageWorker: vi.fn(), cutOutPiece: vi.fn() }));
// The app's own detector when none is given: this build ships none (null), as the vision client says then.
vi.mock("../vision-client", () => ({ detectPieces: vi.fn(async () => null) }));
const { processPhoto } = await import("../image-client");
const { detectPieces } = await import("../vision-client");
const { importPhotos } = await import("./importPhotos");

/** What the photo worker hands over for a file: a real tiny JPEG (distinct per seed) with an analysis "bitmap" whose closing is counted. */
const bitmaps: { seed: number; closed: number }[] = [];
function bitmap(seed: number): ImageBitmap {
  const b = { seed, closed: 0, close: () => void b.closed++ };
  bitmaps.push(b);
  return b as unknown as ImageBitmap;
}
const closed = (seed: number) => bitmaps.filter((b) => b.seed === seed).map((b) => b.closed);
async function processed(seed: number): Promise<ProcessedPhoto> {
  return {
    ...(await fakePhoto(seed)),
    notes: [],
    analysis: bitmap(seed),
    timings: { read: 0, sniff: 0, decode: 0, thumbnail: 0, encode: 0, analysis: 0, hash: 0 },
  };
}

const file = (name: string, seed: number) => Object.assign(new File([new Uint8Array([seed])], name, { type: "image/jpeg" }), { seed });

beforeEach(async () => {
  bitmaps.length = 0;
  vi.mocked(processPhoto).mockImplementation(async (f) => ({ ok: true, photo: await processed((f as File & { seed: number }).seed) }));
  await db.open();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

const box = (x: number) => ({ x, y: 10, width: 100, height: 120 });

/** A step that names the item after the photo it analysed (by its sha256) and logs which photos it saw. */
function recordingStep(seen: string[]): ImportStep {
  return {
    label: "Recognition",
    async run({ photo }) {
      seen.push(photo.sha256);
      return { fields: { name: `analysed ${photo.sha256.slice(0, 8)}`, category: "top" } };
    },
  };
}

/** A cut-out tool from a per-piece function: each piece in turn, a throw being that piece's worded failure. */
function eachPiece(cut: (photo: ProcessedPhoto, p: DetectedPiece) => Promise<ProcessedPhoto>): NonNullable<PieceTools["cutOut"]> {
  return async function* (photo, pieces) {
    for (const p of pieces) {
      let result: PieceCut;
      try {
        result = { ok: true, cut: await cut(photo, p) };
      } catch (e) {
        result = { ok: false, message: e instanceof Error ? e.message : String(e) };
      }
      yield result;
    }
  };
}

/** Cut-outs: a distinct real photo per piece (seeded by the box), and the boxes asked for. */
function cutOutRecorder(asked: DetectedPiece[]) {
  return eachPiece(async (_photo, p) => {
    asked.push(p);
    return processed(1000 + p.box.x);
  });
}

describe("importing a photo with the detector", () => {
  it("without a detector, with none available, or with one piece: one item from the whole photo, as before", async () => {
    const cutOut = vi.fn();
    for (const detect of [undefined, null, async () => null, async () => detection(1)]) {
      const report = await importPhotos([file("a.jpg", 1)], { steps: [], detect, cutOut });
      const [r] = report.results;
      expect(r).toMatchObject({ ok: true, notes: [] });
      if (!r?.ok) throw new Error("not imported");
      expect(r.itemIds).toEqual([r.itemId]);
      const item = await db.items.get(r.itemId);
      expect((await db.images.get(item!.imageId!))?.sha256).toBe((await fakePhoto(1)).sha256);
    }
    expect(cutOut).not.toHaveBeenCalled();
    expect(await db.sourcePhotos.count()).toBe(0);
    expect(await db.items.count()).toBe(4);
    // Without a detector given, the app's own was asked (once: `null` turns detection off).
    expect(vi.mocked(detectPieces)).toHaveBeenCalledTimes(1);
  });

  it("with no garment found: the photo is still kept as one item, and the note says so", async () => {
    const report = await importPhotos([file("empty.jpg", 2)], { steps: [], detect: async () => detection(0) });
    expect(report.results[0]).toMatchObject({ ok: true, notes: [NO_GARMENT_NOTE] });
    expect(await db.items.count()).toBe(1);
  });

  it("with four pieces, three kept (one moved): three items from their cut-outs, analysed each, and the photo stored once", async () => {
    const seen: string[] = [];
    const asked: DetectedPiece[] = [];
    const progress: number[] = [];
    const moved = { ...piece(360), box: { x: 365, y: 20, width: 90, height: 100 } };
    const review = vi.fn(async (_p: ProcessedPhoto, d: Detection) => [d.pieces[0]!, d.pieces[2]!, moved]);
    const report = await importPhotos([file("flatlay.jpg", 3), file("tee.jpg", 4)], {
      steps: [recordingStep(seen)],
      detect: async (p) => (p.sha256 === (await fakePhoto(3)).sha256 ? detection(4) : detection(1)),
      reviewPieces: review,
      cutOut: cutOutRecorder(asked),
      onProgress: (p) => progress.push(p.done),
    });
    expect(review).toHaveBeenCalledTimes(1);
    expect(asked.map((p) => p.box)).toEqual([box(0), box(240), moved.box]);
    const [flat, tee] = report.results;
    if (!flat?.ok || !tee?.ok) throw new Error("not imported");
    expect(flat.itemIds).toHaveLength(3);
    expect(tee.itemIds).toHaveLength(1);
    // Progress counts photos, not pieces.
    expect(progress).toEqual([0, 1, 2]);

    const cutShas = await Promise.all([1000, 1240, 1365].map(async (s) => (await fakePhoto(s)).sha256));
    const items = await db.items.bulkGet(flat.itemIds);
    const images = await db.images.bulkGet(items.map((i) => i!.imageId!));
    expect(images.map((i) => i!.sha256)).toEqual(cutShas);
    expect(items.map((i) => i!.name)).toEqual(cutShas.map((s) => `analysed ${s.slice(0, 8)}`));
    // The steps ran on each cut-out, then on the one-garment photo as a whole.
    expect(seen).toEqual([...cutShas, (await fakePhoto(4)).sha256]);
    const sources = await db.sourcePhotos.toArray();
    expect(sources).toHaveLength(1);
    expect(sources[0]!.sha256).toBe((await fakePhoto(3)).sha256);
    expect(new Set(images.map((i) => i!.sourcePhotoId))).toEqual(new Set([sources[0]!.id]));
    // Every analysis bitmap (two photos, three cut-outs) was closed once.
    expect(bitmaps.map((b) => b.closed)).toEqual([1, 1, 1, 1, 1]);
    expect([3, 4, 1000, 1240, 1365].map(closed)).toEqual([[1], [1], [1], [1], [1]]);
  });

  it("without a reviewer every piece is kept", async () => {
    const asked: DetectedPiece[] = [];
    const report = await importPhotos([file("flatlay.jpg", 3)], { steps: [], detect: async () => detection(2), cutOut: cutOutRecorder(asked) });
    expect(asked).toHaveLength(2);
    expect(report.results[0]).toMatchObject({ ok: true, itemIds: [expect.any(String), expect.any(String)] });
  });

  it("a piece that cannot be cut out is left out with a note; when none can, the photo is one item", async () => {
    let n = 0;
    const cutOut = async (_p: ProcessedPhoto, pc: DetectedPiece) => {
      if (++n === 2) throw new Error("The piece's box is empty");
      return processed(1000 + pc.box.x);
    };
    const one = await importPhotos([file("flatlay.jpg", 3)], { steps: [], detect: async () => detection(3), cutOut: eachPiece(cutOut) });
    expect(one.results[0]).toMatchObject({ ok: true, itemIds: [expect.any(String), expect.any(String)] });
    expect((one.results[0] as { notes: string[] }).notes).toEqual(["Piece 2 couldn't be cut out (The piece's box is empty); it was left out."]);

    const none = await importPhotos([file("flatlay2.jpg", 5)], {
      steps: [],
      detect: async () => detection(2),
      cutOut: eachPiece(async () => {
        throw new Error("no decoder");
      }),
    });
    const r = none.results[0];
    if (!r?.ok) throw new Error("not imported");
    expect(r.itemIds).toHaveLength(1);
    expect(r.notes.at(-1)).toBe("No piece could be cut out, so the photo was added whole.");
    expect((await db.images.get((await db.items.get(r.itemId))!.imageId!))?.sourcePhotoId).toBeUndefined();
  });

  it("a failing detector never costs the photo", async () => {
    const report = await importPhotos([file("a.jpg", 1)], {
      steps: [],
      detect: async () => {
        throw new Error("the detector could not load");
      },
    });
    expect(report.results[0]).toMatchObject({ ok: true, notes: ["Looking for several garments didn't work for this photo (the detector could not load)."] });
  });

  it('"Import as one item" (the reviewer answers null): one item from the whole photo, no cut-out, no shared original', async () => {
    const cuts: DetectedPiece[] = [];
    const report = await importPhotos([file("flatlay.jpg", 3)], {
      steps: [],
      detect: async () => detection(3),
      reviewPieces: async () => null,
      cutOut: cutOutRecorder(cuts),
    });
    expect(report.results[0]).toMatchObject({ ok: true });
    expect(cuts).toHaveLength(0);
    expect(await db.items.count()).toBe(1);
    expect(await db.images.count()).toBe(1);
    expect(await db.sourcePhotos.count()).toBe(0);
  });

  it("every piece dropped: nothing is stored from the photo, and the result says so", async () => {
    const report = await importPhotos([file("flatlay.jpg", 3)], {
      steps: [],
      detect: async () => detection(3),
      reviewPieces: async () => [],
      cutOut: cutOutRecorder([]),
    });
    expect(report.results[0]).toMatchObject({ ok: false, message: expect.stringMatching(/Every piece was dropped/) });
    expect(await db.items.count()).toBe(0);
    expect(await db.sourcePhotos.count()).toBe(0);
  });

  it("storage full while storing the pieces: nothing of that photo is stored, the message is clear, the photos before it stay", async () => {
    let writes = 0;
    const failSecondPhoto = () => {
      if (++writes === 3) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
    db.images.hook("creating", failSecondPhoto);
    const report = await importPhotos([file("a.jpg", 1), file("flatlay.jpg", 3), file("b.jpg", 6)], {
      steps: [],
      detect: async (p) => (p.sha256 === (await fakePhoto(3)).sha256 ? detection(3) : null),
      cutOut: cutOutRecorder([]),
    });
    db.images.hook("creating").unsubscribe(failSecondPhoto);
    expect(report.results.map((r) => r.ok)).toEqual([true, false, false]);
    expect(report.results[1]).toMatchObject({ message: new StorageFullError().message });
    expect(report.results[2]).toMatchObject({ message: "Not imported: storage is full." });
    expect(await db.items.count()).toBe(1);
    expect(await db.images.count()).toBe(1);
    expect(await db.sourcePhotos.count()).toBe(0);
    expect(await db.predictions.count()).toBe(0);
  });

  it("a cancel while pieces are cut out keeps the photos already stored and stores nothing of this one", async () => {
    const ctl = new AbortController();
    let n = 0;
    const cutOut = async (_p: ProcessedPhoto, pc: DetectedPiece) => {
      if (++n === 2) ctl.abort();
      return processed(1000 + pc.box.x);
    };
    const report = await importPhotos([file("a.jpg", 1), file("flatlay.jpg", 3), file("b.jpg", 6)], {
      steps: [],
      signal: ctl.signal,
      detect: async (p) => (p.sha256 === (await fakePhoto(3)).sha256 ? detection(3) : null),
      cutOut: eachPiece(cutOut),
    });
    expect(report.cancelled).toBe(true);
    expect(report.results).toHaveLength(1);
    expect(await db.items.count()).toBe(1);
    expect(await db.sourcePhotos.count()).toBe(0);
    // The two cut-outs made before the cancel were closed with the photo's own.
    expect([3, 1000, 1120].map(closed)).toEqual([[1], [1], [1]]);
  });

  it("a cancel from the review sheet ends the import: the photos before stay, nothing of this one is stored", async () => {
    const ctl = new AbortController();
    const report = await importPhotos([file("a.jpg", 1), file("flatlay.jpg", 3)], {
      steps: [],
      signal: ctl.signal,
      detect: async (p) => (p.sha256 === (await fakePhoto(3)).sha256 ? detection(2) : null),
      reviewPieces: async () => {
        ctl.abort();
        throw new CancelledError("The import was cancelled.");
      },
      cutOut: cutOutRecorder([]),
    });
    expect(report.cancelled).toBe(true);
    expect(report.results.map((r) => r.ok)).toEqual([true]);
    expect(await db.items.count()).toBe(1);
    expect(await db.sourcePhotos.count()).toBe(0);
  });
});
