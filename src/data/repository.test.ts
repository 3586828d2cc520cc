import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import type { PredictionLog } from "@domain/vision/predictionLog";
import { newItem } from "@domain/wardrobe/item";
import type { Item } from "@domain/wardrobe/types";
import { freshDatabasePerTest } from "./backupTestkit";
import { db } from "./db";
import { asStorageError, isQuotaError, StorageFullError, userMessage } from "./errors";
import {
  addItemsFromPieces,
  addItemWithPhoto,
  bulkAddItems,
  countItems,
  deleteItem,
  listItems,
  listNewestItems,
  possibleTwins,
  purgeDeleted,
  restoreItem,
  UNDO_WINDOW_MS,
  updateItem,
} from "./items";
import { allPredictions, needingReview, predictionCount, predictionsForItem, resolveReview } from "./predictions";
import { fakePhoto } from "./testing";

freshDatabasePerTest();

// The item and prediction repositories and the storage errors (items.ts, predictions.ts,
// errors.ts), on IndexedDB (fake-indexeddb) through the app's own Dexie database.

const prediction = (over: Partial<PredictionLog> = {}): Omit<PredictionLog, "itemId"> => ({
  id: crypto.randomUUID(),
  createdAt: 1_000,
  updatedAt: 1_000,
  modelVersion: "classifier@v1",
  embedderVersion: "embedder@v1",
  backend: "wasm",
  top: [{ index: 0, category: "top", subtype: "t-shirt", label: "T-shirt", confidence: 0.7 }],
  confidence: 0.7,
  threshold: 0.93,
  outcome: "pending",
  finalCategory: null,
  finalSubtype: null,
  correctedAt: null,
  timings: {},
  ...over,
});

async function stored(id: string): Promise<Item> {
  const item = await db.items.get(id);
  if (!item) throw new Error(`no item ${id}`);
  return item;
}

describe("adding items", () => {
  it("a new item's predictions are stored with it, each stamped with the item's id; none is fine too", async () => {
    const item = await addItemWithPhoto(await fakePhoto(1), { name: "Tee" }, 1_000, { predictions: [prediction(), prediction({ createdAt: 2_000 })] });
    const logs = await predictionsForItem(item.id);
    expect(logs.map((l) => [l.itemId, l.createdAt])).toEqual([
      [item.id, 1_000],
      [item.id, 2_000],
    ]);
    await addItemWithPhoto(await fakePhoto(2), { name: "Plain" }, 1_000);
    expect(await predictionCount()).toBe(2);
  });

  it("pieces of one photo: the photo once, each piece an item with its own photo, its box if it fits, its predictions; none is refused", async () => {
    await expect(
      addItemsFromPieces({ blob: new Blob(["x"]), width: 100, height: 80, mimeType: "image/jpeg", sha256: "ab".repeat(32) } as never, []),
    ).rejects.toThrow("No pieces to store.");
    const source = { blob: new Blob(["photo"], { type: "image/jpeg" }), width: 100, height: 80, mimeType: "image/jpeg", sha256: "cd".repeat(32) };
    const items = await addItemsFromPieces(
      source as never,
      [
        { photo: await fakePhoto(1), box: { x: 10, y: 10, width: 20, height: 30 }, init: { name: "A" }, related: { predictions: [prediction()] } },
        { photo: await fakePhoto(2), init: { name: "B" } },
      ] as never,
      5_000,
    );
    expect(items.map((i) => i.name)).toEqual(["A", "B"]);
    const sources = await db.sourcePhotos.toArray();
    expect(sources).toHaveLength(1);
    const images = await Promise.all(items.map((i) => db.images.get(i.imageId!)));
    expect(images.map((img) => [img?.itemId, img?.sourcePhotoId, img?.createdAt])).toEqual([
      [items[0]!.id, sources[0]!.id, 5_000],
      [items[1]!.id, sources[0]!.id, 5_000],
    ]);
    expect(images[0]?.sourceBox).toBeDefined();
    expect(images[1]).not.toHaveProperty("sourceBox");
    expect((await predictionsForItem(items[0]!.id)).map((p) => p.itemId)).toEqual([items[0]!.id]);
    expect(await predictionsForItem(items[1]!.id)).toEqual([]);
  });

  it("bulkAddItems stores items with and without photos in one go", async () => {
    const withPhoto = newItem("i1", 1_000, { name: "With", imageId: "img1" });
    const without = newItem("i2", 1_000, { name: "Without" });
    const photo = await fakePhoto(3);
    await bulkAddItems([
      { item: withPhoto, image: { id: "img1", itemId: "i1", createdAt: 1_000, updatedAt: 1_000, ...photo } },
      { item: without, image: null },
    ]);
    expect((await listItems()).map((i) => i.name).sort()).toEqual(["With", "Without"]);
    expect(await db.images.count()).toBe(1);
    await bulkAddItems([{ item: newItem("i3", 1_000, { name: "Alone" }), image: null }]);
    expect(await db.images.count()).toBe(1);
    expect(await countItems()).toBe(3);
  });
});

describe("reading items", () => {
  async function wardrobe() {
    const ids: string[] = [];
    for (const [i, category] of (["top", "bottom", "top", "top"] as const).entries())
      ids.push((await addItemWithPhoto(await fakePhoto(i + 1), { name: `#${i}`, category }, 1_000 + i * 100)).id);
    await deleteItem(ids[2]!, 2_000);
    return ids;
  }

  it("lists the items not deleted; the newest first and only so many; counts them", async () => {
    await wardrobe();
    expect((await listItems()).map((i) => i.name).sort()).toEqual(["#0", "#1", "#3"]);
    expect((await listNewestItems(2)).map((i) => i.name)).toEqual(["#3", "#1"]);
    expect((await listNewestItems(10)).map((i) => i.name)).toEqual(["#3", "#1", "#0"]);
    expect(await countItems()).toBe(3);
  });

  it("possible twins: the live items of that category; none for an item still waiting for its category", async () => {
    await wardrobe();
    expect((await possibleTwins("top")).map((i) => i.name).sort()).toEqual(["#0", "#3"]);
    expect((await possibleTwins("bottom")).map((i) => i.name)).toEqual(["#1"]);
    expect(await possibleTwins("shoes")).toEqual([]);
    expect(await possibleTwins(null as never)).toEqual([]);
  });
});

describe("edits, deletes and undo keep updatedAt moving forward", () => {
  it("an edit or delete with a clock behind the item's last change still dates it later", async () => {
    const item = await addItemWithPhoto(await fakePhoto(1), { name: "A" }, 10_000);
    expect((await updateItem(item.id, { name: "B" }, 5_000)).updatedAt).toBe(10_001);
    expect((await updateItem(item.id, { name: "C" }, 20_000)).updatedAt).toBe(20_000);
    await deleteItem(item.id, 15_000);
    expect(await stored(item.id)).toMatchObject({ deletedAt: 15_000, updatedAt: 20_001 });
    // Deleting again changes nothing.
    await deleteItem(item.id, 30_000);
    expect(await stored(item.id)).toMatchObject({ deletedAt: 15_000, updatedAt: 20_001 });
    await expect(updateItem(item.id, { name: "D" }, 40_000)).rejects.toThrow("This item no longer exists.");
    await expect(updateItem("nope", { name: "D" })).rejects.toThrow("This item no longer exists.");
  });

  it("undo works within the window only, never for an item not deleted or whose photo is gone, and dates the item later", async () => {
    const item = await addItemWithPhoto(await fakePhoto(1), { name: "A" }, 10_000);
    expect(await restoreItem(item.id, 11_000)).toBe(false);
    await deleteItem(item.id, 50_000);
    expect(await restoreItem(item.id, 50_000 + UNDO_WINDOW_MS)).toBe(false);
    expect(await restoreItem(item.id, 40_000)).toBe(true); // a clock behind: still dated after the delete
    expect(await stored(item.id)).toMatchObject({ deletedAt: null, updatedAt: 50_001 });
    await deleteItem(item.id, 60_000);
    await db.images.delete(item.imageId!);
    expect(await restoreItem(item.id, 60_001)).toBe(false);
    expect(await restoreItem("nope", 60_001)).toBe(false);
  });

  it("purge frees the photos of items deleted longer than the window ago (exactly the window counts), and counts them", async () => {
    const a = await addItemWithPhoto(await fakePhoto(1), { name: "A" }, 1_000);
    const b = await addItemWithPhoto(await fakePhoto(2), { name: "B" }, 1_000);
    await addItemWithPhoto(await fakePhoto(3), { name: "C" }, 1_000);
    await deleteItem(a.id, 10_000);
    await deleteItem(b.id, 10_001);
    expect(await purgeDeleted(10_000 + UNDO_WINDOW_MS)).toBe(1);
    expect(await stored(a.id)).toMatchObject({ imageId: null, deletedAt: 10_000 });
    expect(await db.images.get(a.imageId!)).toBeUndefined();
    expect((await stored(b.id)).imageId).toBe(b.imageId);
    // An item already without its photo is not counted again.
    expect(await purgeDeleted(10_001 + UNDO_WINDOW_MS)).toBe(1);
    expect(await purgeDeleted(99_999_999)).toBe(0);
    expect(await db.images.count()).toBe(1);
  });
});

describe("the prediction log and the review step", () => {
  it("lists the log oldest first, all or per item, and counts it", async () => {
    const a = await addItemWithPhoto(await fakePhoto(1), {}, 1_000, { predictions: [prediction({ createdAt: 3_000 }), prediction({ createdAt: 1_000 })] });
    await addItemWithPhoto(await fakePhoto(2), {}, 1_000, { predictions: [prediction({ createdAt: 2_000 })] });
    expect((await allPredictions()).map((p) => p.createdAt)).toEqual([1_000, 2_000, 3_000]);
    expect((await predictionsForItem(a.id)).map((p) => p.createdAt)).toEqual([1_000, 3_000]);
    expect(await predictionCount()).toBe(3);
  });

  it("items needing review: live ones the classifier was unsure of, oldest first", async () => {
    const unsure = (name: string, at: number) =>
      addItemWithPhoto(fakePhotoSync, { name, recognition: { modelVersion: "c", top: [], confirmedByUser: false, needsReview: true } }, at);
    const fakePhotoSync = await fakePhoto(1);
    const late = await unsure("late", 3_000);
    await unsure("early", 1_000);
    const gone = await unsure("gone", 2_000);
    await addItemWithPhoto(fakePhotoSync, { name: "sure", recognition: { modelVersion: "c", top: [], confirmedByUser: false, needsReview: false } }, 500);
    await addItemWithPhoto(fakePhotoSync, { name: "unknown" }, 400);
    await deleteItem(gone.id, 4_000);
    // From every stored item, deleted ones included (the screen passes its live items).
    expect(needingReview(await db.items.toArray()).map((i) => i.name)).toEqual(["early", "late"]);
    expect(late.recognition?.needsReview).toBe(true);
  });

  it("the user's answer files the item and marks its latest prediction confirmed or corrected, in one go", async () => {
    const recognition = { modelVersion: "c", top: [], confirmedByUser: false, needsReview: true };
    const first = prediction({ createdAt: 1_000 });
    const latest = prediction({ createdAt: 2_000 });
    const item = await addItemWithPhoto(await fakePhoto(1), { recognition }, 1_000, { predictions: [latest, first] });
    await resolveReview(item.id, "top", null, 9_000);
    expect(await stored(item.id)).toMatchObject({
      category: "top",
      subtype: null,
      updatedAt: 9_000,
      recognition: { needsReview: false, confirmedByUser: true },
    });
    const logs = await predictionsForItem(item.id);
    expect(logs[1]).toMatchObject({ id: latest.id, outcome: "confirmed", finalCategory: "top", finalSubtype: null, correctedAt: 9_000, updatedAt: 9_000 });
    expect(logs[0]).toMatchObject({ id: first.id, outcome: "pending", correctedAt: null });

    await resolveReview(item.id, "bottom", "jeans", 10_000);
    expect((await predictionsForItem(item.id))[1]).toMatchObject({ outcome: "corrected", finalCategory: "bottom", finalSubtype: "jeans" });
  });

  it("a 'not clothing' prediction keeps that outcome; an item without a log or recognition is still filed; a missing item is refused", async () => {
    const item = await addItemWithPhoto(await fakePhoto(1), {}, 1_000, { predictions: [prediction({ outcome: "no-garment" })] });
    await resolveReview(item.id, "accessory", "hat", 2_000);
    expect((await predictionsForItem(item.id))[0]).toMatchObject({ outcome: "no-garment", finalCategory: "accessory", finalSubtype: "hat" });
    const bare = await addItemWithPhoto(await fakePhoto(2), {}, 1_000);
    await resolveReview(bare.id, "shoes", null, 3_000);
    expect(await stored(bare.id)).toMatchObject({ category: "shoes", recognition: null });
    await expect(resolveReview("nope", "top", null)).rejects.toThrow("This item no longer exists");
  });
});

describe("storage errors in the user's words", () => {
  const quota = () => new DOMException("The quota has been exceeded.", "QuotaExceededError");

  it("recognises a quota failure however it arrives: raw, Firefox's name, or wrapped (Dexie's inner), but not a look-alike", () => {
    expect(isQuotaError(quota())).toBe(true);
    expect(isQuotaError(new DOMException("full", "NS_ERROR_DOM_QUOTA_REACHED"))).toBe(true);
    expect(isQuotaError(Object.assign(new Error("AbortError"), { name: "AbortError", inner: quota() }))).toBe(true);
    expect(isQuotaError(Object.assign(new Error("outer"), { inner: Object.assign(new Error("mid"), { inner: quota() }) }))).toBe(true);
    const selfish = Object.assign(new Error("loop"), { name: "AbortError" }) as Error & { inner?: unknown };
    selfish.inner = selfish;
    expect(isQuotaError(selfish)).toBe(false);
    expect(isQuotaError(Object.assign(new Error("x"), { inner: new Error("y") }))).toBe(false);
    expect(isQuotaError({ name: "QuotaExceededError" })).toBe(false);
    expect(isQuotaError("QuotaExceededError")).toBe(false);
    expect(isQuotaError(null)).toBe(false);
    expect(isQuotaError(new DOMException("gone", "NotFoundError"))).toBe(false);
  });

  it("turns quota failures into StorageFullError (keeping the cause) and leaves any other error as it was", () => {
    const q = quota();
    const full = asStorageError(q) as StorageFullError;
    expect(full).toBeInstanceOf(StorageFullError);
    expect(full).toMatchObject({ name: "StorageFullError", code: "storage-full", cause: q });
    expect(full.message).toBe(
      "Your device has no room left for Curator's data. Nothing was saved. Free up space (or export and remove some items) and try again.",
    );
    const other = new TypeError("bad");
    expect(asStorageError(other)).toBe(other);
  });

  it("userMessage: the storage words for a quota failure raw or wrapped, an error's own message, else a plain sentence", () => {
    const words = new StorageFullError().message;
    expect(userMessage(new StorageFullError())).toBe(words);
    expect(userMessage(quota())).toBe(words);
    expect(userMessage(new Error("This item no longer exists."))).toBe("This item no longer exists.");
    expect(userMessage(new Error(""))).toBe("Something went wrong.");
    expect(userMessage("a string")).toBe("Something went wrong.");
    expect(userMessage(undefined)).toBe("Something went wrong.");
  });
});
