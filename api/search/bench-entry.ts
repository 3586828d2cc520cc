// What bench/api.bench.mjs imports from dist-api/search.mjs: catalog loading and both
// indexes, to time them in process without the HTTP layer.
export { loadCatalog } from "../catalog/load";
export { indexData, buildIndex, recallAtK, ExactIndex, IvfIndex, makeFilter, normalise, ANY } from "./index";
