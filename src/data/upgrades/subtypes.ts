import type { Table } from "dexie";
import { RENAMED_SUBTYPES } from "@domain/wardrobe/types";

/**
 * Schema v6 (the multi-style recogniser's taxonomy): subtypes that were renamed
 * ("sunglasses" → "glasses") are rewritten in stored items, so filters and outfits see
 * one kind. Like the v5 upgrade, no `updatedAt` change: the same fact under its new
 * name, nothing for sync to push (other devices rename on their own upgrade, and
 * validation maps old names in backups and synced records).
 */
export function upgradeRenamedSubtypes(items: Table): Promise<unknown> {
  return items.toCollection().modify((item: { subtype?: unknown }) => {
    if (typeof item.subtype === "string" && RENAMED_SUBTYPES[item.subtype]) item.subtype = RENAMED_SUBTYPES[item.subtype];
  });
}
