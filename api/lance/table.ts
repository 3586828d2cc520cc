// The catalog in LanceDB: one Lance table of products with their vectors and filter
// columns, on a local folder (the default) or on S3-compatible object storage (the
// serverless deployment: many stateless readers of one table). Searches run in
// LanceDB's own native threads, so the event loop only awaits them.
//
// LanceDB is loaded with require() at run time, not bundled: it is a native add-on
// (and the dist-api/ bundle of the in-memory engine keeps running without node_modules).
// apache-arrow is required the same way so its Table is the very class LanceDB checks
// with instanceof (the ESM and CommonJS builds are two different classes).
import { createRequire } from "node:module";
import type * as LanceDB from "@lancedb/lancedb";
import type * as Arrow from "apache-arrow";
import { API_CATEGORIES, API_COLOURS, API_GENDERS, API_PATTERNS } from "../contract";
import type { Filter } from "../search/facets";
import type { Hit } from "../search/topk";

const require = createRequire(import.meta.url);
export const lancedb = (): typeof LanceDB => require("@lancedb/lancedb") as typeof LanceDB;
export const arrow = (): typeof Arrow => require("apache-arrow") as typeof Arrow;

export const DIM = 128;

/** Where the table lives: a folder, or s3://bucket/prefix with the object store's options. */
export interface LanceLocation {
  uri: string;
  /** LanceDB storage options (endpoint, allowHttp, virtualHostedStyleRequest, awsAccessKeyId, …). */
  storageOptions?: Record<string, string>;
}

/**
 * The vector index, chosen by measurement (api/README.md "Catalog engine"): IVF-HNSW-SQ
 * with a refine step (exact re-scoring of refineFactor × k candidates from the stored
 * float vectors) reached recall@10 ≥ 0.95 where IVF-PQ needed far more probes.
 */
export interface VectorIndexOptions {
  kind: "ivf_hnsw_sq" | "ivf_pq" | "ivf_flat" | "none";
  partitions: number;
  /** IVF-PQ only. */
  subVectors?: number;
}

export interface QueryTuning {
  nprobes: number;
  refineFactor: number;
  /** HNSW search breadth. */
  ef: number;
}

export const DEFAULT_TUNING: QueryTuning = { nprobes: 8, refineFactor: 4, ef: 64 };

/** One table per catalog build: its name carries the catalog's sha256, so a rebuilt catalog is never read against an old table. */
export function tableName(catalogSha256: string): string {
  return `products_${catalogSha256.slice(0, 16)}`;
}

export function partitionsFor(count: number): number {
  // ~sqrt(n) lists, as Lance's own guidance (and our in-memory IVF) does, within bounds.
  return Math.max(1, Math.min(4096, Math.round(Math.sqrt(count))));
}

export function defaultVectorIndex(count: number): VectorIndexOptions {
  if (count < 5000) return { kind: "none", partitions: 1 };
  return { kind: "ivf_hnsw_sq", partitions: Math.max(1, Math.round(partitionsFor(count) / 16)) };
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The filter as Lance SQL (columns category, gender, colour, pattern), or null for none. */
export function whereClause(f: Filter): string | null {
  const parts: string[] = [];
  if (f.category >= 0) parts.push(`category = ${quote(API_CATEGORIES[f.category]!)}`);
  if ((f.genders & 0b111) !== 0b111) {
    const allowed = API_GENDERS.filter((_, g) => f.genders & (1 << g));
    parts.push(allowed.length === 1 ? `gender = ${quote(allowed[0]!)}` : `gender IN (${allowed.map(quote).join(", ")})`);
  }
  if (f.colour >= 0) parts.push(`colour = ${quote(API_COLOURS[f.colour]!)}`);
  if (f.pattern >= 0) parts.push(`pattern = ${quote(API_PATTERNS[f.pattern]!)}`);
  return parts.length ? parts.join(" AND ") : null;
}

export async function connect(loc: LanceLocation): Promise<LanceDB.Connection> {
  return lancedb().connect(loc.uri, loc.storageOptions ? { storageOptions: loc.storageOptions } : {});
}

/** The product rows' columns, one batch at a time (ids are row positions in the catalog). */
export interface ProductColumns {
  /** The first row's product id; the rows are start, start + 1, … unless `ids` lists them. */
  start: number;
  /** The rows' product ids (a shard's rows are not consecutive). */
  ids?: Int32Array;
  /** n x DIM unit vectors. */
  vectors: Float32Array;
  category: string[];
  subtype: string[];
  gender: string[];
  colour: string[];
  pattern: string[];
  price: Float32Array;
}

export function schema(): Arrow.Schema {
  const a = arrow();
  const field = (name: string, type: Arrow.DataType) => new a.Field(name, type, true);
  return new a.Schema([
    field("idx", new a.Int32()),
    field("vector", new a.FixedSizeList(DIM, new a.Field("item", new a.Float32(), true))),
    field("category", new a.Utf8()),
    field("subtype", new a.Utf8()),
    field("gender", new a.Utf8()),
    field("colour", new a.Utf8()),
    field("pattern", new a.Utf8()),
    field("price", new a.Float32()),
  ]);
}

export function recordBatch(s: Arrow.Schema, c: ProductColumns): Arrow.RecordBatch {
  const a = arrow();
  const n = c.category.length;
  const idx = a.makeData({ type: new a.Int32(), length: n, data: c.ids ? Int32Array.from(c.ids) : Int32Array.from({ length: n }, (_, i) => c.start + i) });
  const child = a.makeData({ type: new a.Float32(), length: n * DIM, data: c.vectors });
  const vector = a.makeData({ type: s.fields[1]!.type as Arrow.FixedSizeList, length: n, nullCount: 0, child });
  const utf8 = (xs: string[]) => a.vectorFromArray(xs, new a.Utf8()).data[0]!;
  const price = a.makeData({ type: new a.Float32(), length: n, data: c.price });
  const children = [idx, vector, utf8(c.category), utf8(c.subtype), utf8(c.gender), utf8(c.colour), utf8(c.pattern), price];
  return new a.RecordBatch(s, a.makeData({ type: new a.Struct(s.fields), length: n, nullCount: 0, children }));
}

/** The filter columns, each with a bitmap index. */
export const FILTER_COLUMNS = ["category", "gender", "colour", "pattern"] as const;

export interface BuildReport {
  rows: number;
  writeMs: number;
  vectorIndexMs: number;
  scalarIndexMs: number;
}

/**
 * Writes the table (replacing one of the same name, or appending to it: a resumed build)
 * from batches of product columns, then its vector index and a bitmap index on every
 * filter column.
 */
export async function writeTable(
  loc: LanceLocation,
  name: string,
  batches: Iterable<ProductColumns> | AsyncIterable<ProductColumns>,
  index: VectorIndexOptions,
  { append = false, scalarColumns = FILTER_COLUMNS }: { append?: boolean; scalarColumns?: readonly string[] } = {},
): Promise<BuildReport> {
  const l = lancedb();
  const a = arrow();
  const db = await connect(loc);
  const s = schema();
  let t = performance.now();
  let table: LanceDB.Table | null = append ? await db.openTable(name) : null;
  let rows = 0;
  for await (const c of batches) {
    const data = new a.Table(s, [recordBatch(s, c)]);
    if (!table) table = await db.createTable(name, data, { mode: "overwrite" });
    else await table.add(data);
    rows += c.category.length;
  }
  if (!table) table = await db.createEmptyTable(name, s, { mode: "overwrite" });
  const writeMs = performance.now() - t;
  t = performance.now();
  // An empty table (a shard no product falls in) has nothing to index.
  const total = await table.countRows();
  if (index.kind !== "none" && total > 0) {
    const config =
      index.kind === "ivf_hnsw_sq"
        ? l.Index.hnswSq({ distanceType: "cosine", numPartitions: index.partitions })
        : index.kind === "ivf_pq"
          ? l.Index.ivfPq({ distanceType: "cosine", numPartitions: index.partitions, numSubVectors: index.subVectors ?? 16 })
          : l.Index.ivfFlat({ distanceType: "cosine", numPartitions: index.partitions });
    await table.createIndex("vector", { config, replace: true });
  }
  const vectorIndexMs = performance.now() - t;
  t = performance.now();
  if (total > 0) for (const col of scalarColumns) await table.createIndex(col, { config: l.Index.bitmap(), replace: true });
  const scalarIndexMs = performance.now() - t;
  table.close();
  return { rows, writeMs, vectorIndexMs, scalarIndexMs };
}

/** One opened table, searched with the filter applied before the top-k (prefiltering). */
export class LanceCatalogTable {
  private constructor(
    readonly table: LanceDB.Table,
    readonly rows: number,
    readonly indexed: boolean,
    readonly tuning: QueryTuning,
  ) {}

  static async open(loc: LanceLocation, name: string, tuning: QueryTuning = DEFAULT_TUNING): Promise<LanceCatalogTable> {
    return LanceCatalogTable.openIn(await connect(loc), name, tuning);
  }

  /** Opens a table of an open connection (a sharded catalog opens all its tables through one). */
  static async openIn(db: LanceDB.Connection, name: string, tuning: QueryTuning = DEFAULT_TUNING): Promise<LanceCatalogTable> {
    const table = await db.openTable(name);
    const [rows, indices] = await Promise.all([table.countRows(), table.listIndices()]);
    return new LanceCatalogTable(
      table,
      rows,
      indices.some((i) => i.columns.includes("vector")),
      tuning,
    );
  }

  /** k best rows for a unit query: score = cosine similarity. `exact` bypasses the vector index (the reference). */
  async search(query: Float32Array, k: number, filter: Filter, opts: { exact?: boolean; tuning?: Partial<QueryTuning> } = {}): Promise<Hit[]> {
    const t = { ...this.tuning, ...opts.tuning };
    let q = this.table.query().nearestTo(query).distanceType("cosine").limit(k).select(["idx"]);
    const where = whereClause(filter);
    if (where) q = q.where(where);
    if (opts.exact || !this.indexed) q = q.bypassVectorIndex();
    // HNSW must return the refine step's k × refineFactor candidates: its breadth is at least that (Lance refuses ef < k).
    else
      q = q
        .nprobes(t.nprobes)
        .refineFactor(t.refineFactor)
        .ef(Math.max(t.ef, k * t.refineFactor));
    const rows = (await q.toArray()) as { idx: number; _distance: number }[];
    // Cosine distance 1 - cos; equal scores by lower id, as the in-memory indexes do.
    return rows.map((r) => ({ index: r.idx, score: 1 - r._distance })).sort((x, y) => y.score - x.score || x.index - y.index);
  }

  /** Rows passing the filter (a scalar-index count). */
  async count(filter: Filter): Promise<number> {
    const where = whereClause(filter);
    return where ? this.table.countRows(where) : this.rows;
  }

  close(): void {
    this.table.close();
  }
}
