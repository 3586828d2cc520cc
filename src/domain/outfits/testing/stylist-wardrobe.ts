/**
 * A wardrobe a stylist would recognise, for the behaviour suite (stylist.test.ts):
 * every piece named, untagged unless a scenario needs tags (so that what is inferred
 * from kind and material is what is tested), unisex, bought ten days before NOW
 * (nothing under-used, nothing worn) unless a scenario says otherwise.
 */
import type { Item } from "../../wardrobe/types";
import { colour, makeItem } from "./synthetic-wardrobe";

/** Friday 20 November 2026, 09:00 local time: a northern autumn morning. */
export const NOW = new Date(2026, 10, 20, 9).getTime();
export const DAY = 86_400_000;

export type Piece = Partial<Item> & { id: string };

/** A piece: id, category, kind and colour, bought ten days ago, never worn. */
export function piece(id: string, category: Item["category"], subtype: string | null, colourName: string, extra: Partial<Item> = {}): Item {
  return makeItem({
    id,
    name: id.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase()),
    category,
    subtype,
    colours: [colour(colourName)],
    gender: "unisex",
    createdAt: NOW - 10 * DAY,
    updatedAt: NOW - 10 * DAY,
    ...extra,
  });
}

export function stylistWardrobe(): Item[] {
  return [
    piece("white-tee", "top", "t-shirt", "white"),
    piece("navy-sweater", "top", "sweater", "navy"),
    piece("sky-shirt", "top", "shirt", "sky blue"),
    piece("grey-hoodie", "top", "hoodie", "grey"),
    piece("camel-chinos", "bottom", "trousers", "camel"),
    piece("jeans", "bottom", "jeans", "denim blue"),
    piece("black-trousers", "bottom", "trousers", "black"),
    piece("grey-shorts", "bottom", "shorts", "grey"),
    piece("white-sneakers", "shoes", "sneakers", "white"),
    piece("brown-boots", "shoes", "boots", "brown"),
    piece("black-loafers", "shoes", "loafers", "black"),
    piece("navy-blazer", "outerwear", "blazer", "navy"),
    piece("camel-coat", "outerwear", "coat", "camel"),
  ];
}

/** The same wardrobe with some pieces changed (by id) and others added. */
export function withPieces(items: readonly Item[], changes: Piece[] = [], added: Item[] = []): Item[] {
  const byId = new Map(changes.map((c) => [c.id, c] as const));
  return [...items.map((i) => (byId.has(i.id) ? { ...i, ...byId.get(i.id)! } : i)), ...added];
}

export const pick = (items: readonly Item[], ...ids: string[]): Item[] =>
  ids.map((id) => {
    const found = items.find((i) => i.id === id);
    if (!found) throw new Error(`No piece "${id}" in this wardrobe`);
    return found;
  });
