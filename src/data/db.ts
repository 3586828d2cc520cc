import { Dexie, type Table } from "dexie";
// The tables alone: the kinds' checks and merge rules load with export, import and sync.
import { ALL_TABLES as TABLES, type SchemaTables } from "./schema/tables/index";

/**
 * The one IndexedDB database, declared from the record schema (./schema/tables): each
 * table says its index spec and the upgrades of its rows by schema version. Every
 * schema change is a new version there, and the database's version follows: a new
 * index spec (`stores: { 6: "…" }`) or an upgrade that makes stored rows match their
 * type (`upgrades: { 6: renameSubtypes }` on tables/items.ts, say). Never edit an old
 * version in place.
 *
 * v1 items, images, profile · v2 (vision) predictions, settings · v3 (outfits) saved
 * outfits, the wear log, the learner · v4 rows stored before tombstones get
 * deletedAt: null · v5 model identities stored as "name@version" text become
 * { name, version } (upgrades/modelRefs.ts) · v6 renamed subtypes · v7 sourcePhotos (one photo
 * several items were cut out of, shared) and images indexed by it. After each, every row matches its type.
 */
export const SCHEMA_VERSION = Math.max(...TABLES.flatMap((t) => [...Object.keys(t.stores), ...Object.keys(t.upgrades)].map(Number)));

function declareVersions(db: Pick<Dexie, "version">): void {
  for (let v = 1; v <= SCHEMA_VERSION; v++) {
    const stores: Record<string, string> = {};
    const upgrades: [string, (rows: Table) => Promise<unknown>][] = [];
    for (const t of TABLES) {
      const spec = t.stores[v];
      const upgrade = t.upgrades[v];
      if (spec !== undefined) stores[t.name] = spec;
      if (upgrade) upgrades.push([t.name, upgrade]);
    }
    const version = db.version(v).stores(stores);
    if (upgrades.length)
      version.upgrade(async (tx) => {
        for (const [name, upgrade] of upgrades) await upgrade(tx.table(name));
      });
  }
}

/** The database's tables, typed from the schema: Dexie adds a property per declared table. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging -- the members come from the schema
export interface CuratorDB extends SchemaTables {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface above
export class CuratorDB extends Dexie {
  constructor(name = "curator") {
    super(name);
    declareVersions(this);
  }
}

export const db = new CuratorDB();
