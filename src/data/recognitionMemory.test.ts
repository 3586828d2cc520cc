import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CuratorDB, db } from "./db";
import { addItemWithPhoto, deleteItem, updateItem } from "./items";
import { resolveReview } from "./predictions";
import { itemsToRefingerprint, personalExamples, storeFingerprint, taughtByUser, taughtKinds } from "./recognitionMemory";
import { fakePhoto } from "./testing";
import { newItem } from "@domain/wardrobe/item";
import type { Item, Recognition } from "@domain/wardrobe/types";

const E4 = { name: "garment-embedder", version: 4 };
const E3 = { name: "garment-embedder", version: 3 };
const recognised = (subtype: string, extra = {}) => ({
  category: null,
  subtype: null,
  embedding: [1, 0, 0],
  embeddedBy: E4,
  recognition: {
    modelVersion: { name: "garment-classifier", version: 4 },
    top: [{ category: "bag" as const, subtype, confidence: 0.6 }],
    confirmedByUser: false,
    needsReview: true,
  },
  ...extra,
});

beforeEach(async () => {
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe("recognition memory (derived from items)", () => {
  it("counts only items the user confirmed or corrected, made by the same embedder", async () => {
    const a = await addItemWithPhoto(await fakePhoto(1), recognised("handbag"));
    await addItemWithPhoto(await fakePhoto(2), recognised("handbag")); // still pending: not taught
    await addItemWithPhoto(
      await fakePhoto(3),
      recognised("handbag", {
        embeddedBy: E3,
        category: "bag",
        subtype: "handbag",
        recognition: { modelVersion: { name: "garment-classifier", version: 3 }, top: [], confirmedByUser: true },
      }),
    );
    expect(await personalExamples(E4)).toEqual([]);
    await resolveReview(a.id, "bottom", "shorts");
    // The cache is dropped by the change: the very next photo sees the correction.
    expect(await personalExamples(E4)).toEqual([{ embedding: [1, 0, 0], category: "bottom", subtype: "shorts" }]);
    expect(await personalExamples(E3)).toHaveLength(1);
  });

  it("learns from a kind changed later in the editor, and forgets a deleted item", async () => {
    const a = await addItemWithPhoto(
      await fakePhoto(1),
      recognised("handbag", {
        category: "bag",
        subtype: "handbag",
        recognition: {
          modelVersion: { name: "garment-classifier", version: 4 },
          top: [{ category: "bag", subtype: "handbag", confidence: 0.97 }],
          confirmedByUser: false,
          needsReview: false,
        },
      }),
    );
    expect(await personalExamples(E4)).toEqual([]); // accepted as predicted: nothing taught
    await updateItem(a.id, { category: "dress", subtype: "kimono" });
    expect(await personalExamples(E4)).toEqual([{ embedding: [1, 0, 0], category: "dress", subtype: "kimono" }]);
    expect((await taughtKinds()).dress).toEqual(["kimono"]);
    await deleteItem(a.id);
    expect(await personalExamples(E4)).toEqual([]);
    expect((await taughtKinds()).dress).toEqual([]);
  });

  it("an import adding items that teach nothing keeps the examples read once; a change to what is taught is seen at once", async () => {
    const confirmed = (subtype: string) =>
      recognised(subtype, {
        category: "bag",
        subtype,
        recognition: { modelVersion: { name: "garment-classifier", version: 4 }, top: [], confirmedByUser: true },
      });
    const taught = await addItemWithPhoto(await fakePhoto(1), confirmed("handbag"));
    const first = await personalExamples(E4);
    expect(first).toHaveLength(1);
    // Photos imported: predictions pending or accepted, nothing taught. The same read serves them all.
    const pending = await addItemWithPhoto(await fakePhoto(2), recognised("backpack"));
    const other = await addItemWithPhoto(await fakePhoto(3), recognised("backpack"));
    await updateItem(pending.id, { name: "Blue backpack", favourite: true });
    await deleteItem(other.id);
    expect(await personalExamples(E4)).toBe(first);
    // Taught in the review: read again.
    await resolveReview(pending.id, "bag", "backpack");
    const second = await personalExamples(E4);
    expect(second).not.toBe(first);
    expect(second.map((e) => e.subtype)).toEqual(["handbag", "backpack"]);
    // Any change to a taught item (its updatedAt orders the examples), a new taught item, a deleted one: read again.
    await updateItem(taught.id, { wearCount: 3 });
    const third = await personalExamples(E4);
    expect(third.map((e) => e.subtype)).toEqual(["backpack", "handbag"]);
    await addItemWithPhoto(await fakePhoto(4), confirmed("tote"));
    expect((await personalExamples(E4)).map((e) => e.subtype)).toEqual(["backpack", "handbag", "tote"]);
    await deleteItem(taught.id);
    expect((await personalExamples(E4)).map((e) => e.subtype)).toEqual(["backpack", "tote"]);
  });

  it("a correction made in another tab (another connection: no hook here sees it) is learnt at once", async () => {
    const pending = await addItemWithPhoto(await fakePhoto(1), recognised("backpack"));
    expect(await personalExamples(E4)).toEqual([]);
    const otherTab = new CuratorDB();
    try {
      const stored = (await otherTab.items.get(pending.id))!;
      await otherTab.items.put({
        ...stored,
        category: "bag",
        subtype: "backpack",
        recognition: { ...stored.recognition!, confirmedByUser: true, needsReview: false },
      });
      expect((await personalExamples(E4)).map((e) => e.subtype)).toEqual(["backpack"]);
      // This tab's own import still reads nothing again.
      const kept = await personalExamples(E4);
      await addItemWithPhoto(await fakePhoto(2), recognised("handbag"));
      expect(await personalExamples(E4)).toBe(kept);
    } finally {
      otherTab.close();
    }
  });

  it("a wardrobe deleted and made again is read afresh (no hook sees a deleted database)", async () => {
    await addItemWithPhoto(
      await fakePhoto(1),
      recognised("handbag", {
        category: "bag",
        subtype: "handbag",
        recognition: { modelVersion: { name: "garment-classifier", version: 4 }, top: [], confirmedByUser: true },
      }),
    );
    expect(await personalExamples(E4)).toHaveLength(1);
    await db.delete();
    await db.open();
    await addItemWithPhoto(await fakePhoto(2), recognised("backpack")); // teaches nothing: no hook drops the cache
    expect(await personalExamples(E4)).toEqual([]);
  });

  it("finds fingerprints from another embedder and replaces them without an edit", async () => {
    const old = await addItemWithPhoto(await fakePhoto(1), { embedding: [0, 1, 0] }, 1000);
    await addItemWithPhoto(await fakePhoto(2), { embedding: [0, 1, 0], embeddedBy: E4 }, 1000);
    expect((await itemsToRefingerprint(E4)).map((i) => i.id)).toEqual([old.id]);
    await storeFingerprint(old.id, [0, 0, 1], E4, "ff00");
    const after = await db.items.get(old.id);
    expect(after).toMatchObject({ embedding: [0, 0, 1], embeddedBy: E4, silhouette: "ff00", updatedAt: 1000 });
    expect(await itemsToRefingerprint(E4)).toEqual([]);
  });
});

describe("taughtByUser", () => {
  const said = (recognition: Partial<Recognition> | null, fields: Partial<Item> = { category: "top", subtype: "t-shirt" }) =>
    taughtByUser(
      newItem("i", 1, {
        ...fields,
        recognition: recognition && {
          modelVersion: { name: "garment-classifier", version: 6 },
          top: [{ category: "top", subtype: "t-shirt", confidence: 0.97 }],
          confirmedByUser: false,
          needsReview: false,
          ...recognition,
        },
      }),
    );

  it("a kind the user confirmed, or changed from the accepted prediction, is taught", () => {
    expect(said({ confirmedByUser: true })).toBe(true);
    expect(said({ confirmedByUser: true, needsReview: true })).toBe(true);
    expect(said({}, { category: "top", subtype: "shirt" })).toBe(true); // only the kind changed
    expect(said({}, { category: "dress", subtype: "t-shirt" })).toBe(true); // only the category changed
  });

  it("an accepted prediction, one still waiting for review, a kind left unset or an item never recognised teach nothing", () => {
    expect(said({})).toBe(false);
    expect(said({ needsReview: true }, { category: "dress", subtype: "dress" })).toBe(false);
    expect(said({ top: [] }, { category: "dress", subtype: "dress" })).toBe(false);
    expect(said({ confirmedByUser: true }, { category: null, subtype: "t-shirt" })).toBe(false);
    expect(said({ confirmedByUser: true }, { category: "top", subtype: null })).toBe(false);
    expect(said(null)).toBe(false);
  });
});

describe("the examples and the fingerprints to remake", () => {
  const taught = (subtype: string) =>
    recognised("handbag", { category: "bag", subtype, recognition: { ...recognised("handbag").recognition, confirmedByUser: true } });

  it("gives the examples oldest change first", async () => {
    const late = await addItemWithPhoto(await fakePhoto(1), taught("tote"), 3000);
    await addItemWithPhoto(await fakePhoto(2), taught("clutch"), 2000);
    await updateItem(late.id, { notes: "now the newest" }, 4000);
    await addItemWithPhoto(await fakePhoto(3), taught("satchel"), 1000);
    expect((await personalExamples(E4)).map((e) => e.subtype)).toEqual(["satchel", "clutch", "tote"]);
  });

  it("leaves out deleted items, items without a photo to remake from, and items without a fingerprint", async () => {
    const keep = await addItemWithPhoto(await fakePhoto(1), { embedding: [0, 1, 0] });
    const gone = await addItemWithPhoto(await fakePhoto(2), { embedding: [0, 1, 0] });
    await deleteItem(gone.id);
    await addItemWithPhoto(await fakePhoto(3), { embedding: null });
    const noPhoto = await addItemWithPhoto(await fakePhoto(4), { embedding: [0, 1, 0] });
    await db.items.update(noPhoto.id, { imageId: null });
    expect((await itemsToRefingerprint(E4)).map((i) => i.id)).toEqual([keep.id]);
  });
});
