import type { Facets, Filter } from "./facets";
import type { Hit } from "./topk";

export type IndexKind = "exact" | "ivf";

/** What both indexes search: the catalog's int8 rows, their inverse norms and facets. */
export interface IndexData {
  count: number;
  vectors: Int8Array;
  invNorm: Float32Array;
  facets: Facets;
}

export interface SearchIndex {
  readonly kind: IndexKind;
  /** The k best products passing the filter for a unit query, best first. */
  search(query: Float32Array, k: number, filter: Filter): Hit[];
}
