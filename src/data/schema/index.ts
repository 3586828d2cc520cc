import type { Dexie } from "dexie";
import type { SourcePhoto, StoredImage } from "@domain/wardrobe/types";
import { items } from "./items";
import type { Counts, RecordKind } from "./kind";
import { learner } from "./learner";
import { outfits } from "./outfits";
import { imagesTable } from "./tables/images";
import { sourcePhotosTable } from "./tables/sourcePhotos";
import { predictions } from "./predictions";
import { profile } from "./profile";
import { settings } from "./settings";
import { ALL_TABLES } from "./tables/index";
import { wearLog } from "./wearLog";

/**
 * The registry of shared record kinds: everything export, import, sync and auto-sync
 * do with records, they do for each kind here. The order is the merge order (a
 * wear's rule needs the outfits merged, the wear counts need the items merged).
 */
export const RECORD_KINDS = [items, outfits, wearLog, predictions, settings, profile, learner] as const;

type Kinds = (typeof RECORD_KINDS)[number];
export type KindName = Kinds["name"];
type KindNamed<N extends KindName> = Extract<Kinds, { name: N }>;
export type RowOf<N extends KindName> = KindNamed<N> extends RecordKind<N, infer R, Counts> ? R : never;
export type CountsOf<N extends KindName> = ReturnType<KindNamed<N>["counts"]>;

/** Records of every kind (a single-record kind holds zero or one). */
export type RecordSet = { [N in KindName]: RowOf<N>[] };

/** How a merge went, kind by kind. */
export type MergeSummary = { [N in KindName]: CountsOf<N> };

/** Every kind as a plain RecordKind: for code that does the same for each (its rows typed by RowOf where it matters). */
export const kinds = RECORD_KINDS as unknown as readonly RecordKind<KindName, unknown, Counts>[];

/** Every table of the database (tables/index.ts), each once: a kind may own more than one (items own their photos). */
export { ALL_TABLES as TABLES, type SchemaRows, type SchemaTables } from "./tables/index";

export const emptyRecords = (): RecordSet => Object.fromEntries(kinds.map((k) => [k.name, []])) as unknown as RecordSet;
export const zeroSummary = (): MergeSummary => Object.fromEntries(kinds.map((k) => [k.name, k.counts()])) as MergeSummary;

/** Two summaries added up, kind by kind and count by count (a sync that merged in several rounds). */
export function addSummaries(a: MergeSummary, b: MergeSummary): MergeSummary {
  const out = zeroSummary() as unknown as Record<string, Record<string, number>>;
  const [x, y] = [a, b] as unknown as Record<string, Record<string, number>>[];
  for (const [name, counts] of Object.entries(out)) for (const c of Object.keys(counts)) counts[c] = x![name]![c]! + y![name]![c]!;
  return out as unknown as MergeSummary;
}

/** This device's shareable records of every kind, and its photos (with the shared ones pieces were cut from), read at one moment. */
export interface SharedState {
  records: RecordSet;
  images: StoredImage[];
  sources: SourcePhoto[];
}

/** One read transaction: a consistent snapshot even if the user edits meanwhile. */
export function readShared(db: Dexie): Promise<SharedState> {
  return db.transaction(
    "r",
    ALL_TABLES.map((t) => t.name),
    async () => {
      const records = emptyRecords() as Record<KindName, unknown[]>;
      for (const k of kinds) records[k.name] = await k.read(db);
      return { records: records as RecordSet, images: await imagesTable.of(db).toArray(), sources: await sourcePhotosTable.of(db).toArray() };
    },
  );
}

/**
 * What a record set holds, as versions: every record's identity and updatedAt
 * (merges go by newer updatedAt, so equal versions mean nothing to bring either way).
 */
export function recordVersions(records: RecordSet): string[] {
  const r = records as Record<KindName, unknown[]>;
  return kinds.flatMap((k) => r[k.name].map((row) => k.version(row)));
}

export { type Counts, type TombstoneCounts } from "./kind";
