import "fake-indexeddb/auto";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterEach, beforeEach, expect, vi } from "vitest";
import type { PredictionLog } from "../domain/vision/predictionLog";
import type { Item } from "../domain/wardrobe/types";
import { db } from "./db";
import { exportWardrobe } from "./exportWardrobe";
import { sha256Hex } from "./hash";
import { newId } from "./ids";
import type { ImportSummary } from "./importWardrobe";
import { addItemWithPhoto } from "./items";
import { deleteSavedOutfit, deleteWear, logWear, recordFeedback, saveOutfit, type SavedOutfit } from "./outfits";
import { PROFILE_ID, saveFaceShape } from "./profile";
import { fakePhoto } from "./testing";

/**
 * Shared fixtures for the export/import tests (importExport.*.test.ts): a fresh
 * database per test, a device with something of every kind, whole-database dumps
 * and edited export files. The photos come from testing.ts's fakePhoto.
 */

/** Opens the database before each test and deletes it after: call once at the top of a test file. */
export function freshDatabasePerTest(): void {
  beforeEach(async () => {
    await db.open();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await db.delete();
  });
}

export const none = { added: 0, updated: 0, unchanged: 0 };
export type Counts = typeof none;
/** Saved outfits and wear records also count the tombstones written apart (never as added or updated). */
const noRecords = { ...none, deleted: 0, tombstones: 0 };
type RecordCounts = typeof noRecords;
/** The counts of saved outfits or wear records: zero unless given. */
export const records = (c: Partial<RecordCounts>): RecordCounts => ({ ...noRecords, ...c });
export const KINDS = ["outfits", "wearLog", "predictions", "settings", "profile", "learner"] as const;

/** The full summary: item counts at the top, every other kind zero unless given. */
export function summary(items: Partial<RecordCounts>, others: Partial<Record<(typeof KINDS)[number], Partial<RecordCounts>>> = {}): ImportSummary {
  const zero = (k: (typeof KINDS)[number]) => (k === "outfits" || k === "wearLog" ? noRecords : none);
  const kinds = Object.fromEntries(KINDS.map((k) => [k, { ...zero(k), ...others[k] }])) as unknown as Omit<ImportSummary, keyof RecordCounts>;
  return { ...noRecords, ...items, ...kinds };
}

export async function hashes(): Promise<string[]> {
  const imgs = await db.images.toArray();
  return (await Promise.all(imgs.map((i) => sha256Hex(i.original)))).sort();
}

export const NOW = new Date(2026, 10, 20, 9, 30).getTime(); // 20 Nov 2026, 09:30 local
export const SELFIE = new Uint8Array(300).map((_, i) => (i * 7 + 3) & 255);

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
export async function fullState(): Promise<{ items: Item[]; outfit: SavedOutfit }> {
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
export async function dump() {
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

export async function emptyDb() {
  await db.delete();
  await db.open();
}

/** An export with its data.json changed by `edit` (the photo bytes kept). */
export async function edited(file: Blob, edit: (data: Record<string, unknown[]>) => void): Promise<Blob> {
  const files = unzipSync(new Uint8Array(await file.arrayBuffer()));
  const data = JSON.parse(strFromU8(files["data.json"]!)) as Record<string, unknown[]>;
  edit(data);
  files["data.json"] = strToU8(JSON.stringify(data));
  return new Blob([zipSync(files)]);
}

export const EVERYTHING_ADDED = summary({ added: 3 }, { outfits: { added: 1 }, wearLog: { added: 2 }, predictions: { added: 3 }, settings: { added: 3 }, profile: { added: 1 }, learner: { added: 1 } });

export const DELETED_AT = NOW + 1000;
export const wearCounts = (items: Item[]) => Object.fromEntries(items.map((i) => [i.id, { wearCount: i.wearCount, lastWornAt: i.lastWornAt }]));

/**
 * One device's history: the full state exported (`before`), then the saved outfit
 * deleted and the 20 November wear removed here, exported again (`after`).
 */
export async function deletedOnDevice() {
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
