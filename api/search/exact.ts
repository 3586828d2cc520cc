// Exact search: the query against every product that passes the filter. The reference
// the IVF index is measured against, and fast enough on its own for 60,000 products.
import { passes, type Filter } from "./facets";
import { TopK, type Hit } from "./topk";
import type { IndexData, SearchIndex } from "./types";
import { classDots, dotRow } from "./vectors";

export class ExactIndex implements SearchIndex {
  readonly kind = "exact";

  constructor(private readonly data: IndexData) {}

  search(query: Float32Array, k: number, filter: Filter): Hit[] {
    const { count, vectors, scales, labels, invNorm, facets } = this.data;
    const qc = classDots(query, this.data.centroids);
    const top = new TopK(k);
    for (let i = 0; i < count; i++) {
      if (!passes(facets, filter, i)) continue;
      top.push((qc[labels[i]!]! + scales[i]! * dotRow(query, vectors, i)) * invNorm[i]!, i);
    }
    return top.sorted();
  }
}
