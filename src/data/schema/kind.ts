import type { Dexie } from "dexie";
import type { SourcePhoto, StoredImage } from "@domain/wardrobe/types";
import type { AnyTableDef, TableDef } from "./tables/table";

/**
 * What a kind of shared record is, said once: its Dexie tables, how this device's
 * records of it are read for export and sync, how one from outside is checked, what
 * identifies it, how it merges and what a merge counts. Export, import, sync and
 * auto-sync go through the registry (./index.ts) and never name a kind themselves.
 *
 * Adding a kind: write its module here (type, table, parse, merge), declared as a
 * plain object `satisfies RecordKind<…>` (no call at load: what the database alone
 * needs, its tables, stays small) and its table(s) in tables/; add it to
 * RECORD_KINDS and its tables to TABLES (tables/index.ts; a test checks both agree), with `since` = the next export format
 * version (which raises EXPORT_VERSION and the bucket's records version with it);
 * give it words on the screens (app/settings/recordWords.ts, which the compiler asks
 * for) and records in the tests' fixture (backupTestkit's FULL_STATE, likewise).
 */

/** How one kind of record fared in a merge: new here, replaced by a newer copy, or kept (the same or a newer copy was here). */
export interface Counts {
  added: number;
  updated: number;
  unchanged: number;
}

/**
 * Kinds that keep tombstones (deletedAt) count them apart: `added` and `updated`
 * count only live copies brought in (a new record, a newer copy, or one brought
 * back); a tombstone written is never one of them, but one of:
 */
export interface TombstoneCounts extends Counts {
  /** Records that were live here and are deleted now (the incoming tombstone was newer). */
  deleted: number;
  /** Tombstones kept for records not live here (unknown here, or deleted here too): nothing you see changes. */
  tombstones: number;
}

export const noCounts = (): Counts => ({ added: 0, updated: 0, unchanged: 0 });
export const noTombstoneCounts = (): TombstoneCounts => ({ ...noCounts(), deleted: 0, tombstones: 0 });

/** The bytes a record may refer to, by name (a zip's files; a bucket's photos by hash). */
export type Files = Readonly<Record<string, Uint8Array>>;

/**
 * One merge's shared state: the database, the clock, and what an earlier kind's rule
 * leaves for a later one (RECORD_KINDS' order is the merge order).
 */
export interface MergeContext {
  readonly db: Dexie;
  readonly now: number;
  /** Incoming photos by id: an item's copy that wins brings its photo. */
  readonly images: ReadonlyMap<string, StoredImage>;
  /** Incoming shared photos by id (pieces cut out of one photo): a photo brought in brings the one it was cut from, if not here. */
  readonly sources: ReadonlyMap<string, SourcePhoto>;
  /** Left by the items rule: items whose copy the incoming one replaced (their wear counts came with it). */
  readonly itemsReplaced: Set<string>;
  /** Left by the outfits rule: an incoming outfit id → the id the outfit has here (renamed by its items). */
  readonly outfitsRenamed: Map<string, string>;
  /** Left by the outfits rule: outfit ids here after the merge → whether the outfit is live. */
  readonly outfitsLive: Map<string, boolean>;
  /** Left by the outfits rule: outfits that were live here and are deleted now. */
  readonly outfitsDeleted: string[];
  /** Incoming copies dated exactly like the one here but different, where the one here won the tie (see incomingWins): the source still holds the other. */
  readonly ties: { keptHere: number };
}

export interface RecordKind<Name extends string, Row, C extends Counts> {
  /** Its key in data.json, the bucket's records document, a merge summary and a record set. */
  readonly name: Name;
  /** The export format version that first carried it: an older file simply has none. */
  readonly since: number;
  /** True for a kind with at most one record (written as the record or null). */
  readonly single: boolean;
  /** Its tables; the first holds its records. */
  readonly tables: readonly AnyTableDef[];
  /** Zero counts: the shape of its merge summary. */
  counts(): C;
  /** This device's records as they may leave it (export, sync), inside a read transaction on every table. */
  read(db: Dexie): Promise<Row[]>;
  /** Checks one record from outside, returning it as the app stores it; throws BadRecord. */
  parse(raw: unknown, files: Files): Row | Promise<Row>;
  /** What identifies a record within one file or document (it may appear once). */
  keyOf(row: Row): string;
  /** Its identity and version, as the merge matches it (equal versions: nothing to bring either way). */
  version(row: Row): string;
  /** Writes the incoming records that win over this device's, inside the merge's transaction; says how each fared. */
  merge(ctx: MergeContext, rows: readonly Row[]): Promise<C>;
}

/**
 * A record's content as one canonical text (object keys sorted, a Blob as its type
 * and size, the top-level fields in `skip` left out): equal copies, equal text.
 */
export function contentText(record: unknown, skip: readonly string[] = []): string {
  const norm = (v: unknown): unknown => {
    if (v instanceof Blob) return `blob ${v.type} ${v.size}`;
    if (Array.isArray(v)) return v.map(norm);
    if (v && typeof v === "object")
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, norm((v as Record<string, unknown>)[k])]),
      );
    return v;
  };
  const top =
    record && typeof record === "object" && !Array.isArray(record) ? Object.fromEntries(Object.entries(record).filter(([k]) => !skip.includes(k))) : record;
  return JSON.stringify(norm(top));
}

type Dated = { updatedAt: number };

/**
 * Whose copy stands: the newer one. Two different copies dated alike (two devices
 * whose clocks were behind the record's date both wrote "one past it") are settled
 * the same way on every device, by their content, so that they end up agreeing
 * instead of each keeping its own for ever. `content` is what counts as the record's
 * content (derived fields left out). Pure.
 */
export function incomingWins<T extends Dated>(incoming: T, here: T | undefined, content: (r: T) => string = contentText): boolean {
  if (!here || here.updatedAt < incoming.updatedAt) return true;
  return here.updatedAt === incoming.updatedAt && content(incoming) > content(here);
}

/** Whether the copy here won a tie against a different incoming one (the source still holds the other: it must be told). Pure. */
export function keptOnTie<T extends Dated>(incoming: T, here: T | undefined, content: (r: T) => string = contentText): boolean {
  return !!here && here.updatedAt === incoming.updatedAt && content(incoming) < content(here);
}

/** How one incoming record fares against the copy here (for kinds without tombstones). Pure. */
export function outcome<T extends Dated>(incoming: T, here: T | undefined, content: (r: T) => string = contentText): keyof Counts {
  if (!incomingWins(incoming, here, content)) return "unchanged";
  return here ? "updated" : "added";
}

/**
 * The merge rule of most kinds: by primary key, the newer copy wins; nothing else is
 * touched. `keep` leaves out incoming records this device never takes.
 */
export async function mergeNewer<Row extends { updatedAt: number }, Key extends string>(
  def: TableDef<string, Row, Key>,
  ctx: MergeContext,
  rows: readonly Row[],
  keep: (row: Row) => boolean = () => true,
): Promise<Counts> {
  const t = def.of(ctx.db);
  const incoming = rows.filter(keep);
  const here = await t.bulkGet(incoming.map((r) => r[def.key as keyof Row] as never));
  for (const [i, r] of incoming.entries()) if (keptOnTie(r, here[i])) ctx.ties.keptHere++;
  const fates = incoming.map((r, i) => outcome(r, here[i]));
  await t.bulkPut(incoming.filter((_, i) => fates[i] !== "unchanged"));
  const counts = noCounts();
  for (const f of fates) counts[f]++;
  return counts;
}
