// Typed arrays copied into SharedArrayBuffers, so every search worker reads the one copy
// of the catalog (7.7 MB of int8 rows for 60,000 products) instead of holding its own.
import type { IvfParts } from "./ivf";
import type { IndexData } from "./types";

type Typed = Int8Array | Uint8Array | Uint32Array | Float32Array;

function shared<T extends Typed>(a: T): T {
  const Ctor = a.constructor as new (b: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

export function shareIndexData(d: IndexData): IndexData {
  return {
    count: d.count,
    vectors: shared(d.vectors),
    scales: shared(d.scales),
    centroids: shared(d.centroids),
    labels: shared(d.labels),
    invNorm: shared(d.invNorm),
    facets: {
      category: shared(d.facets.category),
      gender: shared(d.facets.gender),
      colour: shared(d.facets.colour),
      pattern: shared(d.facets.pattern),
      counts: shared(d.facets.counts),
    },
  };
}

export function shareIvfParts(p: IvfParts): IvfParts {
  return { ...p, centroids: shared(p.centroids), offsets: shared(p.offsets), order: shared(p.order), rows: shared(p.rows), facetCounts: shared(p.facetCounts) };
}
