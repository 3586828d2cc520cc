// What bench/api.bench.mjs imports from dist-api/search.mjs: catalog loading and both
// indexes, to time them in process without the HTTP layer (and, for
// bench/api-abuse.bench.mjs, the worker pool and the shared catalog, to weigh them).
export { loadCatalog } from "../catalog/load";
export { indexData, buildIndex, recallAtK, ExactIndex, IvfIndex, makeFilter, normalise, ANY } from "./index";
export { SearchPool } from "./pool";
export { shareIndexData } from "./shared";
