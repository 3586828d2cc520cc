/**
 * A search request from a garment embedding and the chosen filters: only the keys
 * that filter are sent ("any category" sends no category at all).
 */
import { DEFAULT_K, type ApiCategory, type ApiGender, type EmbedderRef, type SearchRequest } from "@api/contract";

export interface GarmentEmbedding {
  embedding: number[];
  embedder: EmbedderRef;
}

export interface Filters {
  /** Only this category, or null for any. */
  category: ApiCategory | null;
  gender: ApiGender | null;
}

export function searchRequest(g: GarmentEmbedding, f: Filters, k = DEFAULT_K): SearchRequest {
  return {
    embedding: g.embedding,
    embedder: g.embedder,
    k,
    ...(f.category ? { category: f.category } : {}),
    ...(f.gender ? { gender: f.gender } : {}),
  };
}
