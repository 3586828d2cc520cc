import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import type { CuratorDB } from "@data/db";
import { sha256Hex } from "@data/hash";
import { newId } from "@data/ids";
import { dropUnusedSources } from "@data/schema/tables/sourcePhotos";
import { fakePhoto, testJpeg } from "@data/testing";
import { newItem } from "@domain/wardrobe/item";
import type { Item, SourcePhoto, StoredImage } from "@domain/wardrobe/types";
import { SyncError } from "./errors";
import { ORPHAN_GRACE_MS } from "./photos";
import { parseRecords } from "./records";
import { readLocal } from "./snapshot";
import { recordsDocument } from "./records";
import { syncNow } from "./sync";
import { blobKeys, dump, newBucket, syncFixtures } from "./syncTestkit";

const fx = syncFixtures();
const T0 = 1_700_000_000_000;

/** What addItemsFromPieces does (data/items.ts), on a simulated device: `n` cut-outs of one photo, the photo stored once. */
async function addPieces(db: CuratorDB, seed: number, n: number, now = T0 + seed): Promise<{ items: Item[]; source: SourcePhoto }> {
  const bytes = testJpeg(seed, 96, 64);
  const source: SourcePhoto = {
    id: newId(),
    createdAt: now,
    blob: new Blob([bytes], { type: "image/jpeg" }),
    width: 4000,
    height: 3000,
    mimeType: "image/jpeg",
    sha256: await sha256Hex(bytes),
  };
  const items: Item[] = [];
  const images: StoredImage[] = [];
  for (let k = 0; k < n; k++) {
    const id = newId();
    const imageId = newId();
    items.push(newItem(id, now, { name: `Piece ${seed}.${k + 1}`, imageId }));
    images.push({ id: imageId, itemId: id, createdAt: now, updatedAt: now, ...(await fakePhoto(seed * 10 + k)), sourcePhotoId: source.id });
  }
  await db.transaction("rw", [db.items, db.images, db.sourcePhotos], async () => {
    await db.sourcePhotos.add(source);
    await db.images.bulkAdd(images);
    await db.items.bulkAdd(items);
  });
  return { items, source };
}

/** What deleting and purging does (data/items.ts purgeDeleted), on a simulated device: the tombstone stays, the photo goes, and the shared photo with the last piece. */
async function deleteAndPurge(db: CuratorDB, ids: string[], now: number): Promise<void> {
  await db.transaction("rw", [db.items, db.images, db.sourcePhotos], async () => {
    const released: (string | null | undefined)[] = [];
    for (const id of ids) {
      const item = (await db.items.get(id))!;
      released.push((await db.images.get(item.imageId!))?.sourcePhotoId);
      await db.images.delete(item.imageId!);
      await db.items.put({ ...item, imageId: null, deletedAt: now, updatedAt: now });
    }
    await dropUnusedSources(db, released);
  });
}

describe("sync of pieces cut out of one photo", () => {
  it("uploads the shared photo once, brings it to the other device once, and neither duplicates nor loses it over later syncs", async () => {
    const config = await newBucket(fx.port);
    const a = await fx.device();
    const b = await fx.device();
    const { source } = await addPieces(a, 1, 3);
    // Three cut-outs and their thumbnails, and the shared photo once.
    expect(await syncNow(config, { db: a, now: () => T0 })).toMatchObject({ pushed: true, uploaded: 7 });
    expect(await blobKeys(config)).toHaveLength(7);

    expect(await syncNow(config, { db: b, now: () => T0 })).toMatchObject({ downloaded: 7, pushed: false });
    expect(await dump(b)).toBe(await dump(a));
    expect((await b.sourcePhotos.toArray()).map((s) => s.sha256)).toEqual([source.sha256]);

    // Days later, both sync again (twice, so any mark would be acted on): nothing changes, nothing is removed.
    for (const day of [2, 3])
      for (const d of [a, b]) expect(await syncNow(config, { db: d, now: () => T0 + day * ORPHAN_GRACE_MS })).toMatchObject({ removed: 0 });
    expect(await blobKeys(config)).toHaveLength(7);
    expect(await b.sourcePhotos.count()).toBe(1);
    // A new device still gets everything.
    const c = await fx.device();
    await syncNow(config, { db: c, now: () => T0 + 4 * ORPHAN_GRACE_MS });
    expect(await dump(c)).toBe(await dump(a));
  });

  it("two devices that each cut pieces out of photos converge with one copy of each photo", async () => {
    const config = await newBucket(fx.port);
    const a = await fx.device();
    const b = await fx.device();
    await addPieces(a, 1, 2);
    await addPieces(b, 2, 3);
    for (const d of [a, b, a]) await syncNow(config, { db: d, now: () => T0 });
    expect(await dump(b)).toBe(await dump(a));
    expect(await a.sourcePhotos.count()).toBe(2);
    expect(await a.items.count()).toBe(5);
  });

  it("when every piece is deleted and purged on one device, the other drops the shared photo too; a piece left keeps it", async () => {
    const config = await newBucket(fx.port);
    const a = await fx.device();
    const b = await fx.device();
    const one = await addPieces(a, 1, 2);
    const two = await addPieces(a, 2, 2);
    await syncNow(config, { db: a, now: () => T0 });
    await syncNow(config, { db: b, now: () => T0 });
    await deleteAndPurge(
      a,
      one.items.map((i) => i.id),
      T0 + 1000,
    );
    await deleteAndPurge(a, [two.items[0]!.id], T0 + 1000);
    await syncNow(config, { db: a, now: () => T0 });
    await syncNow(config, { db: b, now: () => T0 });
    expect((await b.sourcePhotos.toArray()).map((s) => s.id)).toEqual([two.source.id]);
    expect(await dump(b)).toBe(await dump(a));
  });
});

describe("the records document's shared photos", () => {
  async function documentOf(db: CuratorDB) {
    const { records } = await readLocal(db);
    return recordsDocument(records, { generation: 1, condemned: {}, renamed: {} }) as unknown as Record<string, unknown> & {
      images: Record<string, unknown>[];
      sourcePhotos: Record<string, unknown>[];
    };
  }
  const bytes = (doc: unknown) => new TextEncoder().encode(JSON.stringify(doc));

  it("round-trip; a document from before pieces (no list) reads as none", async () => {
    const a = await fx.device();
    await addPieces(a, 1, 2);
    const doc = await documentOf(a);
    expect((await parseRecords(bytes(doc))).records.sourcePhotos).toEqual(doc.sourcePhotos);
    const { sourcePhotos: _gone, ...old } = doc;
    old.images = old.images.map(({ sourcePhotoId: _s, ...img }) => img);
    expect((await parseRecords(bytes(old))).records.sourcePhotos).toEqual([]);
  });

  it("a piece naming a shared photo the document lacks, a malformed one, or one named by another hash is refused as damaged", async () => {
    const a = await fx.device();
    await addPieces(a, 1, 2);
    const doc = await documentOf(a);
    const cases: [string, (d: typeof doc) => void][] = [
      ["unknown reference", (d) => (d.images[0]!.sourcePhotoId = "not-a-known-photo")],
      ["list missing", (d) => delete (d as Partial<typeof d>).sourcePhotos],
      ["file is not its hash", (d) => (d.sourcePhotos[0]!.file = "0".repeat(64))],
      ["twice", (d) => d.sourcePhotos.push(d.sourcePhotos[0]!)],
      ["not a list", (d) => ((d as Record<string, unknown>).sourcePhotos = {})],
    ];
    for (const [what, edit] of cases) {
      const bad = structuredClone(doc);
      edit(bad);
      const err = await parseRecords(bytes(bad)).catch((e: unknown) => e);
      expect(err, what).toBeInstanceOf(SyncError);
      expect((err as SyncError).code, what).toBe("corrupt");
    }
  });
});
