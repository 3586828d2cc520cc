import "fake-indexeddb/auto";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { dump, edited, emptyDb, freshDatabasePerTest, withBytes } from "./backupTestkit";
import { Dexie } from "dexie";
import { CuratorDB, db, SCHEMA_VERSION } from "./db";
import { StorageFullError } from "./errors";
import { exportWardrobe } from "./exportWardrobe";
import { sha256Hex } from "./hash";
import { getSourcePhotoOf } from "./images";
import { ImportFileError } from "./importErrors";
import { importWardrobe } from "./importWardrobe";
import { addItemsFromPieces, addItemWithPhoto, deleteItem, purgeDeleted, restoreItem, updateItem, UNDO_WINDOW_MS, type NewSourcePhoto } from "./items";
import { testJpeg, fakePhoto } from "./testing";

freshDatabasePerTest();

const NOW = new Date(2026, 10, 20, 9, 30).getTime();

/** A whole photo as the photo import hands it over (a real JPEG, distinct per seed). */
async function wholePhoto(seed: number): Promise<NewSourcePhoto> {
  const bytes = testJpeg(seed, 96, 64);
  return { blob: new Blob([bytes], { type: "image/jpeg" }), width: 4000, height: 3000, mimeType: "image/jpeg", sha256: await sha256Hex(bytes) };
}

/** `n` pieces cut out of one photo, stored as the import stores them. */
async function flatLay(n: number, seed = 100, now = NOW) {
  const pieces = await Promise.all(Array.from({ length: n }, async (_, k) => ({ photo: await fakePhoto(seed + k + 1), init: { name: `piece ${k + 1}` } })));
  return addItemsFromPieces(await wholePhoto(seed), pieces, now);
}

describe("pieces cut out of one photo", () => {
  it("are stored as one item each with its own cut-out, and the photo once, which every piece's image names", async () => {
    const items = await flatLay(3);
    expect(items.map((i) => i.name)).toEqual(["piece 1", "piece 2", "piece 3"]);
    const sources = await db.sourcePhotos.toArray();
    expect(sources).toHaveLength(1);
    expect(new Uint8Array(await sources[0]!.blob.arrayBuffer())).toEqual(testJpeg(100, 96, 64));
    const images = await db.images.bulkGet(items.map((i) => i.imageId!));
    expect(images.map((img) => img?.sourcePhotoId)).toEqual([sources[0]!.id, sources[0]!.id, sources[0]!.id]);
    // Each piece's photo is its own cut-out, not the whole photo.
    expect(new Set(images.map((img) => img!.sha256)).size).toBe(3);
    expect(images.map((img) => img!.sha256)).not.toContain(sources[0]!.sha256);
    // What a screen asks for to show the whole photo instead of the cut-out; a photo of its own has none.
    expect((await getSourcePhotoOf(items[1]!.imageId!))?.id).toBe(sources[0]!.id);
    const plain = await addItemWithPhoto(await fakePhoto(1), {}, NOW);
    expect(await getSourcePhotoOf(plain.imageId!)).toBeUndefined();
  });

  it("are stored all or none: a full disk on the last image leaves no item, no cut-out and no photo", async () => {
    await addItemWithPhoto(await fakePhoto(1), { name: "existing" });
    const before = await dump();
    let n = 0;
    const failThird = () => {
      if (++n === 3) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
    db.images.hook("creating", failThird);
    await expect(flatLay(3)).rejects.toBeInstanceOf(StorageFullError);
    db.images.hook("creating").unsubscribe(failThird);
    expect(n).toBe(3);
    expect(await dump()).toEqual(before);
  });

  it("keep the shared photo while any piece (or a deleted one within its undo window) refers to it; the last purge removes it", async () => {
    const [a, b, c] = await flatLay(3);
    await deleteItem(a!.id, NOW + 1);
    await deleteItem(b!.id, NOW + 2);
    await purgeDeleted(NOW + 2 + UNDO_WINDOW_MS);
    expect(await db.images.count()).toBe(1);
    expect(await db.sourcePhotos.count()).toBe(1); // c still shows it
    await deleteItem(c!.id, NOW + 3);
    expect(await db.sourcePhotos.count()).toBe(1); // undo is still possible
    expect(await restoreItem(c!.id, NOW + 4)).toBe(true);
    const image = await db.images.get(c!.imageId!);
    expect(await db.sourcePhotos.get(image!.sourcePhotoId!)).toBeDefined();
    await deleteItem(c!.id, NOW + 5);
    await purgeDeleted(NOW + 5 + UNDO_WINDOW_MS);
    expect(await db.images.count()).toBe(0);
    expect(await db.sourcePhotos.count()).toBe(0);
  });

  it("a purge of one photo's pieces never touches another photo's, nor a plain item's photo", async () => {
    const [a] = await flatLay(2, 100);
    await flatLay(2, 200);
    await addItemWithPhoto(await fakePhoto(7), { name: "plain" }, NOW);
    const [, second] = await db.sourcePhotos.orderBy("id").toArray();
    await deleteItem(a!.id, NOW + 1);
    await purgeDeleted(NOW + 1 + UNDO_WINDOW_MS);
    expect(await db.sourcePhotos.count()).toBe(2);
    expect(await db.sourcePhotos.get(second!.id)).toBeDefined();
    expect(await db.images.count()).toBe(4);
  });
});

async function sourcesDump() {
  return withBytes(await db.sourcePhotos.toArray());
}

describe("a backup with pieces", () => {
  it("describes the shared photo once, round-trips into an empty device, and importing it twice never duplicates it", async () => {
    await flatLay(3);
    const before = await dump();
    const file = await exportWardrobe();
    const zip = unzipSync(new Uint8Array(await file.arrayBuffer()));
    const data = JSON.parse(strFromU8(zip["data.json"]!)) as { sourcePhotos: { file: string }[]; images: { sourcePhotoId?: string }[] };
    expect(data.sourcePhotos).toHaveLength(1);
    expect(Object.keys(zip).filter((name) => name.startsWith("sources/"))).toEqual([data.sourcePhotos[0]!.file]);
    expect(new Set(data.images.map((i) => i.sourcePhotoId)).size).toBe(1);

    await emptyDb();
    expect((await importWardrobe(file)).items.added).toBe(3);
    expect(await dump()).toEqual(before);
    expect((await importWardrobe(file)).items.unchanged).toBe(3);
    expect(await dump()).toEqual(before);
  });

  it("into a device that already holds the photo (its pieces edited there) keeps the one copy", async () => {
    const [a] = await flatLay(2);
    const file = await exportWardrobe();
    await updateItem(a!.id, { name: "edited here" }, NOW + 10);
    await importWardrobe(file);
    expect(await db.sourcePhotos.count()).toBe(1);
    expect((await db.items.get(a!.id))?.name).toBe("edited here");
  });

  it("a newer copy of the last piece without its photo (purged on the other device) removes the shared photo here", async () => {
    const [a] = await flatLay(1);
    const other = await exportWardrobe();
    await deleteItem(a!.id, NOW + 1);
    await purgeDeleted(NOW + 1 + UNDO_WINDOW_MS);
    const purged = await exportWardrobe();
    await emptyDb();
    await importWardrobe(other);
    expect(await db.sourcePhotos.count()).toBe(1);
    await importWardrobe(purged);
    expect(await db.images.count()).toBe(0);
    expect(await db.sourcePhotos.count()).toBe(0);
  });

  it("a piece whose shared photo is not described, described twice, or damaged is refused as that photo, and nothing is written", async () => {
    await addItemWithPhoto(await fakePhoto(1), { name: "plain" }, NOW);
    await flatLay(2);
    const file = await exportWardrobe();
    await emptyDb();
    await addItemWithPhoto(await fakePhoto(9), { name: "here already" }, NOW);
    const here = await dump();
    const pieceIndex = async () => {
      const data = JSON.parse(strFromU8(unzipSync(new Uint8Array(await file.arrayBuffer()))["data.json"]!)) as { images: { sourcePhotoId?: string }[] };
      return data.images.findIndex((i) => i.sourcePhotoId) + 1;
    };
    const index = await pieceIndex();
    expect(index).toBeGreaterThan(0);
    type Data = { images: Record<string, unknown>[]; sourcePhotos?: Record<string, unknown>[] };
    const cases: [string, (d: Data) => void, RegExp][] = [
      ["unknown reference", (d) => (d.images[index - 1]!.sourcePhotoId = "not-a-known-photo"), /not described/],
      ["malformed reference", (d) => (d.images[index - 1]!.sourcePhotoId = 42), /sourcePhotoId/],
      ["list missing", (d) => delete d.sourcePhotos, /not described/],
      ["described twice", (d) => d.sourcePhotos!.push(d.sourcePhotos![0]!), /twice/],
      ["wrong checksum", (d) => (d.sourcePhotos![0]!.sha256 = "0".repeat(64)), /checksum/],
      ["bytes missing", (d) => (d.sourcePhotos![0]!.file = "sources/nothing.jpg"), /bytes are missing/],
      ["bad size", (d) => (d.sourcePhotos![0]!.width = -3), /width/],
    ];
    for (const [what, edit, why] of cases) {
      const bad = await edited(file, (d) => edit(d as unknown as Data));
      const err = await importWardrobe(bad).catch((e: unknown) => e);
      expect(err, what).toBeInstanceOf(ImportFileError);
      const failure = (err as ImportFileError).failure;
      expect(failure, what).toMatchObject({ code: "bad-photo", index });
      expect((failure as { why: string }).why, what).toMatch(why);
      expect(await dump(), what).toEqual(here);
    }
  });

  it("a shared-photo list that is not a list refuses the file", async () => {
    await flatLay(2);
    const bad = await edited(await exportWardrobe(), (d) => ((d as Record<string, unknown>).sourcePhotos = "nope"));
    await emptyDb();
    await expect(importWardrobe(bad)).rejects.toMatchObject({ code: "not-export" });
    expect(await db.items.count()).toBe(0);
  });

  it("a shared photo whose bytes are not an image is refused", async () => {
    await flatLay(2);
    const file = await exportWardrobe();
    const zip = unzipSync(new Uint8Array(await file.arrayBuffer()));
    const data = JSON.parse(strFromU8(zip["data.json"]!)) as { sourcePhotos: { file: string; sha256: string }[] };
    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    zip[data.sourcePhotos[0]!.file] = html;
    data.sourcePhotos[0]!.sha256 = await sha256Hex(html);
    zip["data.json"] = strToU8(JSON.stringify(data));
    await emptyDb();
    const err = (await importWardrobe(new Blob([zipSync(zip)])).catch((e: unknown) => e)) as ImportFileError;
    expect(err).toBeInstanceOf(ImportFileError);
    expect(err.failure).toMatchObject({ code: "bad-photo" });
    expect((err.failure as { why: string }).why).toMatch(/not an image/);
    expect(await sourcesDump()).toEqual([]);
  });
});

describe("the schema upgrade that adds shared photos (v7)", () => {
  it("opens a v6 database unchanged: its items and photos stay as they were, no photo is shared", async () => {
    const name = "curator-upgrade-v6";
    // The stores of version 6 exactly as they shipped.
    const old = new Dexie(name);
    old.version(6).stores({
      items: "id, createdAt, updatedAt, category, favourite, wearCount, price, deletedAt, *seasons, *occasions",
      images: "id, itemId, sha256",
      profile: "id",
      predictions: "id, itemId, createdAt, outcome",
      settings: "key",
      outfits: "id, createdAt, updatedAt",
      wearLog: "id, date, outfitId, createdAt, updatedAt, *itemIds",
      learner: "id",
    });
    const photo = await fakePhoto(3);
    const item = { id: "item-old-0001", createdAt: 1, updatedAt: 1, deletedAt: null, name: "old", imageId: "image-old-0001" };
    const image = { id: "image-old-0001", itemId: item.id, createdAt: 1, updatedAt: 1, ...photo };
    await old.table("items").put(item);
    await old.table("images").put(image);
    old.close();

    const upgraded = new CuratorDB(name);
    await upgraded.open();
    expect(upgraded.verno).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(7);
    expect(await upgraded.items.get(item.id)).toEqual(item);
    expect(await withBytes(await upgraded.images.get(image.id))).toEqual(await withBytes(image));
    expect(await upgraded.sourcePhotos.count()).toBe(0);
    expect(await upgraded.images.where("sourcePhotoId").equals("anything").count()).toBe(0);
    await upgraded.delete();
  });
});
