import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "./db";
import { StorageFullError } from "./errors";
import { addItemWithPhoto, deleteItem, getItem, listItems, purgeDeleted, restoreItem, updateItem, UNDO_WINDOW_MS } from "./items";
import { getImage } from "./images";
import { fakePhoto } from "./testing";

beforeEach(async () => {
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe("items repository", () => {
  it("stores an item and its photo together, with ids and timestamps", async () => {
    const item = await addItemWithPhoto(await fakePhoto(1), { name: "Blue shirt" }, 1000);
    expect(item.id).toMatch(/^[0-9a-f-]{36}$/);
    const stored = await getItem(item.id);
    expect(stored).toMatchObject({ name: "Blue shirt", createdAt: 1000, updatedAt: 1000, deletedAt: null, recognition: null, embedding: null });
    const image = await getImage(item.imageId!);
    expect(image?.itemId).toBe(item.id);
    expect(new Uint8Array(await image!.original.arrayBuffer())).toEqual(new Uint8Array(await (await fakePhoto(1)).original.arrayBuffer()));
  });

  it("a quota failure while writing the photo leaves no item and no photo behind", async () => {
    await addItemWithPhoto(await fakePhoto(1), { name: "existing" });
    const quota = new DOMException("The quota has been exceeded.", "QuotaExceededError");
    // The item write succeeds first; the image write then fails inside the same transaction.
    const failImageWrite = () => {
      throw quota;
    };
    db.images.hook("creating", failImageWrite);
    await expect(addItemWithPhoto(await fakePhoto(2), { name: "new" })).rejects.toBeInstanceOf(StorageFullError);
    db.images.hook("creating").unsubscribe(failImageWrite);
    const names = (await listItems()).map((i) => i.name);
    expect(names).toEqual(["existing"]);
    expect(await db.items.count()).toBe(1);
    expect(await db.images.count()).toBe(1);
  });

  it("the quota message is one a person can act on", async () => {
    expect(new StorageFullError().message).toMatch(/no room left.*Nothing was saved/);
  });

  it("edits persist and bump updatedAt", async () => {
    const item = await addItemWithPhoto(await fakePhoto(1), {}, 1000);
    const next = await updateItem(item.id, { brand: "Acme", price: 25, neckline: "v-neck", seasons: ["summer"] }, 2000);
    expect(next.updatedAt).toBe(2000);
    expect(await getItem(item.id)).toMatchObject({ brand: "Acme", price: 25, neckline: "v-neck", seasons: ["summer"] });
  });

  it("delete hides the item, undo restores it, purge after the window frees the photo but keeps a tombstone", async () => {
    const item = await addItemWithPhoto(await fakePhoto(1), {}, 1000);
    await deleteItem(item.id, 5000);
    expect(await listItems()).toHaveLength(0);
    expect(await restoreItem(item.id, 6000)).toBe(true);
    expect(await listItems()).toHaveLength(1);

    await deleteItem(item.id, 7000);
    expect(await purgeDeleted(7000 + UNDO_WINDOW_MS - 1)).toBe(0);
    expect(await purgeDeleted(7000 + UNDO_WINDOW_MS)).toBe(1);
    expect(await db.images.count()).toBe(0);
    const tomb = await getItem(item.id);
    expect(tomb).toMatchObject({ deletedAt: 7000, imageId: null });
    expect(await restoreItem(item.id, 7000 + UNDO_WINDOW_MS)).toBe(false);
  });

  it("editing a deleted item is refused", async () => {
    const item = await addItemWithPhoto(await fakePhoto(1));
    await deleteItem(item.id);
    await expect(updateItem(item.id, { name: "x" })).rejects.toThrow(/no longer exists/);
  });
});
