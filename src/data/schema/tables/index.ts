import type { EntityTable } from "dexie";
import { imagesTable } from "./images";
import { itemsTable } from "./items";
import { learnerTable } from "./learner";
import { outfitsTable } from "./outfits";
import { predictionsTable } from "./predictions";
import { profileTable } from "./profile";
import { settingsTable } from "./settings";
import { sourcePhotosTable } from "./sourcePhotos";
import type { AnyTableDef, TableDef } from "./table";
import { wearLogTable } from "./wearLog";

/**
 * Every table of the database: each kind's rows, their Dexie index spec and upgrades
 * by schema version (one module per kind here; its checks and merge rule are in
 * ../<kind>.ts). The database and the repositories load only these modules, so
 * what export, import and sync need stays out of the app's first screen. A test
 * checks that this list and the kinds' tables agree.
 */
export const TABLES = [
  itemsTable,
  imagesTable,
  sourcePhotosTable,
  outfitsTable,
  wearLogTable,
  predictionsTable,
  settingsTable,
  profileTable,
  learnerTable,
] as const;

type TableDefs = (typeof TABLES)[number];
/** Each table's row type. */
export type SchemaRows = { [D in TableDefs as D["name"]]: D extends TableDef<string, infer Row, infer _Key> ? Row : never };
/** The database's tables, typed. */
export type SchemaTables = { [D in TableDefs as D["name"]]: D extends TableDef<string, infer Row, infer Key> ? EntityTable<Row, Key & keyof Row> : never };

/** The list as plain table definitions (for code that does the same for each). */
export const ALL_TABLES: readonly AnyTableDef[] = TABLES;
