import { describe, expect, it } from "vitest";
import { testJpeg } from "../testing";
import { fitSourceBox, parseImageEntry, parseSourcePhotoEntry, photoBytesType, photoFromEntry, sourceFromEntry } from "./photos";
import { parsePrediction, predictions } from "./predictions";
import { outfits, parseOutfit } from "./outfits";
import { RecordProblem } from "./document";
import { refusesEach, why } from "./recordTestkit";

// The record parsers of photos and predictions, field by field: what a backup file or a
// bucket may hold, and the words each refusal gives (the import names the record and why).

const ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const ITEM = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const SOURCE = "16fd2706-8baf-433b-82eb-8c7fada847da";
const SHA = "ab".repeat(32);

describe("a photo's entry (parseImageEntry)", () => {
  const entry = {
    id: ID,
    itemId: ITEM,
    createdAt: 1_000,
    updatedAt: 2_000,
    width: 640,
    height: 480,
    mimeType: "image/jpeg",
    sha256: SHA,
    original: "photos/a.jpg",
    thumbnail: "photos/a.thumb.jpg",
    thumbnailType: "image/jpeg",
  };

  it("reads a good entry to exactly its fields; an old one without a thumbnail type had WebP thumbnails", () => {
    expect(parseImageEntry({ ...entry, extra: 1 })).toEqual(entry);
    const { thumbnailType: _t, ...old } = entry;
    expect(parseImageEntry(old).thumbnailType).toBe("image/webp");
  });

  it("refuses each damaged field with its reason", () => {
    const cases: [unknown, string][] = [
      [null, "not described"],
      [[entry], "not described"],
      [{ ...entry, id: 5 }, "missing id"],
      [{ ...entry, itemId: undefined }, "missing id"],
      [{ ...entry, id: "short" }, "id is missing or malformed"],
      [{ ...entry, id: "has a space in it" }, "id is missing or malformed"],
      [{ ...entry, itemId: "x" }, "itemId is missing or malformed"],
      [{ ...entry, createdAt: "1000" }, "missing dates"],
      [{ ...entry, updatedAt: undefined }, "missing dates"],
      [{ ...entry, createdAt: -1 }, "createdAt must be a time"],
      [{ ...entry, updatedAt: -1 }, "updatedAt must be a time"],
      [{ ...entry, width: 0 }, "width must be a whole number of pixels from 1 to 16384"],
      [{ ...entry, width: 16_385 }, "width must be a whole number of pixels from 1 to 16384"],
      [{ ...entry, width: 10.5 }, "width must be a whole number of pixels from 1 to 16384"],
      [{ ...entry, width: "640" }, "width must be a whole number of pixels from 1 to 16384"],
      [{ ...entry, height: 0 }, "height must be a whole number of pixels from 1 to 16384"],
      [{ ...entry, width: 12_000, height: 10_001 }, "12000 × 10001 is more than 120 megapixels"],
      [{ ...entry, mimeType: "image/svg+xml" }, "mimeType is not a photo type"],
      [{ ...entry, mimeType: 1 }, "mimeType is not a photo type"],
      [{ ...entry, sha256: SHA.toUpperCase() }, "missing checksum"],
      [{ ...entry, sha256: undefined }, "missing checksum"],
      [{ ...entry, original: 1 }, "missing file names"],
      [{ ...entry, thumbnail: null }, "missing file names"],
      [{ ...entry, thumbnailType: "text/html" }, "thumbnailType is not a photo type"],
      [{ ...entry, sourcePhotoId: "x" }, "sourcePhotoId is missing or malformed"],
    ];
    refusesEach(parseImageEntry, cases);
  });

  it("accepts the edges: 1 pixel and 16,384 pixels a side, exactly 120 megapixels", () => {
    expect(parseImageEntry({ ...entry, width: 1, height: 1 })).toMatchObject({ width: 1, height: 1 });
    expect(parseImageEntry({ ...entry, width: 16_384, height: 7_324 })).toMatchObject({ width: 16_384 });
    expect(parseImageEntry({ ...entry, width: 12_000, height: 10_000 })).toMatchObject({ width: 12_000, height: 10_000 });
  });

  it("a piece names its shared photo; its box is kept only with one, and a bad box is dropped, not refused", () => {
    const box = [10, 10, 60, 60];
    expect(parseImageEntry({ ...entry, sourcePhotoId: null, sourceBox: box })).toEqual(entry);
    expect(parseImageEntry({ ...entry, sourceBox: box })).toEqual(entry);
    const piece = parseImageEntry({ ...entry, sourcePhotoId: SOURCE, sourceBox: box });
    expect(piece).toMatchObject({ sourcePhotoId: SOURCE, sourceBox: box });
    expect(parseImageEntry({ ...entry, sourcePhotoId: SOURCE, sourceBox: "everywhere" })).not.toHaveProperty("sourceBox");
  });
});

describe("a shared photo's entry (parseSourcePhotoEntry)", () => {
  const source = { id: SOURCE, createdAt: 1_000, width: 4000, height: 3000, mimeType: "image/jpeg", sha256: SHA, file: "sources/s.jpg" };

  it("reads a good one to exactly its fields, and refuses each damaged field with its reason", () => {
    expect(parseSourcePhotoEntry({ ...source, extra: true })).toEqual(source);
    const cases: [unknown, string][] = [
      ["photo", "not described"],
      [{ ...source, width: 0 }, "width must be a whole number of pixels from 1 to 16384"],
      [{ ...source, height: 16_385 }, "height must be a whole number of pixels from 1 to 16384"],
      [{ ...source, width: 12_000, height: 10_001 }, "12000 × 10001 is more than 120 megapixels"],
      [{ ...source, sha256: "abc" }, "missing checksum"],
      [{ ...source, sha256: 7 }, "missing checksum"],
      [{ ...source, file: "" }, "missing file name"],
      [{ ...source, file: 3 }, "missing file name"],
      [{ ...source, id: "x" }, "id is missing or malformed"],
      [{ ...source, createdAt: null }, "createdAt must be a time"],
      [{ ...source, mimeType: "application/pdf" }, "mimeType is not a photo type"],
    ];
    refusesEach(parseSourcePhotoEntry, cases);
    expect(parseSourcePhotoEntry({ ...source, width: 12_000, height: 10_000 }).height).toBe(10_000);
  });

  it("its bytes must be an image Curator stores: the blob gets the type the bytes have", async () => {
    const jpeg = testJpeg(1);
    const stored = sourceFromEntry({ ...source, mimeType: "image/png" }, jpeg);
    expect(stored.blob.type).toBe("image/jpeg");
    expect(stored).not.toHaveProperty("file");
    expect(why(() => sourceFromEntry(source, new TextEncoder().encode("<svg onload=alert(1)>")))).toMatch(/^the original photo is not an image: /);
  });
});

describe("a photo's bytes", () => {
  it("photoFromEntry types each blob by its bytes (never the declared type) and refuses what is not a raster image", () => {
    const entry = parseImageEntry({
      id: ID,
      itemId: ITEM,
      createdAt: 1,
      updatedAt: 1,
      width: 64,
      height: 48,
      mimeType: "image/png",
      sha256: SHA,
      original: "o",
      thumbnail: "t",
      thumbnailType: "image/png",
    });
    const image = photoFromEntry(entry, testJpeg(1), testJpeg(2, 16, 16));
    expect([image.original.type, image.thumbnail.type]).toEqual(["image/jpeg", "image/jpeg"]);
    expect(image).not.toHaveProperty("thumbnailType");
    expect(why(() => photoFromEntry(entry, new TextEncoder().encode("<html>"), testJpeg(2)))).toMatch(/^the original is not an image: /);
    expect(why(() => photoFromEntry(entry, testJpeg(1), new Uint8Array(3)))).toMatch(/^the thumbnail is not an image: /);
    expect(photoBytesType(testJpeg(3), "x")).toBe("image/jpeg");
  });

  it("fitSourceBox keeps a box that lies inside its shared photo and drops one that does not, or whose photo is unknown", () => {
    const sizes = new Map([[SOURCE, { width: 100, height: 100 }]]);
    const inside = { sourcePhotoId: SOURCE, sourceBox: [10, 10, 60, 60] };
    expect(fitSourceBox(inside as never, sizes)).toBe(inside);
    expect(fitSourceBox({ sourcePhotoId: SOURCE, sourceBox: [80, 80, 130, 130] } as never, sizes)).toEqual({ sourcePhotoId: SOURCE });
    expect(fitSourceBox({ sourcePhotoId: ITEM, sourceBox: inside.sourceBox } as never, sizes)).toEqual({ sourcePhotoId: ITEM });
    const none = { sourcePhotoId: SOURCE };
    expect(fitSourceBox(none as never, sizes)).toBe(none);
  });
});

describe("a prediction record (parsePrediction)", () => {
  const log = {
    id: ID,
    itemId: ITEM,
    createdAt: 1_000,
    updatedAt: 2_000,
    modelVersion: { name: "classifier", version: 3 },
    embedderVersion: "embedder@v2",
    backend: "wasm",
    top: [{ index: 3, category: "top", subtype: "shirt", label: "Shirt", confidence: 0.8 }],
    confidence: 0.8,
    threshold: 0.93,
    outcome: "corrected",
    finalCategory: "bottom",
    finalSubtype: "jeans",
    correctedAt: 3_000,
    timings: { classify: 5.5, embed: null },
  };

  it("reads a good record (a timing JSON wrote as null left out; 'not clothing' only when true)", () => {
    const read = parsePrediction(log);
    expect(read).toMatchObject({ ...log, timings: { classify: 5.5 } });
    expect(read).not.toHaveProperty("notClothing");
    expect(parsePrediction({ ...log, notClothing: true }).notClothing).toBe(true);
    expect(parsePrediction({ ...log, notClothing: "yes" })).not.toHaveProperty("notClothing");
    expect(parsePrediction({ ...log, finalCategory: null, finalSubtype: null, correctedAt: null })).toMatchObject({
      finalCategory: null,
      finalSubtype: null,
      correctedAt: null,
    });
    expect(predictions.version(read)).toBe(`r ${ID} 2000`);
  });

  it("refuses each damaged field with its reason", () => {
    const top = log.top[0]!;
    const cases: [unknown, string][] = [
      [7, "not an object"],
      [{ ...log, top: "shirt" }, "top must be a list"],
      [{ ...log, top: [null] }, "not an object"],
      [{ ...log, top: [{ ...top, index: "3" }] }, "a top index must be a number"],
      [{ ...log, top: [{ ...top, category: "hat" }] }, "a top category has an unknown value"],
      [{ ...log, top: [{ ...top, subtype: 1 }] }, "a top subtype must be text"],
      [{ ...log, top: [{ ...top, label: "x".repeat(201) }] }, "a top label must be text"],
      [{ ...log, top: [{ ...top, confidence: null }] }, "a top confidence must be a number"],
      [{ ...log, timings: { classify: "fast" } }, 'timing "classify" must be a number'],
      [{ ...log, timings: [] }, "not an object"],
      [{ ...log, id: "1" }, "id is missing or malformed"],
      [{ ...log, itemId: null }, "itemId is missing or malformed"],
      [{ ...log, createdAt: "now" }, "createdAt must be a time"],
      [{ ...log, updatedAt: -5 }, "updatedAt must be a time"],
      [{ ...log, modelVersion: 3 }, "modelVersion must name a model"],
      [{ ...log, modelVersion: `${"m".repeat(190)}@${"v".repeat(10)}` }, "modelVersion must name a model"],
      [{ ...log, embedderVersion: null }, "embedderVersion must name a model"],
      [{ ...log, backend: 1 }, "backend must be text"],
      [{ ...log, confidence: "high" }, "confidence must be a number"],
      [{ ...log, threshold: undefined }, "threshold must be a number"],
      [{ ...log, outcome: "maybe" }, "outcome has an unknown value"],
      [{ ...log, finalCategory: "hat" }, "finalCategory has an unknown value"],
      [{ ...log, finalSubtype: 4 }, "finalSubtype must be text"],
      [{ ...log, correctedAt: "later" }, "correctedAt must be a time"],
    ];
    refusesEach(parsePrediction, cases);
  });

  it("a model named by text of exactly 200 characters is read; one character more is refused", () => {
    const at200 = `${"m".repeat(190)}@${"v".repeat(9)}`;
    expect(at200.length).toBe(200);
    expect(() => parsePrediction({ ...log, modelVersion: at200 })).not.toThrow();
  });
});

describe("a saved outfit (parseOutfit)", () => {
  const outfit = { id: ID, createdAt: 1_000, updatedAt: 2_000, itemIds: [ITEM, SOURCE], name: "Monday", score: 0.5, deletedAt: null };

  it("reads a good record to exactly its fields; a score may be absent, 0 or 1", () => {
    expect(parseOutfit({ ...outfit, extra: 1 })).toEqual(outfit);
    expect(parseOutfit({ ...outfit, score: null }).score).toBeNull();
    expect(parseOutfit({ ...outfit, score: 0 }).score).toBe(0);
    expect(parseOutfit({ ...outfit, score: 1 }).score).toBe(1);
    expect(parseOutfit({ ...outfit, deletedAt: 3_000 }).deletedAt).toBe(3_000);
  });

  it("refuses each damaged field with its reason", () => {
    refusesEach(parseOutfit, [
      [{ ...outfit, name: "   " }, "name is empty"],
      [{ ...outfit, name: 5 }, "name must be text"],
      [{ ...outfit, score: 1.01 }, "score must be between 0 and 1"],
      [{ ...outfit, score: -0.01 }, "score must be between 0 and 1"],
      [{ ...outfit, score: "high" }, "score must be a number"],
      [{ ...outfit, id: 1 }, "id is missing or malformed"],
      [{ ...outfit, createdAt: "x" }, "createdAt must be a time"],
      [{ ...outfit, updatedAt: -1 }, "updatedAt must be a time"],
      [{ ...outfit, itemIds: [] }, "itemIds must be a list of items"],
      [{ ...outfit, deletedAt: "x" }, "deletedAt must be a time"],
    ]);
  });

  it("its version names the combination and its date, and marks a deleted one", () => {
    const live = outfits.version(parseOutfit(outfit));
    expect(live).toBe(outfits.version(parseOutfit({ ...outfit, id: SOURCE, itemIds: [SOURCE, ITEM] }))); // same items, another id
    expect(outfits.version(parseOutfit({ ...outfit, deletedAt: 3_000 }))).toBe(`${live}†`);
    expect(outfits.version(parseOutfit({ ...outfit, updatedAt: 2_001 }))).not.toBe(live);
    expect(live.startsWith("o ")).toBe(true);
  });
});

describe("RecordProblem", () => {
  it("says which kind, which record and what is wrong", () => {
    expect(new RecordProblem("outfits", 3, "invalid", "name is empty").message).toBe("outfits 3: invalid (name is empty)");
    expect(new RecordProblem("learner", null, "missing").message).toBe("learner: missing");
    expect(new RecordProblem("images", 1, "twice")).toMatchObject({ name: "RecordProblem", kind: "images", index: 1, code: "twice", why: "" });
  });
});
