// The catalog in Lance, sharded by the filter the app always sends: one table per
// category × gender (7 × 3), each with its own vector index. A filtered search opens only
// the shards its filter admits ("top" + "women" → top/women and top/unisex: the contract's
// women include unisex products) and needs no prefilter for category and gender, which a
// shard holds for every row; colour and pattern stay prefilters inside a shard. A search
// without a category fans out to every admitted shard in parallel. Each shard answers its
// own top k (cosine scores, comparable across shards) and the lists merge into the global
// top k, ties by lower product id as everywhere else.
//
// Why: at 1 M products a category + gender prefilter over one table cost ~4× an unfiltered
// search (p99 20 ms against 8 ms, api/README.md "Catalog engine"); a shard is already the
// filter's rows.
//
// The shard tables are named by a rule, `<catalog table name>__<category>_<gender>`, and
// every one of the 21 exists (an empty table where no product falls), so opening needs no
// listing and a missing table is an unfinished build, said in words.
import type * as LanceDB from "@lancedb/lancedb";
import type { Catalog } from "../catalog/load";
import { API_CATEGORIES, API_GENDERS } from "../contract";
import { ANY, type Filter } from "../search/facets";
import type { Hit } from "../search/topk";
import { productRows, productRowsOf, productShardKey } from "./rows";
import {
  connect,
  defaultVectorIndex,
  DEFAULT_TUNING,
  FILTER_COLUMNS,
  LanceCatalogTable,
  writeTable,
  type BuildReport,
  type LanceLocation,
  type ProductColumns,
  type QueryTuning,
  type VectorIndexOptions,
} from "./table";

/** One shard: indexes into API_CATEGORIES and API_GENDERS. */
export interface Shard {
  category: number;
  gender: number;
}

export const SHARDS: readonly Shard[] = API_CATEGORIES.flatMap((_, category) => API_GENDERS.map((_, gender) => ({ category, gender })));

const shardIndex = (s: Shard) => s.category * API_GENDERS.length + s.gender;

export function shardLabel(s: Shard): string {
  return `${API_CATEGORIES[s.category]}_${API_GENDERS[s.gender]}`;
}

export function shardTableName(base: string, s: Shard): string {
  return `${base}__${shardLabel(s)}`;
}

/** The shards whose rows the filter can admit. */
export function shardsFor(f: Filter): Shard[] {
  return SHARDS.filter((s) => (f.category < 0 || f.category === s.category) && (f.genders & (1 << s.gender)) !== 0);
}

/** What is left of the filter inside a shard: category and gender hold for every row there. */
export function withinShard(f: Filter): Filter {
  return { ...ANY, colour: f.colour, pattern: f.pattern };
}

/** The k best of several best-first lists: higher score first, equal scores by lower id. */
export function mergeTopK(lists: readonly (readonly Hit[])[], k: number): Hit[] {
  return lists
    .flat()
    .sort((x, y) => y.score - x.score || x.index - y.index)
    .slice(0, k);
}

export interface SearchOptions {
  /** Bypass the vector indexes (brute force: the reference answer). */
  exact?: boolean;
  tuning?: Partial<QueryTuning>;
}

export interface OpenOptions {
  /** Search filters without a category in the whole-catalog table when it is there (default true; false: always fan out). */
  whole?: boolean;
  /** The whole table's query tuning (default: the shards', refine at least WHOLE_MIN_REFINE). */
  wholeTuning?: QueryTuning;
}

/**
 * The whole table needs a deeper refine than a shard: at 1 M (63 partitions) it recalled
 * 0.946 at refine 4 and 0.984 at refine 10 without a filter, where the shards (9–22
 * partitions) recalled 0.990 at refine 4 (api/README.md "Catalog engine").
 */
export const WHOLE_MIN_REFINE = 10;

/**
 * The sharded catalog: what the server, the Lambda adapter and the bench search. Optionally
 * beside the shards, the whole catalog in one table named `base` itself (the layout before
 * sharding; `writeCatalog(…, { whole: true })`): searches without a category go there
 * instead of fanning out to up to 16 shards, which measured 12–14× slower at 1 M.
 */
export class LanceCatalog {
  private constructor(
    readonly name: string,
    private readonly tables: readonly LanceCatalogTable[],
    /** The whole catalog in one table, for searches without a category; null: fan out. */
    readonly whole: LanceCatalogTable | null,
  ) {}

  /** Opens all 21 shard tables of the catalog table `base` at once (one connection; parallel opens), and the whole table if it is there. */
  static async open(
    loc: LanceLocation,
    base: string,
    tuning: QueryTuning = DEFAULT_TUNING,
    { whole = true, wholeTuning = { ...tuning, refineFactor: Math.max(WHOLE_MIN_REFINE, tuning.refineFactor) } }: OpenOptions = {},
  ): Promise<LanceCatalog> {
    const db = await connect(loc);
    // A whole table that cannot be opened is taken as absent: the shards alone answer everything.
    const wholeTable = whole ? LanceCatalogTable.openIn(db, base, wholeTuning).catch(() => null) : Promise.resolve(null);
    const opened = await Promise.allSettled(SHARDS.map((s) => LanceCatalogTable.openIn(db, shardTableName(base, s), tuning)));
    const failed = opened.findIndex((r) => r.status === "rejected");
    if (failed >= 0) {
      for (const r of opened) if (r.status === "fulfilled") r.value.close();
      (await wholeTable)?.close();
      const reason = (opened[failed] as PromiseRejectedResult).reason as unknown;
      throw new Error(
        `shard table ${shardTableName(base, SHARDS[failed]!)} could not be opened (${reason instanceof Error ? reason.message : String(reason)})`,
      );
    }
    return new LanceCatalog(
      base,
      opened.map((r) => (r as PromiseFulfilledResult<LanceCatalogTable>).value),
      await wholeTable,
    );
  }

  /** Products in all shards. */
  get rows(): number {
    return this.tables.reduce((n, t) => n + t.rows, 0);
  }

  /** Products in one shard. */
  rowsOf(s: Shard): number {
    return this.tables[shardIndex(s)]!.rows;
  }

  /** Does any shard have a vector index (shards under 5,000 rows need none)? */
  get indexed(): boolean {
    return this.tables.some((t) => t.indexed);
  }

  /** The tables a search with this filter reads: the whole table for no category (when there), else the shards the filter admits that have rows. */
  plan(filter: Filter): { tables: LanceCatalogTable[]; sharded: boolean } {
    if (this.whole && filter.category < 0) return { tables: [this.whole], sharded: false };
    const tables = shardsFor(filter)
      .map((s) => this.tables[shardIndex(s)]!)
      .filter((t) => t.rows > 0);
    return { tables, sharded: true };
  }

  /** k best products for a unit query (score = cosine similarity), the filter applied before the top k. */
  async search(query: Float32Array, k: number, filter: Filter, opts: SearchOptions = {}): Promise<Hit[]> {
    const { tables, sharded } = this.plan(filter);
    const inner = sharded ? withinShard(filter) : filter;
    const lists = await Promise.all(tables.map((t) => t.search(query, k, inner, opts)));
    return mergeTopK(lists, k);
  }

  /** Products passing the filter. */
  async count(filter: Filter): Promise<number> {
    const { tables, sharded } = this.plan(filter);
    const inner = sharded ? withinShard(filter) : filter;
    const counts = await Promise.all(tables.map((t) => t.count(inner)));
    return counts.reduce((a, b) => a + b, 0);
  }

  close(): void {
    for (const t of this.tables) t.close();
    this.whole?.close();
  }
}

/** Product ids [0, count) by shard (SHARDS order), ascending in each. */
export function routeProducts(c: Catalog, count: number): Int32Array[] {
  const of = new Uint8Array(count);
  const sizes = new Int32Array(SHARDS.length);
  for (let i = 0; i < count; i++) {
    const key = productShardKey(c, i);
    const s = API_CATEGORIES.indexOf(key.category as never) * API_GENDERS.length + API_GENDERS.indexOf(key.gender as never);
    of[i] = s;
    sizes[s]!++;
  }
  const out = Array.from(sizes, (n) => new Int32Array(n));
  const fill = new Int32Array(SHARDS.length);
  for (let i = 0; i < count; i++) out[of[i]!]![fill[of[i]!]!++] = i;
  return out;
}

export interface ShardBuildReport extends BuildReport {
  shard: string;
  /** Rows already there from an interrupted build. */
  kept: number;
  /** The shard was complete (rows and indexes): nothing done. */
  skipped: boolean;
}

export interface CatalogBuildOptions {
  /** The vector index of a shard of n rows (default: defaultVectorIndex, none under 5,000 rows). */
  index?: (rows: number) => VectorIndexOptions;
  /** Rows per write. */
  batch?: number;
  onShard?: (r: ShardBuildReport) => void;
  onRows?: (shard: string, written: number, of: number) => void;
  /** Also write the whole catalog as one table named after the catalog, for searches without a category. */
  whole?: boolean;
}

/** Inside a shard only colour and pattern are filters worth an index. */
const SHARD_FILTER_COLUMNS = ["colour", "pattern"] as const;

async function tableState(db: LanceDB.Connection, name: string): Promise<{ rows: number; indexes: string[] } | null> {
  let t: LanceDB.Table;
  try {
    t = await db.openTable(name);
  } catch {
    return null;
  }
  try {
    const [rows, indices] = await Promise.all([t.countRows(), t.listIndices()]);
    return { rows, indexes: indices.flatMap((i) => i.columns) };
  } finally {
    t.close();
  }
}

/**
 * Writes products [0, count) of the catalog (grown past its size by rows.ts) as the 21
 * shard tables of `base`, each with its vector index and bitmap indexes on colour and
 * pattern, and with `whole`, the whole catalog as one more table named `base` (bitmap
 * indexes on all four filter columns) for searches without a category. Resumable table
 * by table: rows are appended in id order, so a rerun keeps the rows a table already
 * holds, appends the rest and (re)builds its indexes, and skips a table that is complete.
 */
export async function writeCatalog(loc: LanceLocation, base: string, c: Catalog, count: number, opts: CatalogBuildOptions = {}): Promise<ShardBuildReport[]> {
  const ids = routeProducts(c, count);
  const db = await connect(loc);
  const reports: ShardBuildReport[] = [];
  const write = async (label: string, name: string, want: number, rows: (from: number) => Iterable<ProductColumns>, columns: readonly string[]) => {
    const index = (opts.index ?? defaultVectorIndex)(want);
    const state = await tableState(db, name);
    // More rows than this table should hold: another build's table, written again from scratch.
    const kept = state && state.rows <= want ? state.rows : 0;
    const complete =
      state !== null &&
      kept === want &&
      (want === 0 || (columns.every((col) => state.indexes.includes(col)) && (index.kind === "none" || state.indexes.includes("vector"))));
    let report: ShardBuildReport;
    if (complete) report = { shard: label, rows: want, writeMs: 0, vectorIndexMs: 0, scalarIndexMs: 0, kept, skipped: true };
    else {
      const progress = (function* () {
        let written = kept;
        for (const b of rows(kept)) {
          yield b;
          written += b.category.length;
          opts.onRows?.(label, written, want);
        }
      })();
      const r = await writeTable(loc, name, progress, index, { append: kept > 0, scalarColumns: columns });
      report = { ...r, rows: want, shard: label, kept, skipped: false };
    }
    opts.onShard?.(report);
    reports.push(report);
  };
  for (const s of SHARDS) {
    const want = ids[shardIndex(s)]!;
    await write(shardLabel(s), shardTableName(base, s), want.length, (from) => productRowsOf(c, want.subarray(from), opts.batch), SHARD_FILTER_COLUMNS);
  }
  if (opts.whole) await write("whole", base, count, (from) => productRows(c, from, count, opts.batch), FILTER_COLUMNS);
  return reports;
}
