// Builds the catalog's Lance tables from catalog.json and its vector file (run after
// api/catalog/build.mjs, which chains it): `node dist-api/lance-build.mjs`.
//
//   node dist-api/lance-build.mjs [--catalog api/catalog] [--uri <folder or s3://bucket/prefix>]
//        [--scale N] [--index ivf_hnsw_sq|ivf_pq|ivf_flat|none] [--table NAME] [--whole 1|0]
//
// The catalog is sharded by category × gender (catalog.ts): 21 tables named
// <table>__<category>_<gender>, each with its own vector index (none under 5,000 rows) and
// bitmap indexes on colour and pattern; and (--whole 1, the default) the whole catalog as
// one more table named <table>, which searches without a category read instead of fanning
// out to every shard (12-14x slower at 1 M; api/README.md). --scale N grows the catalog to N products for
// measurement (rows.ts; deterministic) under a table name of its own. Resumable shard by
// shard: a rerun keeps the rows each shard holds, appends the rest, (re)builds its indexes,
// and skips the shards that are complete.
// S3: CURATOR_LANCE_S3_ENDPOINT and the AWS_* variables, as the server reads them.
import { parseArgs } from "node:util";
import { loadCatalog } from "../catalog/load";
import { engineFromEnv } from "../config";
import { writeCatalog } from "./catalog";
import { defaultVectorIndex, partitionsFor, tableName, type VectorIndexOptions } from "./table";

const KINDS = ["ivf_hnsw_sq", "ivf_pq", "ivf_flat", "none"] as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      catalog: { type: "string", default: process.env.CURATOR_CATALOG_DIR ?? "api/catalog" },
      uri: { type: "string" },
      scale: { type: "string" },
      index: { type: "string" },
      table: { type: "string" },
      whole: { type: "string", default: "1" },
    },
  });
  const catalog = await loadCatalog(values.catalog);
  const env = { ...process.env, ...(values.uri ? { CURATOR_LANCE_URI: values.uri } : {}) };
  const loc = engineFromEnv(env, values.catalog).lance!;
  const count = values.scale ? Number(values.scale) : catalog.manifest.count;
  if (!Number.isInteger(count) || count < 1) throw new Error(`--scale must be a positive integer, got ${values.scale}`);
  const name = values.table ?? (values.scale ? scaledTableName(count, catalog.manifest.sha256) : tableName(catalog.manifest.sha256));
  const kind = values.index as VectorIndexOptions["kind"] | undefined;
  if (kind !== undefined && !KINDS.includes(kind)) throw new Error(`--index must be ${KINDS.join(", ")}`);
  // A shard under 5,000 rows is searched by brute force whatever --index says.
  const index = (n: number): VectorIndexOptions => {
    const d = defaultVectorIndex(n);
    if (!kind || d.kind === "none") return d;
    return { kind, partitions: kind === "ivf_hnsw_sq" ? d.partitions : partitionsFor(n) };
  };
  if (values.whole !== "0" && values.whole !== "1") throw new Error(`--whole must be 1 or 0, got ${values.whole}`);
  const started = performance.now();
  const reports = await writeCatalog(loc, name, catalog, count, {
    index,
    whole: values.whole === "1",
    onRows: (shard, written, of) => process.stdout.write(`\r${shard}: ${written}/${of} rows   `),
    onShard: (r) => {
      const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
      process.stdout.write("\r");
      console.log(
        r.skipped
          ? `${r.shard}: ${r.rows} rows, complete already`
          : `${r.shard}: ${r.rows} rows (${r.kept} kept), written in ${s(r.writeMs)}, ${index(r.rows).kind} index (${index(r.rows).partitions} partitions) in ${s(r.vectorIndexMs)}, bitmap indexes in ${s(r.scalarIndexMs)} (${((performance.now() - started) / 60000).toFixed(1)} min so far)`,
      );
    },
  });
  console.log(
    `Lance catalog ${name} at ${loc.uri}: ${count} rows in ${reports.filter((r) => r.rows > 0 && r.shard !== "whole").length} non-empty shards of 21` +
      `${values.whole === "1" ? " and the whole table" : ""}, ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s in all`,
  );
}

/** The grown catalog's table name (bench/catalog-engine.bench.mjs uses the same). */
function scaledTableName(count: number, sha256: string): string {
  return `scaled_${count}_${sha256.slice(0, 16)}`;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
