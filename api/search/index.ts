// The search side in one import: build the index the server was configured for.
import type { Catalog } from "../catalog/load";
import { ExactIndex } from "./exact";
import { ANY, buildFacets, type Filter } from "./facets";
import { IvfIndex, type IvfOptions } from "./ivf";
import type { IndexData, IndexKind, SearchIndex } from "./types";
import { inverseNorms } from "./vectors";

export { ExactIndex } from "./exact";
export { IvfIndex, DEFAULT_NPROBE } from "./ivf";
export { makeFilter, candidateCount, ANY, type Filter } from "./facets";
export { normalise } from "./vectors";
export type { IndexData, IndexKind, SearchIndex } from "./types";
export type { Hit } from "./topk";

export function indexData(catalog: Catalog): IndexData {
  const { count, dataset } = catalog.manifest;
  const { vectors, scales, centroids, labels } = catalog;
  return {
    count,
    vectors,
    scales,
    centroids,
    labels,
    invNorm: inverseNorms(vectors, scales, centroids, labels, count),
    facets: buildFacets(dataset.split, labels),
  };
}

export function buildIndex(kind: IndexKind, data: IndexData, ivf?: IvfOptions): SearchIndex {
  return kind === "ivf" ? IvfIndex.build(data, ivf) : new ExactIndex(data);
}

/** Mean fraction of the exact top-k that `approx` also returns, over the given queries. */
export function recallAtK(exact: SearchIndex, approx: SearchIndex, queries: Float32Array[], k: number, filter: Filter = ANY): number {
  let sum = 0;
  for (const q of queries) {
    const truth = new Set(exact.search(q, k, filter).map((h) => h.index));
    // A filter nothing passes (men's dresses) has nothing to recall: both answers are empty.
    const found = approx.search(q, k, filter).filter((h) => truth.has(h.index)).length;
    sum += truth.size === 0 ? 1 : found / truth.size;
  }
  return sum / Math.max(1, queries.length);
}
