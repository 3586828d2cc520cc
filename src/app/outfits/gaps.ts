/** What the wardrobe lacks before any outfit can be made, in the user's words. */
import { slotOf } from "@domain/outfits";
import type { Item } from "@domain/wardrobe/types";

export interface WardrobeGap {
  /** "Add a top, a bottom and shoes to get outfits" */
  title: string;
  hint: string | null;
}

function list(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** Null when the wardrobe can make at least one outfit (top + bottom + shoes, or dress + shoes), ignoring filters. */
export function wardrobeGap(items: readonly Item[]): WardrobeGap | null {
  const slots = new Set(items.filter((i) => i.deletedAt == null).map(slotOf));
  const has = (s: Parameters<typeof slots.has>[0]) => slots.has(s);
  const core = has("dress") || (has("top") && has("bottom"));
  if (core && has("shoes")) return null;
  const missing: string[] = [];
  if (!core) {
    if (!has("top")) missing.push("a top");
    if (!has("bottom")) missing.push("a bottom");
  }
  if (!has("shoes")) missing.push("shoes");
  const uncategorised = items.filter((i) => i.deletedAt == null && slotOf(i) === null).length;
  const hints: string[] = [];
  if (!core) hints.push("A dress with shoes makes an outfit too.");
  if (uncategorised)
    hints.push(
      `${uncategorised} ${uncategorised === 1 ? "item has" : "items have"} no category yet: set ${uncategorised === 1 ? "it" : "them"} in the Wardrobe tab.`,
    );
  return { title: `Add ${list(missing)} to get outfits`, hint: hints.length ? hints.join(" ") : null };
}
