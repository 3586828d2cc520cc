import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { cards, expectThumbnails } from "./foundation-helpers";

// A database an older version of the app left in real IndexedDB, written with the raw
// IndexedDB API before the app loads (no Dexie, no app code), then the app opened on
// it: Dexie's upgrade runs in Chromium, and every row must come out whole and in its
// current shape. src/data/db.test.ts checks the same upgrades on fake-indexeddb.

/**
 * The stores as each schema version shipped them (Dexie's index syntax), frozen here:
 * what users' browsers hold does not change when the app's schema does. Dexie stores
 * schema version v as IndexedDB version 10·v. A new schema version adds its line here,
 * moves LATEST, and gets a scenario below.
 */
const SHIPPED: Record<number, Record<string, string>> = {
  1: {
    items: "id, createdAt, updatedAt, category, favourite, wearCount, price, deletedAt, *seasons, *occasions",
    images: "id, itemId, sha256",
    profile: "id",
  },
  2: { predictions: "id, itemId, createdAt, modelVersion, outcome", settings: "key" },
  3: { outfits: "id, createdAt, updatedAt", wearLog: "id, date, outfitId, createdAt, updatedAt, *itemIds", learner: "id" },
  // v4: rows only (deletedAt on outfits and wears); v5: model identities become objects and
  // the prediction log's model index goes; v6: rows only (renamed subtypes).
  5: { predictions: "id, itemId, createdAt, outcome" },
  // v7: photos several items were cut out of, stored once; photos indexed by the one they were cut from.
  7: { images: "id, itemId, sha256, sourcePhotoId", sourcePhotos: "id, sha256" },
};
const LATEST = 7;

function storesAt(version: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let v = 1; v <= version; v++) Object.assign(out, SHIPPED[v] ?? {});
  return out;
}

/** A Blob as it crosses to and from the page: its bytes (base64) and type. */
interface BlobData {
  __blob: string;
  type: string;
}
type Row = Record<string, unknown>;
type Tables = Record<string, Row[]>;

const PHOTO: BlobData = { __blob: readFileSync("public/icons/icon-192.png").toString("base64"), type: "image/png" };
const THUMB: BlobData = { __blob: readFileSync("public/icons/icon-512.png").toString("base64"), type: "image/png" };
const SELFIE: BlobData = { __blob: readFileSync("public/icons/icon-maskable-512.png").toString("base64"), type: "image/png" };

const T0 = Date.UTC(2026, 5, 1, 9, 0);

function item(id: string, over: Row): Row {
  return {
    id,
    createdAt: T0,
    updatedAt: T0 + 1000,
    name: id,
    category: "top",
    subtype: "t-shirt",
    colours: [{ name: "navy", hex: "#1f2a56", share: 1 }],
    seasons: ["summer", "spring"],
    occasions: ["casual"],
    material: "cotton",
    brand: "Acme",
    price: 19.5,
    purchaseDate: "2026-04-12",
    gender: "unisex",
    neckline: "v-neck",
    notes: "Wash cold",
    favourite: true,
    wearCount: 2,
    lastWornAt: T0 + 5000,
    imageId: null,
    recognition: null,
    embedding: Array.from({ length: 128 }, (_, i) => (i % 2 ? 1 : -1) / Math.sqrt(128)),
    deletedAt: null,
    ...over,
  };
}

const image = (id: string, itemId: string): Row => ({
  id,
  itemId,
  createdAt: T0,
  updatedAt: T0,
  original: PHOTO,
  thumbnail: THUMB,
  width: 192,
  height: 192,
  mimeType: "image/png",
  sha256: "a".repeat(64),
});

const recognition = (modelVersion: unknown): Row => ({
  modelVersion,
  top: [{ category: "accessory", subtype: "sunglasses", confidence: 0.91 }],
  confirmedByUser: true,
  needsReview: false,
  threshold: 0.6,
});

const prediction = (id: string, modelVersion: unknown, embedderVersion: unknown): Row => ({
  id,
  itemId: "item-glasses",
  createdAt: T0 + 100,
  updatedAt: T0 + 200,
  modelVersion,
  embedderVersion,
  backend: "wasm",
  top: [{ index: 3, category: "top", subtype: "t-shirt", label: "T-shirt/top", confidence: 0.8 }],
  confidence: 0.8,
  threshold: 0.6,
  outcome: "corrected",
  finalCategory: "accessory",
  finalSubtype: "sunglasses",
  correctedAt: T0 + 300,
  timings: { decode: 4, classify: 12 },
});

const profile: Row = {
  id: "me",
  createdAt: T0,
  updatedAt: T0 + 10,
  gender: "female",
  faceShape: { primary: "oval", secondary: "heart", scores: { oval: 0.7, heart: 0.2 }, clarity: 0.5 },
  suitedNecklines: ["v-neck"],
  avoidNecklines: ["turtleneck"],
  selfie: { blob: SELFIE, width: 512, height: 512, mimeType: "image/png", savedAt: T0 + 10 },
};

/** Writes `tables` into a fresh "curator" database at schema version `version` (IndexedDB 10·version), with that version's stores and indexes. */
async function writeOldDatabase(page: Page, version: number, tables: Tables): Promise<void> {
  await page.evaluate(
    async ({ idbVersion, stores, tables }) => {
      const toBlob = (v: unknown): unknown => {
        if (Array.isArray(v)) return v.map(toBlob);
        if (v && typeof v === "object") {
          const o = v as Record<string, unknown>;
          if (typeof o.__blob === "string") return new Blob([Uint8Array.from(atob(o.__blob), (c) => c.charCodeAt(0))], { type: String(o.type) });
          return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, toBlob(x)]));
        }
        return v;
      };
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open("curator", idbVersion);
        open.onupgradeneeded = () => {
          for (const [name, spec] of Object.entries(stores)) {
            const [key, ...indexes] = spec.split(",").map((s) => s.trim());
            const store = open.result.createObjectStore(name, { keyPath: key });
            for (const ix of indexes) store.createIndex(ix.replace("*", ""), ix.replace("*", ""), { multiEntry: ix.startsWith("*") });
          }
        };
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction(Object.keys(tables), "readwrite");
      for (const [name, rows] of Object.entries(tables)) for (const row of rows) tx.objectStore(name).put(toBlob(row));
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { idbVersion: version * 10, stores: storesAt(version), tables },
  );
}

interface DatabaseDump {
  version: number;
  stores: Record<string, { keyPath: string; indexes: string[] }>;
  tables: Tables;
}

/** The "curator" database as the browser holds it: version, stores with their indexes (Dexie syntax), every row with Blobs as bytes. */
async function readDatabase(page: Page): Promise<DatabaseDump> {
  return page.evaluate(async () => {
    const fromBlob = async (v: unknown): Promise<unknown> => {
      if (v instanceof Blob) {
        const bytes = new Uint8Array(await v.arrayBuffer());
        let s = "";
        for (const b of bytes) s += String.fromCharCode(b);
        return { __blob: btoa(s), type: v.type };
      }
      if (Array.isArray(v)) return Promise.all(v.map(fromBlob));
      if (v && typeof v === "object") return Object.fromEntries(await Promise.all(Object.entries(v).map(async ([k, x]) => [k, await fromBlob(x)])));
      return v;
    };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open("curator");
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const stores: Record<string, { keyPath: string; indexes: string[] }> = {};
    const raw: Record<string, unknown[]> = {};
    const names = [...db.objectStoreNames];
    const tx = db.transaction(names, "readonly");
    for (const name of names) {
      const store = tx.objectStore(name);
      const indexes = [...store.indexNames].map((n) => (store.index(n).multiEntry ? "*" : "") + String(store.index(n).keyPath));
      stores[name] = { keyPath: String(store.keyPath), indexes: indexes.sort() };
      raw[name] = await new Promise<unknown[]>((resolve, reject) => {
        const all = store.getAll();
        all.onsuccess = () => resolve(all.result);
        all.onerror = () => reject(all.error);
      });
    }
    const version = db.version;
    db.close();
    const tables: Record<string, Row[]> = {};
    for (const [name, rows] of Object.entries(raw)) tables[name] = (await fromBlob(rows)) as Row[];
    return { version, stores, tables };
  });
}

/** What the latest schema's stores look like when read back by readDatabase. */
function latestStores(): DatabaseDump["stores"] {
  return Object.fromEntries(
    Object.entries(storesAt(LATEST)).map(([name, spec]) => {
      const [keyPath, ...indexes] = spec.split(",").map((s) => s.trim());
      return [name, { keyPath: keyPath!, indexes: indexes.sort() }];
    }),
  );
}

/** Writes the old database, opens the app on it, and returns what the browser holds then. */
async function upgrade(page: Page, version: number, tables: Tables, liveItems: number): Promise<DatabaseDump> {
  // A page of the app's origin that is not the app: nothing opens the database before us.
  await page.goto("/manifest.webmanifest");
  await writeOldDatabase(page, version, tables);
  const before = await readDatabase(page);
  expect(before.version).toBe(version * 10);
  expectTables(before.tables, withEmptyTables(version, tables)); // the old rows as written, Blobs included

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Wardrobe" })).toBeVisible();
  await expect(cards(page)).toHaveCount(liveItems);
  const after = await readDatabase(page);
  expect(after.version, `the app's schema is v${after.version / 10}: add its stores to SHIPPED and a scenario for it`).toBe(LATEST * 10);
  expect(after.stores).toEqual(latestStores());
  return after;
}

/** Every table of schema `version`, empty, with `tables` filled in. */
function withEmptyTables(version: number, tables: Tables): Tables {
  return { ...Object.fromEntries(Object.keys(storesAt(version)).map((n) => [n, [] as Row[]])), ...tables };
}
const expectedTables = (tables: Tables) => withEmptyTables(LATEST, tables);

const byId = (rows: Row[]) => [...rows].sort((a, b) => String(a.id ?? a.key).localeCompare(String(b.id ?? b.key)));
function expectTables(actual: Tables, expected: Tables) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [name, rows] of Object.entries(expected)) expect(byId(actual[name]!), name).toEqual(byId(rows));
}

test("a v1 database (items, photos, profile): every row kept, photos and selfie byte-identical, model names and renamed kinds in today's form", async ({
  page,
}) => {
  const old = {
    items: [
      item("item-glasses", {
        name: "Aviators",
        category: "accessory",
        subtype: "sunglasses",
        imageId: "image-glasses",
        recognition: recognition("garment-classifier@1"),
      }),
      item("item-tee", { name: "Navy tee", imageId: "image-tee", recognition: recognition("a model of my own") }),
      item("item-gone", { name: "Gone", deletedAt: T0 + 9000 }),
    ],
    images: [image("image-glasses", "item-glasses"), image("image-tee", "item-tee")],
    profile: [profile],
  };
  const after = await upgrade(page, 1, old, 2);
  const [glasses, tee, gone] = old.items as [Row, Row, Row];
  expectTables(
    after.tables,
    expectedTables({
      ...old,
      items: [
        // v5: the text model name becomes { name, version }; v6: the renamed kind. Nothing
        // else moves, updatedAt included (the same facts in a new form: nothing for sync).
        { ...glasses, subtype: "glasses", recognition: recognition({ name: "garment-classifier", version: 1 }) },
        tee, // text that is not "name@version" is left as it is (readers tolerate it)
        gone,
      ],
    }),
  );
  await expectThumbnails(page, 2);
  await expect(page.getByRole("button", { name: /Aviators/ })).toBeVisible();
});

test("a v3 database (every table): outfits and wears get deletedAt, the log's model names become objects, settings and learner kept", async ({ page }) => {
  const outfit = { id: "outfit-old", createdAt: T0, updatedAt: T0 + 1, itemIds: ["item-glasses", "item-tee"], name: "Beach", score: 0.72 };
  const tombstone = { ...outfit, id: "outfit-deleted", name: "Gone", deletedAt: T0 + 2 };
  const wear = { id: "wear-old", date: "2026-06-01", outfitId: "outfit-old", itemIds: ["item-glasses", "item-tee"], createdAt: T0, updatedAt: T0, wornAt: T0 };
  const old = {
    items: [
      item("item-glasses", { name: "Aviators", category: "accessory", subtype: "sunglasses", recognition: recognition("garment-classifier@3") }),
      item("item-tee", { name: "Navy tee" }),
    ],
    predictions: [prediction("log-1", "garment-classifier@3", "garment-embedder@2")],
    settings: [
      { key: "confidenceThreshold", value: 0.75, updatedAt: T0 },
      { key: "a-setting-from-a-newer-app", value: { any: ["shape"] }, updatedAt: T0 },
    ],
    outfits: [outfit, tombstone],
    wearLog: [wear],
    learner: [{ id: "me", state: { weights: [0.1, -0.2], seen: 3 }, updatedAt: T0 }],
    profile: [profile],
  };
  const after = await upgrade(page, 3, old, 2);
  expectTables(
    after.tables,
    expectedTables({
      ...old,
      items: [{ ...old.items[0]!, subtype: "glasses", recognition: recognition({ name: "garment-classifier", version: 3 }) }, old.items[1]!],
      predictions: [prediction("log-1", { name: "garment-classifier", version: 3 }, { name: "garment-embedder", version: 2 })],
      outfits: [{ ...outfit, deletedAt: null }, tombstone],
      wearLog: [{ ...wear, deletedAt: null }],
    }),
  );
});

test("a v5 database: only the renamed kinds change", async ({ page }) => {
  const model = { name: "garment-classifier", version: 5 };
  const old = {
    items: [item("item-glasses", { name: "Aviators", category: "accessory", subtype: "sunglasses", recognition: recognition(model) })],
    predictions: [prediction("log-1", model, { name: "garment-embedder", version: 4 })],
  };
  const after = await upgrade(page, 5, old, 1);
  // The log keeps "sunglasses" in finalSubtype: it records what was chosen then, and readers map old names.
  expectTables(after.tables, expectedTables({ ...old, items: [{ ...old.items[0]!, subtype: "glasses" }] }));
});

test("a v6 database: every row kept as it was, photos byte-identical; the shared-photo table appears, empty", async ({ page }) => {
  const old = {
    items: [item("item-tee", { name: "Navy tee", imageId: "image-tee", recognition: recognition({ name: "garment-classifier", version: 5 }) })],
    images: [image("image-tee", "item-tee")],
  };
  const after = await upgrade(page, 6, old, 1);
  expectTables(after.tables, expectedTables(old));
});
