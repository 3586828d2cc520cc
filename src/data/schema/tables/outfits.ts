import type { Table } from "dexie";
import { table } from "./table";

/** A saved outfit: a named combination of items. */
export interface SavedOutfit {
  id: string;
  createdAt: number;
  updatedAt: number;
  itemIds: string[];
  name: string;
  /** The score when it was saved (0–1); the builder recomputes it live. */
  score: number | null;
  /** When it was deleted: the record stays as a tombstone so an import or sync never brings it back. */
  deletedAt: number | null;
}

export const MAX_OUTFIT_NAME = 120;

/** Rows stored before tombstones (schema v3) have no deletedAt: they are live. Shared by the wear log's table. */
export const liveWhenUnset = (rows: Table) =>
  rows.toCollection().modify((r: { deletedAt?: number | null }) => {
    if (r.deletedAt === undefined) r.deletedAt = null;
  });

export const outfitsTable = table<SavedOutfit>()("outfits", "id", { 3: "id, createdAt, updatedAt" }, { upgrades: { 4: liveWhenUnset } });
