import type { Item } from "./types";

/** A fresh, empty item: every field present so editors and sync never meet `undefined`. */
export function newItem(id: string, now: number, init: Partial<Item> = {}): Item {
  return {
    id,
    createdAt: now,
    updatedAt: now,
    name: "",
    category: null,
    subtype: null,
    colours: [],
    seasons: [],
    occasions: [],
    material: "",
    brand: "",
    price: null,
    purchaseDate: null,
    gender: null,
    neckline: null,
    notes: "",
    favourite: false,
    wearCount: 0,
    lastWornAt: null,
    imageId: null,
    recognition: null,
    embedding: null,
    deletedAt: null,
    ...init,
  };
}

/** A name a person can read even before they typed one: "Shirt", "Top", "Item". */
export function displayName(item: Pick<Item, "name" | "subtype" | "category">): string {
  const raw = item.name.trim() || item.subtype || item.category || "Unnamed item";
  return raw.charAt(0).toUpperCase() + raw.slice(1);
}

/** Colour names people type, mapped to a representative sRGB hex (for swatches and filters). */
export const NAMED_COLOURS: Record<string, string> = {
  black: "#1a1a1a",
  white: "#f8f8f8",
  grey: "#8a8a8a",
  navy: "#1f2a56",
  blue: "#2f6fd0",
  "light blue": "#9cc3eb",
  green: "#2e7d4f",
  olive: "#6b6b2a",
  yellow: "#f2c94c",
  orange: "#e8833a",
  red: "#c62f2f",
  burgundy: "#6d1a2c",
  pink: "#f2a6c0",
  purple: "#7048a8",
  brown: "#7a4f2e",
  beige: "#d9c7a7",
  cream: "#f3ead3",
  gold: "#c9a227",
  silver: "#c0c0c0",
};
