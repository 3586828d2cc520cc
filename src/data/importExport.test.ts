import "fake-indexeddb/auto";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLearner } from "../domain/outfits";
import type { PredictionLog } from "../domain/vision/predictionLog";
import { newItem } from "../domain/wardrobe/item";
import type { Item } from "../domain/wardrobe/types";
import { db } from "./db";
import { StorageFullError } from "./errors";
import { exportWardrobe } from "./exportWardrobe";
import { sha256Hex } from "./hash";
import { newId } from "./ids";
import { ImportFileError, importWardrobe, type ImportSummary } from "./importWardrobe";
import { addItemWithPhoto, deleteItem, listItems, updateItem } from "./items";
import { deleteSavedOutfit, deleteWear, listSavedOutfits, listWearBetween, loadLearner, logWear, recordFeedback, saveOutfit, type SavedOutfit, type WearLogEntry } from "./outfits";
import { PROFILE_ID, saveFaceShape } from "./profile";
import { getConfidenceThreshold } from "./settings";
import { fakePhoto } from "./testing";

beforeEach(async () => {
  await db.open();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

const none = { added: 0, updated: 0, unchanged: 0 };
type Counts = typeof none;
const KINDS = ["outfits", "wearLog", "predictions", "settings", "profile", "learner"] as const;

/** The full summary: item counts at the top, every other kind zero unless given. */
function summary(items: Partial<Counts>, others: Partial<Record<(typeof KINDS)[number], Partial<Counts>>> = {}): ImportSummary {
  const kinds = Object.fromEntries(KINDS.map((k) => [k, { ...none, ...others[k] }])) as Record<(typeof KINDS)[number], Counts>;
  return { ...none, ...items, ...kinds };
}

async function hashes(): Promise<string[]> {
  const imgs = await db.images.toArray();
  return (await Promise.all(imgs.map((i) => sha256Hex(i.original)))).sort();
}

describe("export and import", () => {
  it("round-trips items and exact image bytes into an empty database", async () => {
    await addItemWithPhoto(await fakePhoto(1), { name: "a", brand: "X", price: 10 });
    await addItemWithPhoto(await fakePhoto(2), { name: "b", seasons: ["winter"] });
    const before = { items: (await listItems()).sort((x, y) => x.id.localeCompare(y.id)), hashes: await hashes() };
    const file = await exportWardrobe();
    await db.delete();
    await db.open();
    expect(await importWardrobe(file)).toEqual(summary({ added: 2 }));
    const after = (await listItems()).sort((x, y) => x.id.localeCompare(y.id));
    expect(after).toEqual(before.items);
    expect(await hashes()).toEqual(before.hashes);
  });

  it("importing twice never duplicates; newer updatedAt wins either way", async () => {
    const a = await addItemWithPhoto(await fakePhoto(1), { name: "old name" }, 1000);
    const b = await addItemWithPhoto(await fakePhoto(2), { name: "b" }, 1000);
    const file = await exportWardrobe();
    // Local edit after the export: must survive the import of the older copy.
    await updateItem(a.id, { name: "local newer" }, 5000);
    // Deleted locally after export: the tombstone is newer, so it stays deleted.
    await deleteItem(b.id, 6000);
    expect(await importWardrobe(file)).toEqual(summary({ unchanged: 2 }));
    expect(await importWardrobe(file)).toEqual(summary({ unchanged: 2 }));
    expect((await listItems()).map((i) => i.name)).toEqual(["local newer"]);
    expect(await db.items.count()).toBe(2);
  });

  it("a newer copy in the file replaces the local one", async () => {
    const a = await addItemWithPhoto(await fakePhoto(1), { name: "v1" }, 1000);
    await updateItem(a.id, { name: "v2" }, 9000);
    const file = await exportWardrobe();
    await updateItem(a.id, { name: "v1 again" }, 1); // updatedAt becomes 9001, newer than the file
    expect((await importWardrobe(file)).unchanged).toBe(1);
    await db.items.update(a.id, { updatedAt: 10 , name: "stale"});
    expect((await importWardrobe(file)).updated).toBe(1);
    expect((await listItems())[0]?.name).toBe("v2");
  });

  it("refuses files that are not exports, and writes nothing", async () => {
    await addItemWithPhoto(await fakePhoto(1), { name: "keep me" });
    const cases: [Blob, RegExp][] = [
      [new Blob([]), /empty/],
      [new Blob(["%PDF-1.4 not a zip"]), /isn't a zip/],
      [new Blob([zipSync({ "other.txt": strToU8("hi") })]), /data\.json is missing/],
      [new Blob([zipSync({ "data.json": strToU8("{nope") })]), /not readable/],
      [new Blob([zipSync({ "data.json": strToU8(JSON.stringify({ format: "curator-wardrobe", version: 99, items: [], images: [] })) })]), /newer version/],
      [new Blob([zipSync({ "data.json": strToU8(JSON.stringify({ format: "curator-wardrobe", version: 1, items: [{ id: "x" }], images: [] })) })]), /Item 1 in the file is invalid/],
    ];
    for (const [file, message] of cases) await expect(importWardrobe(file)).rejects.toThrow(message);
    expect((await listItems()).map((i) => i.name)).toEqual(["keep me"]);
    expect(await db.items.count()).toBe(1);
  });

  it("refuses an export whose photo bytes were altered", async () => {
    await addItemWithPhoto(await fakePhoto(1));
    const file = await exportWardrobe();
    const { unzipSync } = await import("fflate");
    const files = unzipSync(new Uint8Array(await file.arrayBuffer()));
    const name = Object.keys(files).find((n) => n.includes("/original."))!;
    files[name]![0]! ^= 0xff;
    await db.delete();
    await db.open();
    await expect(importWardrobe(new Blob([zipSync(files)]))).rejects.toThrow(/checksum mismatch/);
    expect(await db.items.count()).toBe(0);
  });
});

// ---- The whole user state (export format 2) ----

const NOW = new Date(2026, 10, 20, 9, 30).getTime(); // 20 Nov 2026, 09:30 local
const SELFIE = new Uint8Array(300).map((_, i) => (i * 7 + 3) & 255);

function prediction(k: number): Omit<PredictionLog, "itemId"> {
  return {
    id: newId(),
    createdAt: NOW - 5000 + k,
    updatedAt: NOW - 5000 + k,
    modelVersion: "garment-classifier@3",
    embedderVersion: "garment-embedder@2",
    backend: "wasm",
    top: [{ index: 0, category: "top", subtype: "t-shirt", label: "T-shirt/top", confidence: 0.61 }],
    confidence: 0.61,
    threshold: 0.93,
    outcome: "pending",
    finalCategory: null,
    finalSubtype: null,
    correctedAt: null,
    timings: { decode: 3.5, segment: 1.25, classify: 7, embed: 6, colours: 2 },
  };
}

/** A device with something of every kind, made through the app's own repositories. */
async function fullState(): Promise<{ items: Item[]; outfit: SavedOutfit }> {
  const specs: Partial<Item>[] = [
    { name: "White tee", category: "top", subtype: "t-shirt", silhouette: "00ff00ff00ff00ff", recognition: { modelVersion: "garment-classifier@3", top: [{ category: "top", subtype: "t-shirt", confidence: 0.61 }], confirmedByUser: false, needsReview: true, threshold: 0.93 } },
    { name: "Jeans", category: "bottom", subtype: "jeans", silhouette: null },
    { name: "Sneakers", category: "shoes", subtype: "sneakers" },
  ];
  const items: Item[] = [];
  for (const [k, s] of specs.entries()) items.push(await addItemWithPhoto(await fakePhoto(k), s, NOW - 5000 + k, { predictions: [prediction(k)] }));
  const ids = items.map((i) => i.id);
  const outfit = await saveOutfit({ itemIds: ids, name: "Monday", score: 0.8 }, NOW - 4000);
  await logWear({ itemIds: ids, date: "2026-11-19", outfitId: outfit.id }, NOW - 3000);
  await logWear({ itemIds: ids.slice(0, 2), date: "2026-11-20" }, NOW - 2000);
  await recordFeedback(ids, "like", {}, NOW - 1000);
  const blob = new Blob([SELFIE], { type: "image/jpeg" });
  await saveFaceShape({ faceShape: { primary: "oval", secondary: null, scores: { oval: 0.8, round: 0.2 }, clarity: 0.5 }, suitedNecklines: ["v-neck"], avoidNecklines: ["turtleneck"], selfie: { blob, width: 30, height: 10, mimeType: "image/jpeg" } }, NOW - 900);
  await db.profile.update(PROFILE_ID, { gender: "women" });
  await db.settings.bulkPut([
    { key: "confidenceThreshold", value: 0.9, updatedAt: NOW - 800 },
    { key: "backend", value: "wasm", updatedAt: NOW - 800 },
    { key: "outfits.filters", value: { occasion: "work", temperature: 12 }, updatedAt: NOW - 800 },
  ]);
  return { items: await db.items.toArray(), outfit };
}

async function blobBytes(b: Blob) {
  return { type: b.type, bytes: [...new Uint8Array(await b.arrayBuffer())] };
}

/** Every table, blobs as their bytes, in key order: equal dumps mean equal databases. */
async function dump() {
  const sorted = <T>(rows: T[], key: (t: T) => string) => rows.sort((a, b) => key(a).localeCompare(key(b)));
  const images = await Promise.all((await db.images.toArray()).map(async ({ original, thumbnail, ...m }) => ({ ...m, original: await blobBytes(original), thumbnail: await blobBytes(thumbnail) })));
  const profile = await Promise.all((await db.profile.toArray()).map(async ({ selfie, ...p }) => ({ ...p, selfie: selfie && { ...selfie, blob: await blobBytes(selfie.blob) } })));
  return {
    items: sorted(await db.items.toArray(), (r) => r.id),
    images: sorted(images, (r) => r.id),
    profile,
    predictions: sorted(await db.predictions.toArray(), (r) => r.id),
    settings: sorted(await db.settings.toArray(), (r) => r.key),
    outfits: sorted(await db.outfits.toArray(), (r) => r.id),
    wearLog: sorted(await db.wearLog.toArray(), (r) => r.id),
    learner: sorted(await db.learner.toArray(), (r) => r.id),
  };
}

async function emptyDb() {
  await db.delete();
  await db.open();
}

/** An export with its data.json changed by `edit` (the photo bytes kept). */
async function edited(file: Blob, edit: (data: Record<string, unknown[]>) => void): Promise<Blob> {
  const files = unzipSync(new Uint8Array(await file.arrayBuffer()));
  const data = JSON.parse(strFromU8(files["data.json"]!)) as Record<string, unknown[]>;
  edit(data);
  files["data.json"] = strToU8(JSON.stringify(data));
  return new Blob([zipSync(files)]);
}

const EVERYTHING_ADDED = summary({ added: 3 }, { outfits: { added: 1 }, wearLog: { added: 2 }, predictions: { added: 3 }, settings: { added: 3 }, profile: { added: 1 }, learner: { added: 1 } });

describe("export and import of the whole user state", () => {
  it("round-trips every kind of record into an empty database, selfie bytes included", async () => {
    await fullState();
    const before = await dump();
    // The fixture really has something of every kind (else equal dumps would prove little).
    for (const [kind, rows] of Object.entries(before)) expect(rows.length, kind).toBeGreaterThan(0);
    expect(before.items.find((i) => i.name === "White tee")).toMatchObject({ silhouette: "00ff00ff00ff00ff", recognition: { needsReview: true, threshold: 0.93 } });
    const progress: { done: number; total: number }[] = [];
    const file = await exportWardrobe((p) => progress.push(p));
    expect(progress.at(-1)).toEqual({ done: 4, total: 4 }); // three photos and the selfie

    await emptyDb();
    expect(await importWardrobe(file)).toEqual(EVERYTHING_ADDED);
    expect(await dump()).toEqual(before);
    const selfie = (await db.profile.get(PROFILE_ID))?.selfie;
    expect(selfie?.blob.type).toBe("image/jpeg");
    expect(new Uint8Array(await selfie!.blob.arrayBuffer())).toEqual(SELFIE);
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
    const image = { id: imageId, itemId: id, createdAt: 1000, updatedAt: 1000, width: 640, height: 480, mimeType: "image/jpeg", sha256: photo.sha256, original, thumbnail, thumbnailType: "image/webp" };
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
    expect(await importWardrobe(file)).toEqual(EVERYTHING_ADDED);
    const once = await dump();
    const unchanged = summary({ unchanged: 3 }, { outfits: { unchanged: 1 }, wearLog: { unchanged: 2 }, predictions: { unchanged: 3 }, settings: { unchanged: 3 }, profile: { unchanged: 1 }, learner: { unchanged: 1 } });
    expect(await importWardrobe(file)).toEqual(unchanged);
    expect(await dump()).toEqual(once);
  });

  it("keeps newer local records and replaces older ones, kind by kind", async () => {
    const { items, outfit } = await fullState();
    const file = await exportWardrobe();
    const before = await dump();
    // Newer here than in the file: must survive.
    await saveOutfit({ itemIds: outfit.itemIds, name: "Renamed here" }, NOW + 5000);
    await db.settings.put({ key: "confidenceThreshold", value: 0.95, updatedAt: NOW + 5000 });
    await saveFaceShape({ faceShape: { primary: "round", secondary: null, scores: { round: 1 }, clarity: 0.9 }, suitedNecklines: [], avoidNecklines: [] }, NOW + 5000);
    // Older here than in the file: the file's copy comes back.
    const wear = before.wearLog[0]!;
    await db.wearLog.put({ ...wear, date: "2026-11-01", updatedAt: 1 });
    await db.learner.put({ ...before.learner[0]!, state: createLearner(), updatedAt: 1 });
    const s = await importWardrobe(file);
    expect(s.outfits).toEqual({ ...none, unchanged: 1 });
    expect(s.settings).toEqual({ ...none, unchanged: 3 });
    expect(s.profile).toEqual({ ...none, unchanged: 1 });
    expect(s.wearLog).toEqual({ ...none, updated: 1, unchanged: 1 });
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
    expect(s.outfits).toEqual({ ...none, unchanged: 1 });
    expect(s.wearLog).toEqual({ ...none, unchanged: 2 });
    expect(await db.outfits.count()).toBe(1);
    expect(await db.wearLog.count()).toBe(2);
    // …and into a device that has the outfit but not the wears, the wears point at its outfit.
    await db.wearLog.clear();
    expect((await importWardrobe(file)).wearLog).toEqual({ ...none, added: 2 });
    expect((await db.wearLog.toArray()).map((w) => w.outfitId).sort()).toEqual([localOutfitId, null].sort());
  });

  it("refuses a file with one malformed record of any kind, naming it, and writes nothing", async () => {
    await fullState();
    // Every record in the file is made newer than here, so a file that got through would change the database.
    const newer = (data: Record<string, unknown[]>) => {
      for (const kind of ["items", "outfits", "wearLog", "predictions", "settings"]) for (const r of data[kind] as { updatedAt: number }[]) r.updatedAt += 1e6;
      for (const kind of ["profile", "learner"]) (data[kind] as unknown as { updatedAt: number }).updatedAt += 1e6;
    };
    const file = await exportWardrobe();
    const before = await dump();
    const rec = (data: Record<string, unknown[]>, kind: string, i: number) => data[kind]![i] as Record<string, unknown>;
    const cases: [(data: Record<string, unknown[]>) => void, RegExp][] = [
      [(d) => (rec(d, "outfits", 0).itemIds = []), /^Saved outfit 1 in the file is invalid: itemIds .*Nothing was imported\.$/],
      [(d) => (rec(d, "outfits", 0).name = 42), /^Saved outfit 1 in the file is invalid: name/],
      [(d) => d.outfits!.push({ ...rec(d, "outfits", 0) }), /^Saved outfit 2 appears twice in the file/],
      [(d) => (rec(d, "wearLog", 1).date = "2026-02-30"), /^Wear record 2 in the file is invalid: date/],
      [(d) => delete rec(d, "wearLog", 0).wornAt, /^Wear record 1 in the file is invalid: wornAt/],
      [(d) => (d.settings!.find((s) => (s as { key: string }).key === "confidenceThreshold") as Record<string, unknown>).value = 5, /^Setting \d in the file is invalid: "confidenceThreshold" has an impossible value/],
      [(d) => delete rec(d, "settings", 2).value, /^Setting 3 in the file is invalid: value is missing/],
      [(d) => (rec(d, "predictions", 2).outcome = "maybe"), /^Recognition record 3 in the file is invalid: outcome/],
      [(d) => ((d.learner as unknown as { state: { weights: unknown } }).state.weights = { x: "heavy" }), /^The outfit learner in the file is invalid: weight "x"/],
      [(d) => ((d.profile as unknown as { suitedNecklines: string[] }).suitedNecklines = ["plunge"]), /^The profile in the file is invalid: suitedNecklines/],
      [(d) => ((d.profile as unknown as { selfie: { sha256: string } }).selfie.sha256 = "0".repeat(64)), /^The profile in the file is invalid: the selfie's checksum/],
      [(d) => (rec(d, "items", 0).silhouette = "not hex"), /^Item 1 in the file is invalid: silhouette/],
      [(d) => delete (d as Record<string, unknown>).wearLog, /not a Curator wardrobe export/],
      [(d) => (rec(d, "outfits", 0).deletedAt = "yesterday"), /^Saved outfit 1 in the file is invalid: deletedAt/],
      [(d) => (rec(d, "wearLog", 1).deletedAt = -5), /^Wear record 2 in the file is invalid: deletedAt/],
    ];
    for (const [edit, message] of cases) {
      const bad = await edited(file, (d) => {
        newer(d);
        edit(d);
      });
      await expect(importWardrobe(bad), String(message)).rejects.toThrow(ImportFileError);
      await expect(importWardrobe(bad)).rejects.toThrow(message);
      expect(await dump()).toEqual(before);
    }
    // The control: the same newer file without a flaw does change the database.
    const good = await importWardrobe(await edited(file, newer));
    expect(good).toEqual(summary({ updated: 3 }, { outfits: { updated: 1 }, wearLog: { updated: 2 }, predictions: { updated: 3 }, settings: { updated: 3 }, profile: { updated: 1 }, learner: { updated: 1 } }));
  });

  it("a write that fails midway leaves nothing behind", async () => {
    await fullState();
    const file = await exportWardrobe();
    await emptyDb();
    // The learner is written last: everything before it must be rolled back.
    vi.spyOn(db.learner, "put").mockRejectedValue(new DOMException("The quota has been exceeded.", "QuotaExceededError"));
    await expect(importWardrobe(file)).rejects.toBeInstanceOf(StorageFullError);
    vi.restoreAllMocks();
    const after = await dump();
    for (const [kind, rows] of Object.entries(after)) expect(rows, kind).toEqual([]);
  });
});

// ---- Deleted outfits and wear records travel as tombstones ----

const DELETED_AT = NOW + 1000;
const wearCounts = (items: Item[]) => Object.fromEntries(items.map((i) => [i.id, { wearCount: i.wearCount, lastWornAt: i.lastWornAt }]));

/**
 * One device's history: the full state exported (`before`), then the saved outfit
 * deleted and the 20 November wear removed here, exported again (`after`).
 */
async function deletedOnDevice() {
  const { outfit } = await fullState();
  const before = await exportWardrobe();
  const wears = await db.wearLog.toArray();
  const kept = wears.find((w) => w.date === "2026-11-19")!;
  const removed = wears.find((w) => w.date === "2026-11-20")!;
  await deleteSavedOutfit(outfit.id, DELETED_AT);
  expect(await deleteWear(removed.id, DELETED_AT)).toBe(true);
  const state = await dump();
  // The fixture means something: the removal really changed counts and a last-worn time.
  expect(wearCounts(state.items)).not.toEqual(wearCounts((await fullStateItems(before)).items));
  return { outfit, kept, removed, before, after: await exportWardrobe(), state };
}

/** The items inside an export file. */
async function fullStateItems(file: Blob): Promise<{ items: Item[] }> {
  const files = unzipSync(new Uint8Array(await file.arrayBuffer()));
  return JSON.parse(strFromU8(files["data.json"]!)) as { items: Item[] };
}

describe("tombstones in export and import", () => {
  it("exports tombstones and brings them into an empty database as they are", async () => {
    const { outfit, removed, after, state } = await deletedOnDevice();
    const data = JSON.parse(strFromU8(unzipSync(new Uint8Array(await after.arrayBuffer()))["data.json"]!)) as { outfits: SavedOutfit[]; wearLog: WearLogEntry[] };
    expect(data.outfits).toEqual([expect.objectContaining({ id: outfit.id, deletedAt: DELETED_AT })]);
    expect(data.wearLog.find((w) => w.id === removed.id)).toMatchObject({ deletedAt: DELETED_AT });
    expect(data.wearLog.filter((w) => w.deletedAt === null)).toHaveLength(1);
    await emptyDb();
    expect(await importWardrobe(after)).toEqual(EVERYTHING_ADDED);
    expect(await dump()).toEqual(state);
    expect(await listSavedOutfits()).toEqual([]);
    expect((await listWearBetween("2026-11-01", "2026-11-30")).map((w) => w.date)).toEqual(["2026-11-19"]);
  });

  it("an older backup brings back neither the deleted outfit nor the removed wear, and leaves wear counts alone", async () => {
    const { before, state } = await deletedOnDevice();
    const s = await importWardrobe(before);
    expect(s).toEqual(summary({ unchanged: 3 }, { outfits: { unchanged: 1 }, wearLog: { unchanged: 2 }, predictions: { unchanged: 3 }, settings: { unchanged: 3 }, profile: { unchanged: 1 }, learner: { unchanged: 1 } }));
    expect(await dump()).toEqual(state);
    expect(await listSavedOutfits()).toEqual([]);
    expect((await listWearBetween("2026-11-01", "2026-11-30")).map((w) => w.date)).toEqual(["2026-11-19"]);
  });

  it("a newer tombstone in the file deletes the live copy here; the file's newer items already hold the counts", async () => {
    const { before, after, state } = await deletedOnDevice();
    await emptyDb();
    await importWardrobe(before); // this device: everything still live
    expect(await listSavedOutfits()).toHaveLength(1);
    const s = await importWardrobe(after);
    expect(s.outfits).toEqual({ ...none, updated: 1 });
    expect(s.wearLog).toEqual({ ...none, updated: 2 }); // the removed one, and the one unlinked from the outfit
    expect(s.updated).toBe(2); // the removed wear's two items
    // Exactly the deleting device's state: the counts were not lowered a second time.
    expect(await dump()).toEqual(state);
    expect(await importWardrobe(after)).toMatchObject({ updated: 0, outfits: { ...none, unchanged: 1 }, wearLog: { ...none, unchanged: 2 } });
    expect(await dump()).toEqual(state);
  });

  it("a newer tombstone over a wear here lowers the counts of items whose newer copy is here, once", async () => {
    const { kept, removed, before, after, state } = await deletedOnDevice();
    await emptyDb();
    await importWardrobe(before);
    // Edited here after the other device removed the wear: these copies win over the file's.
    for (const item of await db.items.toArray()) await updateItem(item.id, { notes: "edited here" }, DELETED_AT + 1000);
    const wornBefore = wearCounts(await db.items.toArray());
    const s = await importWardrobe(after);
    expect(s.unchanged).toBe(3);
    expect(s.wearLog).toEqual({ ...none, updated: 2 });
    const items = await db.items.toArray();
    expect(items.map((i) => i.notes)).toEqual(["edited here", "edited here", "edited here"]);
    // The same counts and last-worn times as on the device that removed it…
    expect(wearCounts(items)).toEqual(wearCounts(state.items));
    // …which is one wear fewer on the removed wear's items, and the last-worn time falls back to the kept wear.
    for (const id of removed.itemIds) {
      expect(items.find((i) => i.id === id)).toMatchObject({ wearCount: wornBefore[id]!.wearCount - 1, lastWornAt: kept.wornAt });
      expect(wornBefore[id]!.lastWornAt).toBe(removed.wornAt);
    }
    expect((await db.wearLog.get(removed.id))?.deletedAt).toBe(DELETED_AT);
    // Importing it again does not lower them again.
    await importWardrobe(after);
    expect(wearCounts(await db.items.toArray())).toEqual(wearCounts(state.items));
  });

  it("a tombstone here under its own id: an older live copy of the same outfit or day does not come back, a newer one does", async () => {
    const { outfit } = await fullState();
    const file = await exportWardrobe();
    const wears = await db.wearLog.toArray();
    const counts = wearCounts(await db.items.toArray());
    // This device saved the same outfit and logged the same wears under its own ids, then deleted them all.
    const localOutfitId = newId();
    const localWears = wears.map((w) => ({ ...w, id: newId(), outfitId: w.outfitId && localOutfitId, deletedAt: DELETED_AT, updatedAt: DELETED_AT }));
    await db.outfits.clear();
    await db.outfits.put({ ...outfit, id: localOutfitId, deletedAt: DELETED_AT, updatedAt: DELETED_AT });
    await db.wearLog.clear();
    await db.wearLog.bulkPut(localWears);

    const s = await importWardrobe(file);
    expect(s.outfits).toEqual({ ...none, unchanged: 1 });
    expect(s.wearLog).toEqual({ ...none, unchanged: 2 });
    expect(await db.outfits.count()).toBe(1);
    expect(await db.wearLog.count()).toBe(2);
    expect(await listSavedOutfits()).toEqual([]);
    expect(await listWearBetween("2026-11-01", "2026-11-30")).toEqual([]);

    // Saved and worn again on the other device after this one deleted them: they come back here, under this device's ids.
    const later = await edited(file, (d) => {
      for (const kind of ["outfits", "wearLog"]) for (const r of d[kind] as { updatedAt: number }[]) r.updatedAt = DELETED_AT + 500;
    });
    const s2 = await importWardrobe(later);
    expect(s2.outfits).toEqual({ ...none, updated: 1 });
    expect(s2.wearLog).toEqual({ ...none, updated: 2 });
    expect(await db.outfits.count()).toBe(1);
    expect(await listSavedOutfits()).toEqual([expect.objectContaining({ id: localOutfitId, name: "Monday", deletedAt: null })]);
    const live = await listWearBetween("2026-11-01", "2026-11-30");
    expect(live.map((w) => w.id).sort()).toEqual(localWears.map((w) => w.id).sort());
    expect(live.find((w) => w.date === "2026-11-19")?.outfitId).toBe(localOutfitId);
    // As for any wear an import adds, counts are not raised: the file's items carry them (here: the same copies).
    expect(wearCounts(await db.items.toArray())).toEqual(counts);
  });

  it("wears added from a file never point at an outfit deleted here", async () => {
    const { outfit } = await fullState();
    const file = await exportWardrobe();
    await db.wearLog.clear();
    await deleteSavedOutfit(outfit.id, DELETED_AT);
    expect((await importWardrobe(file)).wearLog).toEqual({ ...none, added: 2 });
    expect((await db.wearLog.toArray()).map((w) => w.outfitId)).toEqual([null, null]);
    expect(await listSavedOutfits()).toEqual([]);
  });

  it("a newer tombstone for the same outfit and day under other ids deletes them here and unlinks this device's wears", async () => {
    const { outfit, kept, removed, before, after } = await deletedOnDevice();
    await emptyDb();
    await importWardrobe(before);
    // This device holds the outfit and the wears under its own ids; its record of the 19th is newer than the file's.
    const localOutfitId = newId();
    const ids = new Map([[kept.id, newId()], [removed.id, newId()]]);
    const wears = await db.wearLog.toArray();
    await db.outfits.clear();
    await db.outfits.put({ ...outfit, id: localOutfitId });
    await db.wearLog.clear();
    await db.wearLog.bulkPut(wears.map((w) => ({ ...w, id: ids.get(w.id)!, outfitId: w.outfitId && localOutfitId, ...(w.id === kept.id ? { updatedAt: DELETED_AT + 2000 } : {}) })));
    expect(await db.wearLog.get(ids.get(kept.id)!)).toMatchObject({ outfitId: localOutfitId });

    const s = await importWardrobe(after);
    expect(s.outfits).toEqual({ ...none, updated: 1 });
    expect(s.wearLog).toEqual({ ...none, updated: 1, unchanged: 1 });
    expect(await db.outfits.toArray()).toEqual([expect.objectContaining({ id: localOutfitId, deletedAt: DELETED_AT })]);
    expect(await db.wearLog.get(ids.get(removed.id)!)).toMatchObject({ deletedAt: DELETED_AT });
    // The newer wear here was kept, but no longer points to the deleted outfit.
    const keptHere = await db.wearLog.get(ids.get(kept.id)!);
    expect(keptHere).toMatchObject({ deletedAt: null, outfitId: null });
    expect(keptHere!.updatedAt).toBeGreaterThan(DELETED_AT + 2000);
    expect(await db.wearLog.count()).toBe(2);
    expect((await listWearBetween("2026-11-01", "2026-11-30")).map((w) => w.id)).toEqual([ids.get(kept.id)]);
  });

  it("where a combination has a live record and a tombstone here, the file's copy updates the live one", async () => {
    const { outfit } = await fullState();
    const file = await edited(await exportWardrobe(), (d) => {
      // Made on another device: other ids, and newer than anything here.
      const outfitId = newId();
      for (const o of d.outfits as SavedOutfit[]) Object.assign(o, { id: outfitId, updatedAt: DELETED_AT + 500 });
      for (const w of d.wearLog as WearLogEntry[]) Object.assign(w, { id: newId(), outfitId: w.outfitId && outfitId, updatedAt: DELETED_AT + 500 });
    });
    const wears = await db.wearLog.toArray();
    // Ids chosen so that the tombstone is read after the live record (a naive map would keep the tombstone).
    const [live, dead] = ["aaaaaaaa-live", "zzzzzzzz-dead"];
    await db.outfits.clear();
    await db.outfits.bulkPut([
      { ...outfit, id: live, name: "Live here" },
      { ...outfit, id: dead, name: "Deleted here", deletedAt: DELETED_AT, updatedAt: DELETED_AT },
    ]);
    await db.wearLog.clear();
    await db.wearLog.bulkPut(wears.flatMap((w) => [
      { ...w, id: `aaaaaaaa-${w.date}`, outfitId: w.outfitId && live },
      { ...w, id: `zzzzzzzz-${w.date}`, outfitId: null, deletedAt: DELETED_AT, updatedAt: DELETED_AT },
    ]));
    const s = await importWardrobe(file);
    expect(s.outfits).toEqual({ ...none, updated: 1 });
    expect(s.wearLog).toEqual({ ...none, updated: 2 });
    expect(await listSavedOutfits()).toEqual([expect.objectContaining({ id: live, name: "Monday" })]);
    expect((await db.outfits.get(dead))?.deletedAt).toBe(DELETED_AT);
    const liveWears = await listWearBetween("2026-11-01", "2026-11-30");
    expect(liveWears.map((w) => w.id).sort()).toEqual(["aaaaaaaa-2026-11-19", "aaaaaaaa-2026-11-20"]);
    expect(liveWears.find((w) => w.date === "2026-11-19")?.outfitId).toBe(live);
    expect(await db.wearLog.count()).toBe(4);
  });

  it("a file from before tombstones (no deletedAt) imports its outfits and wears as live", async () => {
    await fullState();
    const file = await edited(await exportWardrobe(), (d) => {
      for (const kind of ["outfits", "wearLog"]) for (const r of d[kind] as Record<string, unknown>[]) delete r.deletedAt;
    });
    await emptyDb();
    expect(await importWardrobe(file)).toEqual(EVERYTHING_ADDED);
    expect((await db.outfits.toArray()).map((o) => o.deletedAt)).toEqual([null]);
    expect((await db.wearLog.toArray()).map((w) => w.deletedAt)).toEqual([null, null]);
    expect(await listSavedOutfits()).toHaveLength(1);
    expect(await listWearBetween("2026-11-01", "2026-11-30")).toHaveLength(2);
  });
});
