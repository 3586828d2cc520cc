import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { cropForPiece, sourceBoxOrNull } from "@domain/wardrobe/sourceBox";
import type { StoredImage } from "@domain/wardrobe/types";
import { edited, emptyDb, freshDatabasePerTest } from "./backupTestkit";
import { db } from "./db";
import { exportWardrobe } from "./exportWardrobe";
import { sha256Hex } from "./hash";
import { importWardrobe } from "./importWardrobe";
import { addItemsFromPieces, addItemWithPhoto, type NewPiece } from "./items";
import { getSetting, setSetting } from "./settings";
import { fakePhoto, testJpeg } from "./testing";

freshDatabasePerTest();

const NOW = new Date(2026, 10, 20, 9, 30).getTime();
const PHOTO = { width: 4000, height: 3000 };

/** Pieces of one 4000 × 3000 photo with these detector boxes, stored as the import stores them. */
async function piecesWithBoxes(boxes: (NewPiece["box"] | undefined)[]) {
  const bytes = testJpeg(7, 96, 64);
  const source = { blob: new Blob([bytes], { type: "image/jpeg" }), ...PHOTO, mimeType: "image/jpeg", sha256: await sha256Hex(bytes) };
  const pieces = await Promise.all(boxes.map(async (box, k) => ({ photo: await fakePhoto(k + 1), init: { name: `piece ${k + 1}` }, ...(box && { box }) })));
  return addItemsFromPieces(source, pieces, NOW);
}

const imagesOf = async () => new Map((await db.images.toArray()).map((img) => [img.itemId, img] as const));

describe("where a piece lay in its photo (sourceBox)", () => {
  it("is stored from the kept box as [x0, y0, x1, y1]; a box past the edge is clamped, one outside the photo or empty is left out", async () => {
    const items = await piecesWithBoxes([
      { x: 100, y: 200, width: 1000, height: 800 },
      { x: 3500, y: -10, width: 600, height: 400 }, // overshoots right and top: clamped
      { x: 4200, y: 100, width: 50, height: 50 }, // entirely outside
      { x: 10, y: 10, width: 0, height: 40 }, // empty
      { x: Number.NaN, y: 0, width: 10, height: 10 },
      undefined, // none given (an older caller)
    ]);
    const images = await imagesOf();
    expect(items.map((i) => images.get(i.id)?.sourceBox ?? null)).toEqual([[100, 200, 1100, 1000], [3500, 0, 4000, 390], null, null, null, null]);
    // Every piece still refers to the photo: only the box is dropped.
    expect(new Set(items.map((i) => images.get(i.id)?.sourcePhotoId)).size).toBe(1);
    // A photo of its own never has one.
    const plain = await addItemWithPhoto(await fakePhoto(9), {}, NOW);
    expect((await db.images.get(plain.imageId!))?.sourceBox).toBeUndefined();
  });

  it("survives an export and import into an empty device", async () => {
    const items = await piecesWithBoxes([
      { x: 100, y: 200, width: 1000, height: 800 },
      { x: 2000.5, y: 1500.25, width: 1200, height: 900 },
    ]);
    const file = await exportWardrobe();
    await emptyDb();
    expect((await importWardrobe(file)).items.added).toBe(2);
    const images = await imagesOf();
    expect(items.map((i) => images.get(i.id)?.sourceBox)).toEqual([
      [100, 200, 1100, 1000],
      [2000.5, 1500.25, 3200.5, 2400.25],
    ]);
  });

  it("a bad box in a file is dropped, never refusing the file: the pieces and their photo are imported", async () => {
    await piecesWithBoxes(Array.from({ length: 9 }, () => ({ x: 100, y: 100, width: 500, height: 500 })));
    const file = await exportWardrobe();
    const bad: unknown[] = [
      [100, 100, 5000, 600], // past the photo's right edge (4000)
      [-1, 0, 10, 10], // left of the photo
      [600, 100, 100, 600], // x0 > x1
      [100, 600, 600, 600], // empty
      [100, 100, "600", 600],
      [100, 100, 600],
      "100,100,600,600",
      { x0: 1 },
    ];
    const patched = await edited(file, (d) => {
      const images = d.images as Record<string, unknown>[];
      bad.forEach((box, i) => (images[i]!.sourceBox = box));
    });
    await emptyDb();
    expect((await importWardrobe(patched)).items.added).toBe(9);
    const boxes = (await db.images.toArray()).map((img) => img.sourceBox ?? null);
    expect(boxes.filter((b) => b === null)).toHaveLength(8);
    expect(boxes.filter((b) => b !== null)).toEqual([[100, 100, 600, 600]]);
    expect(await db.sourcePhotos.count()).toBe(1);
  });

  it("on an image that is not a piece is dropped too, and a file from before boxes imports unchanged", async () => {
    await addItemWithPhoto(await fakePhoto(1), {}, NOW);
    await piecesWithBoxes([undefined]);
    const file = await exportWardrobe();
    const patched = await edited(file, (d) => {
      for (const img of d.images as Record<string, unknown>[]) if (!img.sourcePhotoId) img.sourceBox = [1, 1, 2, 2];
    });
    await emptyDb();
    expect((await importWardrobe(patched)).items.added).toBe(2);
    expect((await db.images.toArray()).map((img: StoredImage) => img.sourceBox)).toEqual([undefined, undefined]);
  });
});

describe("the crop shown for a piece as photographed", () => {
  it("is the box grown by 8 % of each side, then to the grid's 4:5 where the photo has room, clamped; the whole photo without a usable box", () => {
    // Margin only (a box already of the asked shape): 8 % of 1000 × 500 each side.
    expect(cropForPiece([1000, 1000, 2000, 1500], PHOTO, 0.08, 2)).toEqual({ x: 920, y: 960, width: 1160, height: 580 });
    // A wide piece grows to 4:5 around its centre (1160 wide → 1450 high), inside the photo.
    expect(cropForPiece([1000, 1000, 2000, 1500], PHOTO)).toEqual({ x: 920, y: 525, width: 1160, height: 1450 });
    // A tall piece at the photo's edge: the margin is clamped, the width grows to 4:5 from the edge.
    expect(cropForPiece([0, 0, 1000, 3000], PHOTO)).toEqual({ x: 0, y: 0, width: 2400, height: 3000 });
    // A wide piece in a photo with no room to grow: as much as there is.
    expect(cropForPiece([0, 1000, 4000, 2000], PHOTO)).toEqual({ x: 0, y: 0, width: 4000, height: 3000 });
    expect(cropForPiece(null, PHOTO)).toEqual({ x: 0, y: 0, ...PHOTO });
    expect(cropForPiece([0, 0, 5000, 10], PHOTO)).toEqual({ x: 0, y: 0, ...PHOTO });
    expect(sourceBoxOrNull([0, 0, 4000, 3000], PHOTO)).toEqual([0, 0, 4000, 3000]);
    expect(sourceBoxOrNull([0, 0, 4000.5, 3000], PHOTO)).toBeNull();
  });
});

describe("the setting 'Photos of pieces'", () => {
  it("is a cut-out unless set; holds only its two choices; travels in a backup", async () => {
    expect(await getSetting("wardrobe.piecePhotos")).toBe("cutout");
    await setSetting("wardrobe.piecePhotos", "original");
    expect(await getSetting("wardrobe.piecePhotos")).toBe("original");
    await expect(setSetting("wardrobe.piecePhotos", "photo" as never)).rejects.toThrow(TypeError);
    await db.settings.put({ key: "wardrobe.piecePhotos", value: "sepia", updatedAt: NOW });
    expect(await getSetting("wardrobe.piecePhotos")).toBe("cutout");
    await setSetting("wardrobe.piecePhotos", "original");
    const file = await exportWardrobe();
    await emptyDb();
    await importWardrobe(file);
    expect(await getSetting("wardrobe.piecePhotos")).toBe("original");
  });
});
