import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "./db";
import { addItemWithPhoto, deleteItem, updateItem } from "./items";
import { resolveReview } from "./predictions";
import { itemsToRefingerprint, personalExamples, storeFingerprint, taughtKinds } from "./recognitionMemory";
import { fakePhoto } from "./testing";

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
