import type { Item } from "@domain/wardrobe/types";
import { parseItem } from "@domain/wardrobe/validate";
import { BadRecord, orNull, time } from "./fields";
import { contentText, incomingWins, keptOnTie, noTombstoneCounts, type TombstoneCounts, type RecordKind } from "./kind";
import { imagesTable } from "./tables/images";
import { itemsTable } from "./tables/items";
import { dropUnusedSources, sourcePhotosTable } from "./tables/sourcePhotos";
import { tombstoneCounts } from "./tombstones";

/** An item's content for a tie between copies dated alike: its wear count and last-worn time are worked out from the wear log, not edited. */
const itemContent = (i: Item) => contentText(i, ["wearCount", "lastWornAt"]);

/** Whether an incoming copy of an item replaces the one here, as the merge decides (sync fetches only the photos of copies that will). Pure. */
export const itemWins = (incoming: Item, here: Item | undefined): boolean => incomingWins(incoming, here, itemContent);

/** Wardrobe items with their photos (tables in tables/items.ts and tables/images.ts) and the shared photos pieces were cut from (tables/sourcePhotos.ts). */
export const items = {
  name: "items",
  since: 1,
  single: false,
  tables: [itemsTable, imagesTable, sourcePhotosTable],
  counts: noTombstoneCounts,
  read: (db) => itemsTable.of(db).toArray(),
  parse(raw) {
    const parsed = parseItem(raw);
    if (!parsed.ok) throw new BadRecord(parsed.error);
    const item = parsed.value;
    // The record checks' bound on times (no far-future dates), which the item's own checks predate.
    for (const field of ["createdAt", "updatedAt"] as const) time(item[field], field);
    for (const field of ["deletedAt", "lastWornAt"] as const) orNull(item[field], (t) => time(t, field));
    return item;
  },
  keyOf: (i) => i.id,
  version: (i) => `i ${i.id} ${i.updatedAt}`,
  /**
   * By id, the newer copy wins and brings its photo (a replaced item's old photo
   * goes), and the shared photo it was cut from unless that is here already (same id,
   * same photo: it never changes); a shared photo no image refers to any more goes.
   * Wear counts are settled later, by the wear log's rule, from the merged log.
   */
  async merge(ctx, rows) {
    const here = itemsTable.of(ctx.db);
    const photos = imagesTable.of(ctx.db);
    const sources = sourcePhotosTable.of(ctx.db);
    const released: (string | null | undefined)[] = [];
    const before = new Map<string, Item>();
    const writes: Item[] = [];
    let unchanged = 0;
    for (const incoming of rows) {
      const existing = await here.get(incoming.id);
      if (keptOnTie(incoming, existing, itemContent)) ctx.ties.keptHere++;
      if (!itemWins(incoming, existing)) {
        unchanged++;
        continue;
      }
      if (existing) before.set(existing.id, existing);
      if (existing?.imageId && existing.imageId !== incoming.imageId) {
        released.push((await photos.get(existing.imageId))?.sourcePhotoId);
        await photos.delete(existing.imageId);
      }
      const img = incoming.imageId ? ctx.images.get(incoming.imageId) : undefined;
      if (img) {
        const source = img.sourcePhotoId ? ctx.sources.get(img.sourcePhotoId) : undefined;
        if (source && !(await sources.get(source.id))) await sources.put(source);
        await photos.put(img);
      }
      await here.put(incoming);
      ctx.itemsReplaced.add(incoming.id);
      writes.push(incoming);
    }
    await dropUnusedSources(ctx.db, released);
    return tombstoneCounts(writes, before, unchanged);
  },
} satisfies RecordKind<"items", Item, TombstoneCounts>;
