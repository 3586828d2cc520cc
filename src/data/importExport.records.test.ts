import "fake-indexeddb/auto";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it, vi } from "vitest";
import { createLearner } from "@domain/outfits";
import { newItem } from "@domain/wardrobe/item";
import { db } from "./db";
import { StorageFullError } from "./errors";
import { exportWardrobe } from "./exportWardrobe";
import { sha256Hex } from "./hash";
import { newId } from "./ids";
import { ImportFileError, type ImportFailure } from "./importErrors";
import { importWardrobe } from "./importWardrobe";
import { RECORD_KINDS } from "./schema";
import { addItemsFromPieces } from "./items";
import { loadLearner, saveOutfit } from "./outfits";
import { PROFILE_ID, saveFaceShape } from "./profile";
import { getConfidenceThreshold } from "./settings";
import { fakePhoto, testJpeg } from "./testing";
import { dump, edited, emptyDb, everything, freshDatabasePerTest, fullState, none, NOW, records, summary } from "./backupTestkit";

freshDatabasePerTest();

describe("export and import of the whole user state", () => {
  it("round-trips every kind of record into an empty database", async () => {
    await fullState();
    // And a flat-lay: two pieces cut out of one photo, which is kept once (issue 16).
    const bytes = testJpeg(50, 96, 64);
    const source = { blob: new Blob([bytes], { type: "image/jpeg" }), width: 4000, height: 3000, mimeType: "image/jpeg", sha256: await sha256Hex(bytes) };
    const pieces = [
      { photo: await fakePhoto(51), init: { name: "Scarf" } },
      { photo: await fakePhoto(52), init: { name: "Belt" } },
    ];
    await addItemsFromPieces(source, pieces, NOW - 4500);
    const before = await dump();
    // The fixture really has something of every kind (else equal dumps would prove little).
    for (const [kind, rows] of Object.entries(before)) expect(rows.length, kind).toBeGreaterThan(0);
    expect(before.sourcePhotos).toHaveLength(1);
    expect(before.items.find((i) => i.name === "White tee")).toMatchObject({
      silhouette: "00ff00ff00ff00ff",
      recognition: { needsReview: true, threshold: 0.93 },
    });
    const progress: { done: number; total: number }[] = [];
    const file = await exportWardrobe((p) => progress.push(p));
    expect(progress.at(-1)).toEqual({ done: 6, total: 6 }); // five photos and the one they share

    await emptyDb();
    const added = everything("added");
    added.items.added += 2;
    expect(await importWardrobe(file)).toEqual(added);
    expect(await dump()).toEqual(before);
    expect((await loadLearner()).problem).toBeNull();
    expect((await loadLearner()).state.feedbackCount).toBeGreaterThan(0);
  });

  it("still imports a version 1 file (items and photos only) and leaves the rest alone", async () => {
    await fullState();
    const before = await dump();
    const photo = await fakePhoto(9);
    const [id, imageId] = [newId(), newId()];
    const item = newItem(id, 1000, { name: "from v1", category: "top", subtype: "shirt", imageId });
    const [original, thumbnail] = [`images/${imageId}/original.jpg`, `images/${imageId}/thumbnail.webp`];
    const image = {
      id: imageId,
      itemId: id,
      createdAt: 1000,
      updatedAt: 1000,
      width: 640,
      height: 480,
      mimeType: "image/jpeg",
      sha256: photo.sha256,
      original,
      thumbnail,
      thumbnailType: "image/webp",
    };
    const v1 = zipSync({
      "data.json": strToU8(JSON.stringify({ format: "curator-wardrobe", version: 1, exportedAt: 1000, items: [item], images: [image] })),
      [original]: new Uint8Array(await photo.original.arrayBuffer()),
      [thumbnail]: new Uint8Array(await photo.thumbnail.arrayBuffer()),
    });
    expect(await importWardrobe(new Blob([v1]))).toEqual(summary({ added: 1 }));
    expect(await db.items.get(id)).toEqual(item);
    expect(await sha256Hex((await db.images.get(imageId))!.original)).toBe(photo.sha256);
    const after = await dump();
    expect({ ...after, items: before.items, images: before.images }).toEqual(before);
  });

  it("importing the same file twice changes nothing the second time", async () => {
    await fullState();
    const file = await exportWardrobe();
    await emptyDb();
    expect(await importWardrobe(file)).toEqual(everything("added"));
    const once = await dump();
    expect(await importWardrobe(file)).toEqual(everything("unchanged"));
    expect(await dump()).toEqual(once);
  });

  it("keeps newer local records and replaces older ones, kind by kind", async () => {
    const { items, outfit } = await fullState();
    const file = await exportWardrobe();
    const before = await dump();
    // Newer here than in the file: must survive.
    await saveOutfit({ itemIds: outfit.itemIds, name: "Renamed here" }, NOW + 5000);
    await db.settings.put({ key: "confidenceThreshold", value: 0.95, updatedAt: NOW + 5000 });
    await saveFaceShape(
      { faceShape: { primary: "round", secondary: null, scores: { round: 1 }, clarity: 0.9 }, suitedNecklines: [], avoidNecklines: [] },
      NOW + 5000,
    );
    // Older here than in the file: the file's copy comes back.
    const wear = before.wearLog[0]!;
    await db.wearLog.put({ ...wear, date: "2026-11-01", updatedAt: 1 });
    await db.learner.put({ ...before.learner[0]!, state: createLearner(), updatedAt: 1 });
    const s = await importWardrobe(file);
    expect(s.outfits).toEqual(records({ unchanged: 1 }));
    expect(s.settings).toEqual({ ...none, unchanged: 3 });
    expect(s.profile).toEqual({ ...none, unchanged: 1 });
    expect(s.wearLog).toEqual(records({ updated: 1, unchanged: 1 }));
    expect(s.learner).toEqual({ ...none, updated: 1 });
    expect((await db.outfits.get(outfit.id))?.name).toBe("Renamed here");
    expect(await db.outfits.count()).toBe(1);
    expect(await getConfidenceThreshold()).toBe(0.95);
    expect((await db.profile.get(PROFILE_ID))?.faceShape?.primary).toBe("round");
    expect(await db.wearLog.get(wear.id)).toEqual(wear);
    expect(await db.learner.toArray()).toEqual(before.learner);
    expect(items).toHaveLength(3);
  });

  it("never duplicates an outfit or a day's wear saved under another id on this device", async () => {
    const { outfit } = await fullState();
    const file = await exportWardrobe();
    // This device holds the same outfit and the same wears under its own ids (made here, not restored).
    const wears = await db.wearLog.toArray();
    const localOutfitId = newId();
    await db.outfits.clear();
    await db.outfits.put({ ...outfit, id: localOutfitId, updatedAt: NOW + 9000 });
    await db.wearLog.clear();
    await db.wearLog.bulkPut(wears.map((w) => ({ ...w, id: newId(), outfitId: w.outfitId && localOutfitId })));
    const s = await importWardrobe(file);
    expect(s.outfits).toEqual(records({ unchanged: 1 }));
    expect(s.wearLog).toEqual(records({ unchanged: 2 }));
    expect(await db.outfits.count()).toBe(1);
    expect(await db.wearLog.count()).toBe(2);
    // …and into a device that has the outfit but not the wears, the wears point at its outfit.
    await db.wearLog.clear();
    expect((await importWardrobe(file)).wearLog).toEqual(records({ added: 2 }));
    expect((await db.wearLog.toArray()).map((w) => w.outfitId).sort()).toEqual([localOutfitId, null].sort());
  });

  it("refuses a file with one malformed record of any kind, saying which and why, and writes nothing", async () => {
    await fullState();
    // Every record in the file is made newer than here, so a file that got through would change the database.
    const newer = (data: Record<string, unknown[]>) => {
      for (const k of RECORD_KINDS) {
        const rows = (k.single ? [data[k.name]] : data[k.name]) as unknown as { updatedAt: number }[];
        for (const r of rows) r.updatedAt += 1e6;
      }
    };
    const file = await exportWardrobe();
    const before = await dump();
    const rec = (data: Record<string, unknown[]>, kind: string, i: number) => data[kind]![i] as Record<string, unknown>;
    const why = (re: RegExp) => expect.stringMatching(re) as unknown as string;
    const cases: [(data: Record<string, unknown[]>) => void, ImportFailure][] = [
      [(d) => (rec(d, "outfits", 0).itemIds = []), { code: "bad-record", kind: "outfits", index: 1, why: why(/^itemIds must be a list of items$/) }],
      [(d) => (rec(d, "outfits", 0).name = 42), { code: "bad-record", kind: "outfits", index: 1, why: why(/^name/) }],
      [(d) => d.outfits!.push({ ...rec(d, "outfits", 0) }), { code: "twice", kind: "outfits", index: 2 }],
      [(d) => (rec(d, "wearLog", 1).date = "2026-02-30"), { code: "bad-record", kind: "wearLog", index: 2, why: why(/^date/) }],
      [(d) => delete rec(d, "wearLog", 0).wornAt, { code: "bad-record", kind: "wearLog", index: 1, why: why(/^wornAt/) }],
      [
        (d) => ((d.settings!.find((s) => (s as { key: string }).key === "confidenceThreshold") as Record<string, unknown>).value = 5),
        { code: "bad-record", kind: "settings", index: expect.any(Number) as unknown as number, why: '"confidenceThreshold" has an impossible value' },
      ],
      [(d) => delete rec(d, "settings", 2).value, { code: "bad-record", kind: "settings", index: 3, why: "value is missing" }],
      [(d) => (rec(d, "predictions", 2).outcome = "maybe"), { code: "bad-record", kind: "predictions", index: 3, why: why(/^outcome/) }],
      [
        (d) => ((d.learner as unknown as { state: { weights: unknown } }).state.weights = { x: "heavy" }),
        { code: "bad-record", kind: "learner", index: null, why: why(/^weight "x"/) },
      ],
      [
        (d) => ((d.profile as unknown as { suitedNecklines: string[] }).suitedNecklines = ["plunge"]),
        { code: "bad-record", kind: "profile", index: null, why: why(/^suitedNecklines/) },
      ],
      [(d) => (rec(d, "items", 0).silhouette = "not hex"), { code: "bad-record", kind: "items", index: 1, why: why(/^silhouette/) }],
      [(d) => delete (d as Record<string, unknown>).wearLog, { code: "not-export" }],
      [(d) => (rec(d, "outfits", 0).deletedAt = "yesterday"), { code: "bad-record", kind: "outfits", index: 1, why: why(/^deletedAt/) }],
      [(d) => (rec(d, "wearLog", 1).deletedAt = -5), { code: "bad-record", kind: "wearLog", index: 2, why: why(/^deletedAt/) }],
    ];
    for (const [edit, failure] of cases) {
      const bad = await edited(file, (d) => {
        newer(d);
        edit(d);
      });
      const e = await importWardrobe(bad).then(
        () => null,
        (err: unknown) => err,
      );
      expect(e, JSON.stringify(failure)).toBeInstanceOf(ImportFileError);
      expect((e as ImportFileError).failure).toEqual(failure);
      expect(await dump()).toEqual(before);
    }
    // The control: the same newer file without a flaw does change the database.
    expect(await importWardrobe(await edited(file, newer))).toEqual(everything("updated"));
  });

  it("a write that fails midway leaves nothing behind", async () => {
    await fullState();
    const file = await exportWardrobe();
    await emptyDb();
    // The learner is written last: everything before it must be rolled back.
    vi.spyOn(db.learner, "bulkPut").mockRejectedValue(new DOMException("The quota has been exceeded.", "QuotaExceededError"));
    await expect(importWardrobe(file)).rejects.toBeInstanceOf(StorageFullError);
    vi.restoreAllMocks();
    const after = await dump();
    for (const [kind, rows] of Object.entries(after)) expect(rows, kind).toEqual([]);
  });
});
