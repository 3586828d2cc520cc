// Builds the catalog's Lance table from catalog.json and its vector file (run after
// api/catalog/build.mjs, which chains it): `node dist-api/lance-build.mjs`.
//
//   node dist-api/lance-build.mjs [--catalog api/catalog] [--uri <folder or s3://bucket/prefix>]
//        [--scale N] [--index ivf_hnsw_sq|ivf_pq|ivf_flat|none] [--partitions P] [--table NAME]
//
// --scale N grows the catalog to N products for measurement (rows.ts; deterministic) into
// a table of its own name. Resumable: rows are appended in batches and a rerun continues
// after the rows already written (same name, same rows), then (re)builds the indexes.
// S3: CURATOR_LANCE_S3_ENDPOINT and the AWS_* variables, as the server reads them.
import { parseArgs } from "node:util";
import { loadCatalog } from "../catalog/load";
import { engineFromEnv } from "../config";
import { productRows } from "./rows";
import { connect, defaultVectorIndex, partitionsFor, tableName, writeTable, type VectorIndexOptions } from "./table";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      catalog: { type: "string", default: process.env.CURATOR_CATALOG_DIR ?? "api/catalog" },
      uri: { type: "string" },
      scale: { type: "string" },
      index: { type: "string" },
      partitions: { type: "string" },
      table: { type: "string" },
    },
  });
  const catalog = await loadCatalog(values.catalog);
  const env = { ...process.env, ...(values.uri ? { CURATOR_LANCE_URI: values.uri } : {}) };
  const loc = engineFromEnv(env, values.catalog).lance!;
  const count = values.scale ? Number(values.scale) : catalog.manifest.count;
  if (!Number.isInteger(count) || count < 1) throw new Error(`--scale must be a positive integer, got ${values.scale}`);
  const name = values.table ?? (values.scale ? `scaled_${count}_${catalog.manifest.sha256.slice(0, 16)}` : tableName(catalog.manifest.sha256));
  let index: VectorIndexOptions = defaultVectorIndex(count);
  if (values.index) {
    const kind = values.index as VectorIndexOptions["kind"];
    if (!["ivf_hnsw_sq", "ivf_pq", "ivf_flat", "none"].includes(kind)) throw new Error(`--index must be ivf_hnsw_sq, ivf_pq, ivf_flat or none`);
    index = { kind, partitions: kind === "ivf_hnsw_sq" ? index.partitions : partitionsFor(count) };
  }
  if (values.partitions) index.partitions = Number(values.partitions);
  // Resume: keep the rows already written when the table has fewer than asked for.
  const db = await connect(loc);
  let from = 0;
  if ((await db.tableNames()).includes(name)) {
    const t = await db.openTable(name);
    const have = await t.countRows();
    t.close();
    if (have <= count) from = have;
  }
  const started = performance.now();
  const rows = (function* () {
    for (const b of productRows(catalog, from, count)) {
      yield b;
      process.stdout.write(`\r${b.start + b.category.length}/${count} rows`);
    }
  })();
  const report = await writeTable(loc, name, rows, index, { append: from > 0 });
  process.stdout.write("\n");
  console.log(
    `Lance table ${name} at ${loc.uri}: ${count} rows (${from} kept), written in ${(report.writeMs / 1000).toFixed(1)} s, ` +
      `${index.kind} index (${index.partitions} partitions) in ${(report.vectorIndexMs / 1000).toFixed(1)} s, bitmap indexes in ${(report.scalarIndexMs / 1000).toFixed(1)} s; ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s in all`,
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
