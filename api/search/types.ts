import type { Facets, Filter } from "./facets";
import type { Hit } from "./topk";

export type IndexKind = "exact" | "ivf";

/** What both indexes search: vector i = centroids[labels[i]] + scales[i] * vectors[i]. */
export interface IndexData {
  count: number;
  vectors: Int8Array;
  scales: Float32Array;
  centroids: Float32Array;
  labels: Uint8Array;
  /** 1 / |vector i|. */
  invNorm: Float32Array;
  facets: Facets;
}

export interface SearchIndex {
  readonly kind: IndexKind;
  /** The k best products passing the filter for a unit query, best first. */
  search(query: Float32Array, k: number, filter: Filter): Hit[];
}
