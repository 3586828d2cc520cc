// What bench/catalog-engine.bench.mjs needs from the Lance side, built into dist-api/lance-bench.mjs.
export { LanceCatalogTable, writeTable, connect, tableName, partitionsFor, defaultVectorIndex, whereClause, DEFAULT_TUNING } from "./table";
export { LanceCatalog, writeCatalog, routeProducts, SHARDS, shardTableName, shardLabel } from "./catalog";
export { productRows } from "./rows";
export { recallAtK } from "./recall";
export { loadCatalog } from "../catalog/load";
export { CLASSES } from "../catalog/products";
export { makeFilter } from "../search/facets";
export { engineFromEnv } from "../config";
