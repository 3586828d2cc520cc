// Category and gender of every catalog product as one byte each, so the search filter
// is two array reads per product instead of building product records.
import { API_CATEGORIES, API_GENDERS, type ApiCategory, type ApiGender } from "../contract";
import { CLASSES, productGender } from "../catalog/products";

export interface Facets {
  category: Uint8Array; // index into API_CATEGORIES
  gender: Uint8Array; // index into API_GENDERS
  /** counts[category * 3 + gender]: products per combination, for the candidate count. */
  counts: Uint32Array;
}

/** category: index into API_CATEGORIES or -1 for any; genders: bit g set = API_GENDERS[g] allowed. */
export interface Filter {
  category: number;
  genders: number;
}

export const ANY: Filter = { category: -1, genders: 0b111 };

export function buildFacets(split: string, labels: Uint8Array): Facets {
  const n = labels.length;
  const category = new Uint8Array(n);
  const gender = new Uint8Array(n);
  const counts = new Uint32Array(API_CATEGORIES.length * API_GENDERS.length);
  const catOfClass = CLASSES.map((c) => API_CATEGORIES.indexOf(c.category));
  for (let i = 0; i < n; i++) {
    const label = labels[i]!;
    category[i] = catOfClass[label]!;
    gender[i] = API_GENDERS.indexOf(productGender(split, i, label));
    counts[category[i]! * API_GENDERS.length + gender[i]!]!++;
  }
  return { category, gender, counts };
}

/** The contract's gender rule: "women"/"men" include unisex products; "unisex" means unisex only. */
export function makeFilter(category?: ApiCategory, gender?: ApiGender): Filter {
  const unisex = 1 << API_GENDERS.indexOf("unisex");
  return {
    category: category === undefined ? -1 : API_CATEGORIES.indexOf(category),
    genders: gender === undefined ? 0b111 : (1 << API_GENDERS.indexOf(gender)) | unisex,
  };
}

export function passes(f: Facets, filter: Filter, i: number): boolean {
  return (filter.category < 0 || f.category[i] === filter.category) && (filter.genders & (1 << f.gender[i]!)) !== 0;
}

export function candidateCount(f: Facets, filter: Filter): number {
  let total = 0;
  for (let c = 0; c < API_CATEGORIES.length; c++) {
    if (filter.category >= 0 && c !== filter.category) continue;
    for (let g = 0; g < API_GENDERS.length; g++) if (filter.genders & (1 << g)) total += f.counts[c * API_GENDERS.length + g]!;
  }
  return total;
}
