/** The hand-built outfit as the builder holds it: one item id per slot. */
import { slotOf, type OutfitProblem, type Slot } from "@domain/outfits";
import { displayName } from "@domain/wardrobe/item";
import { CATEGORIES, type Item } from "@domain/wardrobe/types";

/** Slots in the order a person dresses: core pieces, then layers and extras (the categories' own order). */
export const BUILDER_SLOTS: readonly Slot[] = CATEGORIES;

export const SLOT_LABELS: Record<Slot, string> = {
  top: "Top",
  bottom: "Bottom",
  dress: "Dress / one-piece",
  outerwear: "Outerwear",
  shoes: "Shoes",
  bag: "Bag",
  accessory: "Accessory",
};

export type Draft = Partial<Record<Slot, string>>;

/**
 * Puts an item in a slot (null empties it). A dress replaces a top and bottom and
 * the other way round, as when dressing: the builder never holds both.
 */
export function setSlot(draft: Draft, slot: Slot, itemId: string | null): Draft {
  const next: Draft = { ...draft };
  if (itemId === null) delete next[slot];
  else next[slot] = itemId;
  if (itemId !== null && slot === "dress") {
    delete next.top;
    delete next.bottom;
  }
  if (itemId !== null && (slot === "top" || slot === "bottom")) delete next.dress;
  return next;
}

export function draftFromItems(items: readonly Item[]): Draft {
  let d: Draft = {};
  for (const item of items) {
    const slot = slotOf(item);
    if (slot) d = setSlot(d, slot, item.id);
  }
  return d;
}

/** The draft's items in slot order; ids no longer in the wardrobe are skipped. */
export function draftItems(draft: Draft, byId: ReadonlyMap<string, Item>): Item[] {
  const out: Item[] = [];
  for (const slot of BUILDER_SLOTS) {
    const id = draft[slot];
    const item = id ? byId.get(id) : undefined;
    if (item) out.push(item);
  }
  return out;
}

/** "White tee, Jeans and Sneakers" — a name to start from. */
export function defaultOutfitName(items: readonly Item[]): string {
  const names = items.slice(0, 3).map(displayName);
  if (items.length > 3) return `${names.join(", ")} +${items.length - 3}`;
  return names.length <= 1 ? (names[0] ?? "Outfit") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** Problems that make the outfit incomplete; weather problems are advice, not a bar to saving. */
export const blockingProblems = (problems: readonly OutfitProblem[]) => problems.filter((p) => p.code !== "weather");
