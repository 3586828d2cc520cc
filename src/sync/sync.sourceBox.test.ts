import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import type { CuratorDB } from "@data/db";
import { sha256Hex } from "@data/hash";
import { newId } from "@data/ids";
import { fakePhoto, testJpeg } from "@data/testing";
import { newItem } from "@domain/wardrobe/item";
import type { SourceBox, SourcePhoto, StoredImage } from "@domain/wardrobe/types";
import { parseRecords, recordsDocument } from "./records";
import { readLocal } from "./snapshot";
import { syncNow } from "./sync";
import { dump, newBucket, syncFixtures } from "./syncTestkit";

const fx = syncFixtures();
const T0 = 1_700_000_000_000;

/** Pieces of one 4000 × 3000 photo on a simulated device, each with its place in the photo (as addItemsFromPieces stores them). */
async function addPieces(db: CuratorDB, boxes: SourceBox[]): Promise<StoredImage[]> {
  const bytes = testJpeg(3, 96, 64);
  const source: SourcePhoto = {
    id: newId(),
    createdAt: T0,
    blob: new Blob([bytes], { type: "image/jpeg" }),
    width: 4000,
    height: 3000,
    mimeType: "image/jpeg",
    sha256: await sha256Hex(bytes),
  };
  const images: StoredImage[] = [];
  for (const [k, sourceBox] of boxes.entries()) {
    const id = newId();
    const imageId = newId();
    const photo = await fakePhoto(30 + k);
    await db.transaction("rw", [db.items, db.images, db.sourcePhotos], async () => {
      if (k === 0) await db.sourcePhotos.add(source);
      await db.items.add(newItem(id, T0, { name: `Piece ${k + 1}`, imageId }));
      const image: StoredImage = { id: imageId, itemId: id, createdAt: T0, updatedAt: T0, ...photo, sourcePhotoId: source.id, sourceBox };
      await db.images.add(image);
      images.push(image);
    });
  }
  return images;
}

describe("sync of where pieces lay in their photo", () => {
  it("carries each piece's sourceBox to the other device (s3rver, the real AWS SDK)", async () => {
    const config = await newBucket(fx.port);
    const a = await fx.device();
    const b = await fx.device();
    const images = await addPieces(a, [
      [100, 200, 1100, 1000],
      [2000.5, 1500, 3999, 2999.75],
    ]);
    await syncNow(config, { db: a, now: () => T0 });
    await syncNow(config, { db: b, now: () => T0 });
    const there = await b.images.bulkGet(images.map((i) => i.id));
    expect(there.map((i) => i?.sourceBox)).toEqual([
      [100, 200, 1100, 1000],
      [2000.5, 1500, 3999, 2999.75],
    ]);
    expect(await dump(b)).toBe(await dump(a));
  });

  it("a bad box in the records document is dropped, the rest of the document read", async () => {
    const a = await fx.device();
    await addPieces(a, [
      [100, 200, 1100, 1000],
      [100, 200, 1100, 1000],
      [100, 200, 1100, 1000],
      [100, 200, 1100, 1000],
    ]);
    const { records } = await readLocal(a);
    const doc = recordsDocument(records, { generation: 1, condemned: {}, renamed: {} }) as unknown as { images: Record<string, unknown>[] };
    const bad: unknown[] = [[100, 200, 4001, 1000], [5, 5, 1, 1], "100 200 1100 1000"];
    bad.forEach((box, i) => (doc.images[i]!.sourceBox = box));
    const read = await parseRecords(new TextEncoder().encode(JSON.stringify(doc)));
    expect(read.records.images.map((i) => i.sourceBox ?? null)).toEqual([null, null, null, [100, 200, 1100, 1000]]);
    expect(read.records.images).toHaveLength(4);
  });
});
