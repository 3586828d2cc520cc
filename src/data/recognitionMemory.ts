/**
 * What the user has taught recognition, read from the wardrobe itself: every live item
 * whose kind the user confirmed or corrected (in the confirm step or the editor) is an
 * example, its fingerprint the embedding. Nothing is stored apart from the items, so the
 * memory travels with backups and sync and forgets an item when it is deleted.
 *
 * Only fingerprints made by the current embedder count (another model's vectors live in
 * another space): items made before a new embedder are refreshed by refreshFingerprints.
 * The examples are cached and dropped on any change to the items table that could change
 * them (an item taught, untaught, re-fingerprinted or deleted), so a correction is seen by
 * the very next photo, while an import of many photos reads the wardrobe once: the items
 * it adds teach nothing yet (with a 2,000-item wardrobe, reading it again for every photo
 * cost ~0.2 s per photo here).
 */
import Dexie from "dexie";
import { db } from "./db";
import { KeptReads } from "./keptReads";
import { isModel } from "@domain/vision/modelRef";
import type { ModelRef } from "@domain/vision/modelRef";
import type { PersonalExample } from "@domain/vision/personal";
import { CATEGORIES, SUBTYPES, type Category, type Item } from "@domain/wardrobe/types";

/** The examples per embedder. */
const kept = new KeptReads<string, PersonalExample[]>();
let hooked = false;

/** The item after an update hook's modifications (their keys may be key paths: "recognition.top"). */
function updated(item: Item, mods: object): Item {
  const next = Dexie.deepClone(item);
  for (const [path, value] of Object.entries(mods)) Dexie.setByKeyPath(next, path, value);
  return next;
}

function watchItems(): void {
  if (hooked) return;
  hooked = true;
  db.items.hook("creating", (_key, item) => {
    kept.saw(item.id);
    if (taughtByUser(item)) kept.drop();
  });
  // Any change to a taught item (its updatedAt orders the examples), or one that teaches.
  db.items.hook("updating", (mods, id, item) => {
    kept.saw(id);
    if (taughtByUser(item) || taughtByUser(updated(item, mods))) kept.drop();
  });
  db.items.hook("deleting", (id, item?: Item) => {
    kept.saw(id);
    if (!item || taughtByUser(item)) kept.drop();
  });
}

/** The user said what this item is: confirmed in the confirm step, or changed its kind afterwards. */
export function taughtByUser(item: Item): boolean {
  if (item.category === null || item.subtype === null) return false;
  const r = item.recognition;
  if (!r) return false;
  if (r.confirmedByUser) return true;
  const best = r.top[0];
  return !r.needsReview && best !== undefined && (best.category !== item.category || best.subtype !== item.subtype);
}

export async function personalExamples(embedder: ModelRef): Promise<PersonalExample[]> {
  watchItems();
  return kept.get(`${embedder.name}@${embedder.version}`, async () => {
    const items = await db.items.filter((i) => i.deletedAt === null && i.embedding !== null && taughtByUser(i) && isModel(i.embeddedBy, embedder)).toArray();
    items.sort((a, b) => a.updatedAt - b.updatedAt);
    return items.map((i) => ({ embedding: i.embedding!, category: i.category!, subtype: i.subtype! }));
  });
}

/** Kinds the user named themselves, per category (for filters and the editor), sorted. */
export async function taughtKinds(): Promise<Record<Category, string[]>> {
  const out = Object.fromEntries(CATEGORIES.map((c) => [c, new Set<string>()])) as Record<Category, Set<string>>;
  await db.items.each((i) => {
    if (i.deletedAt === null && i.category && i.subtype && !SUBTYPES[i.category].includes(i.subtype)) out[i.category].add(i.subtype);
  });
  return Object.fromEntries(CATEGORIES.map((c) => [c, [...out[c]].sort((a, b) => a.localeCompare(b))])) as Record<Category, string[]>;
}

/** Items whose fingerprint another embedder made (or an unknown one), with a photo to remake it from. */
export async function itemsToRefingerprint(embedder: ModelRef): Promise<Item[]> {
  return db.items.filter((i) => i.deletedAt === null && i.imageId !== null && i.embedding !== null && !isModel(i.embeddedBy, embedder)).toArray();
}

/** Stores a fingerprint made by `embedder` without touching the user's fields or `updatedAt` (derived data, not an edit). */
export async function storeFingerprint(itemId: string, embedding: number[], embedder: ModelRef, silhouette: string | null): Promise<void> {
  await db.items.update(itemId, { embedding, embeddedBy: embedder, ...(silhouette ? { silhouette } : {}) });
}
