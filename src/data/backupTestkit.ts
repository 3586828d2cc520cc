import "fake-indexeddb/auto";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, expect, vi } from "vitest";
import type { PredictionLog } from "@domain/vision/predictionLog";
import type { Item } from "@domain/wardrobe/types";
import { db } from "./db";
import { exportWardrobe } from "./exportWardrobe";
import { sha256Hex } from "./hash";
import { newId } from "./ids";
import { TABLES, zeroSummary, type Counts, type KindName, type MergeSummary, type SchemaRows, type TombstoneCounts } from "./schema";
import { addItemWithPhoto } from "./items";
import { deleteSavedOutfit, deleteWear, logWear, recordFeedback, saveOutfit, type SavedOutfit } from "./outfits";
import { PROFILE_ID, saveFaceShape } from "./profile";
import { isDeviceSetting } from "./settings";
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

export const none: Counts = { added: 0, updated: 0, unchanged: 0 };
/** Items, saved outfits and wear records also count the tombstones written apart (never as added or updated). */
const noRecords: TombstoneCounts = { ...none, deleted: 0, tombstones: 0 };
/** The counts of a kind with tombstones: zero unless given. */
export const records = (c: Partial<TombstoneCounts>): TombstoneCounts => ({ ...noRecords, ...c });

/** A whole merge summary: the items' counts first (the kind the tests look at most), every other kind zero unless given. */
export function summary(items: Partial<TombstoneCounts>, others: Partial<Record<KindName, Partial<TombstoneCounts>>> = {}): MergeSummary {
  const s = zeroSummary() as Record<KindName, Counts>;
  for (const [kind, counts] of Object.entries({ ...others, items })) Object.assign(s[kind as KindName], counts);
  return s as MergeSummary;
}

export async function hashes(): Promise<string[]> {
  const imgs = await db.images.toArray();
  return (await Promise.all(imgs.map((i) => sha256Hex(i.original)))).sort();
}

export const NOW = new Date(2026, 10, 20, 9, 30).getTime(); // 20 Nov 2026, 09:30 local

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
    {
      name: "White tee",
      category: "top",
      subtype: "t-shirt",
      silhouette: "00ff00ff00ff00ff",
      recognition: {
        modelVersion: "garment-classifier@3",
        top: [{ category: "top", subtype: "t-shirt", confidence: 0.61 }],
        confirmedByUser: false,
        needsReview: true,
        threshold: 0.93,
      },
    },
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
  // No kept selfie: it would stay on this device (neither exported nor synced), so a copy elsewhere could not equal this one.
  await saveFaceShape(
    {
      faceShape: { primary: "oval", secondary: null, scores: { oval: 0.8, round: 0.2 }, clarity: 0.5 },
      suitedNecklines: ["v-neck"],
      avoidNecklines: ["turtleneck"],
    },
    NOW - 900,
  );
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

/** A row with every Blob in it (at any depth: a photo's, the kept selfie's) as its type and bytes. */
export async function withBytes(v: unknown): Promise<unknown> {
  if (v instanceof Blob) return blobBytes(v);
  if (Array.isArray(v) || v === null || typeof v !== "object") return v;
  return Object.fromEntries(await Promise.all(Object.entries(v).map(async ([k, x]) => [k, await withBytes(x)])));
}

/** Every table of the schema, blobs as their bytes, in key order: equal dumps mean equal databases. */
export async function dump() {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const t of TABLES) {
    const rows = (await t.of(db).toArray()) as Record<string, unknown>[];
    rows.sort((a, b) => String(a[t.key]).localeCompare(String(b[t.key])));
    out[t.name] = (await Promise.all(rows.map(withBytes))) as Record<string, unknown>[];
  }
  // Typed as stored rows for the tests' field access (blobs are bytes here).
  return out as unknown as { [T in keyof SchemaRows]: SchemaRows[T][] };
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

/** How many records of each kind fullState makes: a new kind must be given records there too (the compiler asks). */
export const FULL_STATE: Record<KindName, number> = { items: 3, outfits: 1, wearLog: 2, predictions: 3, settings: 3, profile: 1, learner: 1 };

/** The summary of merging fullState's export when every record fares the same way. */
export function everything(fate: keyof Counts): MergeSummary {
  const s = zeroSummary() as Record<KindName, Counts>;
  for (const [kind, n] of Object.entries(FULL_STATE)) s[kind as KindName][fate] = n;
  return s as MergeSummary;
}

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

/** A file made by an earlier version (fixtures/README.md). */
export const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

/**
 * The database of the device the fixtures come from, as another device gets it: without its
 * device-only settings (never in a backup or a bucket) and without its kept selfie (a selfie kept
 * "on this device" stays there: one in an older backup or bucket is not taken).
 */
export function oldState(): Awaited<ReturnType<typeof dump>> {
  const state = JSON.parse(fixture("state.json").toString("utf8")) as Awaited<ReturnType<typeof dump>>;
  return { ...state, settings: state.settings.filter((s) => !isDeviceSetting(s.key)), profile: state.profile.map((p) => ({ ...p, selfie: null })) };
}

/** A dump's tables that the fixtures' version had (tables added since must be empty after importing them). */
export function asOldTables(now: Awaited<ReturnType<typeof dump>>): Awaited<ReturnType<typeof dump>> {
  const old = new Set(Object.keys(oldState()));
  for (const [name, rows] of Object.entries(now)) if (!old.has(name)) expect(rows, name).toEqual([]);
  return Object.fromEntries(Object.entries(now).filter(([name]) => old.has(name))) as typeof now;
}

/** What merging the fixtures does to an empty device (`fate` "added"), and again (`fate` "unchanged"): facts about the fixture, not about fullState. */
export function oldFixtureSummary(fate: "added" | "unchanged"): MergeSummary {
  if (fate === "unchanged")
    return summary(
      { unchanged: 3 },
      {
        outfits: { unchanged: 1 },
        wearLog: { unchanged: 2 },
        predictions: { unchanged: 3 },
        settings: { unchanged: 3 },
        profile: { unchanged: 1 },
        learner: { unchanged: 1 },
      },
    );
  // The deleted item, outfit and wear are tombstones, not records brought in.
  return summary(
    { added: 2, tombstones: 1 },
    {
      outfits: { tombstones: 1 },
      wearLog: { added: 1, tombstones: 1 },
      predictions: { added: 3 },
      settings: { added: 3 },
      profile: { added: 1 },
      learner: { added: 1 },
    },
  );
}
