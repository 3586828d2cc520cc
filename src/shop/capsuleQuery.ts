/**
 * What "Find the piece that would add the most in the shop" sends: one search by words
 * per kind and colour the capsule would gain the most from (domain catalogWants), e.g.
 * "navy boots" with the category and the user's gender as filters. No photo, no
 * embedding, no item name or note: only these words and filters leave the device.
 */
import { API_COLOURS, MAX_BATCH, type ApiGender, type Product, type TextSearchRequest, type TextSearchResponse } from "@api/contract";
import type { CatalogWant } from "@domain/outfits";
import type { Gender } from "@domain/wardrobe/types";

/** Products asked for per kind: enough to find one in a colour and shape that fits. */
export const PRODUCTS_PER_WANT = 8;

export function capsuleShopQueries(wants: readonly CatalogWant[], gender: Gender | null, k = PRODUCTS_PER_WANT): TextSearchRequest[] {
  const g: ApiGender | null = gender;
  return wants
    .filter((w) => (API_COLOURS as readonly string[]).includes(w.colour))
    .slice(0, MAX_BATCH)
    .map((w) => ({ text: `${w.colour} ${w.subtype}`, k, category: w.category, ...(g ? { gender: g } : {}) }));
}

/** Every product of the answers, in the order they came (duplicates are dropped by the ranking). */
export const productsOf = (answers: readonly TextSearchResponse[]): Product[] => answers.flatMap((a) => a.results.map((h) => h.product));
