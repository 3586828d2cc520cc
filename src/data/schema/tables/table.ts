import type { Dexie, EntityTable, Table } from "dexie";

/** A Dexie table of the schema: its name, primary key, index spec per schema version and the upgrades of its rows. */
export interface TableDef<Name extends string, Row, Key extends string> {
  readonly name: Name;
  readonly key: Key;
  /** Schema version → Dexie's index spec from that version on (the first entry creates the table). */
  readonly stores: Readonly<Record<number, string>>;
  /** Schema version → what makes the rows stored before that version match `Row` (runs once, in Dexie's upgrade transaction). */
  readonly upgrades: Readonly<Record<number, (rows: Table) => Promise<unknown>>>;
  /** Whether a change to the row with this primary key is one sync must carry (every change, unless said otherwise). */
  readonly syncs: (key: unknown) => boolean;
  /** The table in `db`, typed. */
  of(db: Dexie): EntityTable<Row, Key & keyof Row>;
}

/** Any table of the schema, its row type left aside (for code that does the same for each table). */
export type AnyTableDef = Omit<TableDef<string, unknown, string>, "of"> & { of(db: Dexie): Table };

/**
 * Declares a table: `table<Row>()("name", "id", { 1: "id, updatedAt" })`. (Two calls
 * so that the row type is given and the name and key are inferred.)
 */
export function table<Row>() {
  return <Name extends string, Key extends keyof Row & string>(
    name: Name,
    key: Key,
    stores: Readonly<Record<number, string>>,
    extra: { upgrades?: TableDef<Name, Row, Key>["upgrades"]; syncs?: (key: unknown) => boolean } = {},
  ): TableDef<Name, Row, Key> => ({
    name,
    key,
    stores,
    upgrades: extra.upgrades ?? {},
    syncs: extra.syncs ?? (() => true),
    // The database's own property for the table (the object repositories use), else Dexie's lookup.
    of: (db) => ((db as unknown as Partial<Record<Name, EntityTable<Row, Key>>>)[name] ?? db.table(name)) as EntityTable<Row, Key>,
  });
}
