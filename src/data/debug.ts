import { bulkAddItems, updateItem, type ItemPatch } from "./items";
import { db } from "./db";
import { newId } from "./ids";
import { newItem } from "@domain/wardrobe/item";
import type { PredictionLog } from "@domain/vision/predictionLog";
import type { ModelRef } from "@domain/vision/modelRef";
import type { DetectedPiece, Detection } from "@domain/detection/types";

type PlainPiece = Omit<DetectedPiece, "mask"> & { mask: { width: number; height: number; alpha: number[] } | null };
import { CATEGORIES, OCCASIONS, SEASONS, SUBTYPES, type Item, type StoredImage } from "@domain/wardrobe/types";

/**
 * Bench and test helpers, loaded only when the page URL has `?curator-debug`
 * (never part of the normal app bundle's startup). Seeds realistic items through
 * the real repository so insert timings measure the code users run.
 */
const BRANDS = ["Acme", "Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Proseware", "Wingtip"];
const MATERIALS = ["cotton", "wool", "linen", "denim", "silk", "polyester", "leather", "cashmere"];
const COLOURS: [string, string][] = [
  ["navy", "#1f2a56"],
  ["white", "#f8f8f8"],
  ["black", "#1a1a1a"],
  ["red", "#c62f2f"],
  ["green", "#2e7d4f"],
  ["beige", "#d9c7a7"],
  ["blue", "#2f6fd0"],
  ["grey", "#8a8a8a"],
];

function pick<T>(xs: readonly T[], i: number): T {
  return xs[i % xs.length] as T;
}

/**
 * What an imported item carries from recognition: a unit-length 128-d fingerprint by
 * `embedder` (deterministic per item) and the classifier's answer, every fifth confirmed
 * by the user (so the wardrobe teaches the personal head, as a used one does).
 */
function fingerprinted(item: Item, i: number, embedder: ModelRef): Item {
  let x = (i + 1) * 2654435761;
  const v = Array.from({ length: 128 }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648 - 0.5;
  });
  const norm = Math.hypot(...v);
  const top = [{ category: item.category!, subtype: item.subtype!, confidence: 0.97 }];
  return {
    ...item,
    embedding: v.map((a) => a / norm),
    embeddedBy: embedder,
    recognition: { modelVersion: embedder, top, confirmedByUser: i % 5 === 0, needsReview: false, threshold: 0.93 },
  };
}

function fakeItem(i: number, now: number, photo: { original: Blob; thumbnail: Blob }, spreadCategories = false): { item: Item; image: StoredImage } {
  // (i * 7 + 3) mod 7 is always 3: every default seeded item is outerwear. Kept as is so
  // the wardrobe bench's figures stay comparable; outfit tests ask for a real spread.
  const category = spreadCategories ? pick(CATEGORIES, i) : pick(CATEGORIES, i * 7 + 3);
  const id = newId();
  const imageId = newId();
  const [colourName, hex] = pick(COLOURS, i * 5 + 1);
  const item = newItem(id, now - i * 60_000, {
    name: `${pick(BRANDS, i)} ${pick(SUBTYPES[category], i)} ${i}`,
    category,
    subtype: pick(SUBTYPES[category], i),
    colours: [{ name: colourName, hex, share: 1 }],
    seasons: [pick(SEASONS, i), pick(SEASONS, i + 1)],
    occasions: [pick(OCCASIONS, i * 3)],
    brand: pick(BRANDS, i * 11),
    material: pick(MATERIALS, i * 13),
    price: i % 9 === 0 ? null : 10 + ((i * 37) % 290),
    wearCount: (i * 17) % 60,
    favourite: i % 10 === 0,
    imageId,
  });
  const image: StoredImage = {
    id: imageId,
    itemId: id,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    original: photo.original,
    thumbnail: photo.thumbnail,
    width: 384,
    height: 480,
    mimeType: "image/jpeg",
    sha256: "0".repeat(64),
  };
  return { item, image };
}

export function install() {
  Object.assign(window, {
    curatorDebug: {
      /**
       * Inserts n items with photos in batches; returns elapsed ms (insert only). With
       * `embedder`, each item also has a fingerprint by it and a recognition record
       * (a wardrobe built by importing photos).
       */
      async seed(n: number, photo: { original: Blob; thumbnail: Blob }, batch = 1000, spreadCategories = false, embedder?: ModelRef): Promise<number> {
        const now = Date.now();
        let ms = 0;
        for (let start = 0; start < n; start += batch) {
          const pairs = [];
          for (let i = start; i < Math.min(n, start + batch); i++) {
            const pair = fakeItem(i, now, photo, spreadCategories);
            pairs.push(embedder ? { ...pair, item: fingerprinted(pair.item, i, embedder) } : pair);
          }
          const t0 = performance.now();
          await bulkAddItems(pairs);
          ms += performance.now() - t0;
        }
        return ms;
      },
      /** Sets fields on existing items through the real repository (e2e: a deterministic wardrobe after a real photo import). */
      async patchItems(patches: { id: string; patch: ItemPatch }[]): Promise<void> {
        for (const { id, patch } of patches) await updateItem(id, patch);
      },
      async clear() {
        await db.transaction("rw", [db.items, db.images, db.sourcePhotos, db.predictions], async () => {
          await db.items.clear();
          await db.images.clear();
          await db.sourcePhotos.clear();
          await db.predictions.clear();
        });
      },
      /** The real photo import (image worker → vision step → one transaction), for the vision bench. */
      async importPhotos(files: File[], options: { overlap?: boolean } = {}) {
        const { importPhotos } = await import("@ml/import/importPhotos");
        return importPhotos(files, options);
      },
      /**
       * The real photo import of one photo of several garments, with the detector's answer given
       * (e2e: the flat-lay fixture's true boxes and masks; masks' alphas as plain arrays): every
       * piece kept, cut out by the image worker and stored with the shared photo as the app does.
       * `analyse: false` skips the recognition steps (what is tested is the pieces' photos).
       */
      async importPieces(file: File, detection: Omit<Detection, "pieces"> & { pieces: PlainPiece[] }, options: { analyse?: boolean } = {}) {
        const { importPhotos } = await import("@ml/import/importPhotos");
        const real: Detection = {
          ...detection,
          pieces: detection.pieces.map((p) => ({ ...p, mask: p.mask && { ...p.mask, alpha: Uint8Array.from(p.mask.alpha) } })),
        };
        return importPhotos([file], { detect: async () => real, ...(options.analyse === false && { steps: [] }) });
      },
      /** Adds prediction log records as they are (e2e: a known history for the Model health screen). */
      async seedPredictions(logs: PredictionLog[]): Promise<void> {
        await db.predictions.bulkAdd(logs);
      },
      /** Prediction log records (with the vision worker's per-stage timings). */
      async predictions() {
        return db.predictions.toArray();
      },
    },
  });
}
