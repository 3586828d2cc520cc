import { expect, type Locator, type Page } from "@playwright/test";
import { garmentPhoto } from "./fixtures/garments.mjs";
import { debugHook } from "./debug-hook";
import { dismissReport, importFiles, png, rawItems, rawTable, type RawItem } from "./vision-helpers";

/**
 * The e2e wardrobe: 15 Fashion-MNIST test images (index into the committed subset,
 * label in brackets) made into photos and imported through the real UI, so colours
 * and embeddings come from the on-device models. What a person would then type in
 * the item editor (name, exact type, gender, occasions, seasons, price) is set
 * through the `?curator-debug` hook (src/data/debug.ts → items.updateItem): faster
 * than 15 editor round trips, and it makes the wardrobe independent of which photos
 * the classifier was unsure about. The editor itself is covered by the foundation e2e.
 */
export interface Garment {
  index: number;
  colour: string;
  name: string;
  category: string;
  subtype: string;
  gender: "women" | "men" | "unisex";
  occasions: string[];
  seasons: string[];
  price: number | null;
}

export const WARDROBE: Garment[] = [
  {
    index: 19,
    colour: "off-white",
    name: "White tee",
    category: "top",
    subtype: "t-shirt",
    gender: "unisex",
    occasions: ["casual"],
    seasons: ["spring", "summer", "autumn"],
    price: 15,
  }, // [0] T-shirt
  {
    index: 4,
    colour: "denim blue",
    name: "Chambray shirt",
    category: "top",
    subtype: "shirt",
    gender: "men",
    occasions: ["casual", "work"],
    seasons: [],
    price: 45,
  }, // [6] Shirt
  {
    index: 1,
    colour: "burgundy",
    name: "Burgundy jumper",
    category: "top",
    subtype: "sweater",
    gender: "women",
    occasions: ["casual", "work"],
    seasons: ["autumn", "winter"],
    price: 60,
  }, // [2] Pullover
  { index: 7, colour: "pink", name: "Pink blouse", category: "top", subtype: "blouse", gender: "women", occasions: ["work", "casual"], seasons: [], price: 40 }, // [6] Shirt
  {
    index: 2,
    colour: "navy",
    name: "Navy trousers",
    category: "bottom",
    subtype: "trousers",
    gender: "unisex",
    occasions: ["work", "casual"],
    seasons: [],
    price: 70,
  }, // [1] Trouser
  { index: 3, colour: "denim blue", name: "Jeans", category: "bottom", subtype: "jeans", gender: "unisex", occasions: ["casual"], seasons: [], price: 80 }, // [1] Trouser
  {
    index: 5,
    colour: "camel",
    name: "Camel trousers",
    category: "bottom",
    subtype: "trousers",
    gender: "women",
    occasions: ["work", "casual"],
    seasons: ["autumn", "winter", "spring"],
    price: 65,
  }, // [1] Trouser
  {
    index: 13,
    colour: "red",
    name: "Red dress",
    category: "dress",
    subtype: "dress",
    gender: "women",
    occasions: ["party", "casual"],
    seasons: ["spring", "summer"],
    price: 90,
  }, // [3] Dress
  {
    index: 29,
    colour: "black",
    name: "Black dress",
    category: "dress",
    subtype: "dress",
    gender: "women",
    occasions: ["work", "formal", "party"],
    seasons: [],
    price: 120,
  }, // [3] Dress
  {
    index: 6,
    colour: "camel",
    name: "Camel coat",
    category: "outerwear",
    subtype: "coat",
    gender: "unisex",
    occasions: ["work", "casual"],
    seasons: ["autumn", "winter"],
    price: 200,
  }, // [4] Coat
  {
    index: 10,
    colour: "olive",
    name: "Olive raincoat",
    category: "outerwear",
    subtype: "raincoat",
    gender: "unisex",
    occasions: ["casual", "outdoor"],
    seasons: [],
    price: 110,
  }, // [4] Coat
  {
    index: 8,
    colour: "camel",
    name: "Tan sandals",
    category: "shoes",
    subtype: "sandals",
    gender: "women",
    occasions: ["casual"],
    seasons: ["summer"],
    price: 50,
  }, // [5] Sandal
  {
    index: 9,
    colour: "off-white",
    name: "White sneakers",
    category: "shoes",
    subtype: "sneakers",
    gender: "unisex",
    occasions: ["casual", "sport"],
    seasons: [],
    price: 85,
  }, // [7] Sneaker
  {
    index: 0,
    colour: "black",
    name: "Black ankle boots",
    category: "shoes",
    subtype: "boots",
    gender: "unisex",
    occasions: ["casual", "work"],
    seasons: ["autumn", "winter"],
    price: 140,
  }, // [9] Ankle boot
  {
    index: 18,
    colour: "black",
    name: "Black bag",
    category: "bag",
    subtype: "handbag",
    gender: "unisex",
    occasions: ["work", "casual"],
    seasons: [],
    price: 95,
  }, // [8] Bag
];

export interface OutfitItem extends RawItem {
  name: string;
  gender: string | null;
  wearCount: number;
  lastWornAt: number | null;
  laundry?: { cleanedAt: number | null; inWashSince: number | null } | null;
}

/** Imports the wardrobe's photos through the file input, then describes each item (see above). Returns items in WARDROBE order. */
export async function buildWardrobe(page: Page): Promise<OutfitItem[]> {
  const photos = WARDROBE.map((g, k) => garmentPhoto(g.index, 300 + k, { colour: g.colour, background: k % 2 ? "white" : "light wood" }));
  await importFiles(
    page,
    photos.map((p) => png(p.name, p.png)),
    300_000,
  );
  await dismissReport(page);
  const imported = await rawItems(page);
  expect(imported).toHaveLength(WARDROBE.length);
  // Every photo went through the models: colours and a 128-d embedding on each item.
  for (const i of imported) {
    expect(i.colours.length).toBeGreaterThan(0);
    expect(i.embedding).toHaveLength(128);
  }
  await debugHook(page);
  const patches = imported.map((item, k) => {
    const { name, category, subtype, gender, occasions, seasons, price } = WARDROBE[k]!;
    const recognition = item.recognition ? { ...item.recognition, needsReview: false, confirmedByUser: true } : null;
    return { id: item.id, patch: { name, category, subtype, gender, occasions, seasons, price, recognition } };
  });
  await page.evaluate((p) => (window as unknown as { curatorDebug: { patchItems(x: unknown): Promise<void> } }).curatorDebug.patchItems(p), patches);
  const items = (await rawItems(page)) as OutfitItem[];
  expect(items.map((i) => i.name)).toEqual(WARDROBE.map((g) => g.name));
  return items;
}

export const outfitCards = (page: Page) => page.locator(".outfit-card");

export interface ShownOutfit {
  key: string;
  itemIds: string[];
  slots: string[];
}

/** The suggestions on screen, in rank order. */
export async function shownOutfits(page: Page): Promise<ShownOutfit[]> {
  return outfitCards(page).evaluateAll((cards) =>
    cards.map((c) => ({
      key: c.getAttribute("data-outfit-key") ?? "",
      itemIds: [...c.querySelectorAll("[data-item-id]")].map((p) => p.getAttribute("data-item-id") ?? ""),
      slots: [...c.querySelectorAll("[data-slot]")].map((p) => p.getAttribute("data-slot") ?? ""),
    })),
  );
}

/** Waits until the suggestions for the current filters are on screen (not the stale ones). */
export async function settled(page: Page) {
  await expect(page.locator(".suggestions [aria-busy=true]")).toHaveCount(0);
  await expect(page.locator(".suggestions .result-count")).not.toHaveText("Finding outfits…");
}

export async function openView(page: Page, name: "Today" | "Build" | "Calendar" | "Stats" | "Laundry" | "Trip" | "Capsule") {
  await page.getByRole("tablist", { name: "Outfit views" }).getByRole("tab", { name }).click();
}

export const learnerState = async (page: Page) =>
  (await rawTable<{ id: string; state: { feedbackCount: number; disliked: string[] } }>(page, "learner")).find((r) => r.id === "me")?.state;

export const field = (scope: Page | Locator, label: string) => scope.getByLabel(label, { exact: true });

/** A local YYYY-MM-DD, as the app writes dates. */
export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export async function noHorizontalScroll(page: Page) {
  const measure = () =>
    page.evaluate(() => {
      const client = document.documentElement.clientWidth;
      // The innermost elements sticking out, to say what to fix.
      const wide = [...document.querySelectorAll("body *")]
        .filter((e) => e.getBoundingClientRect().right > client + 0.5 && ![...e.children].some((c) => c.getBoundingClientRect().right > client + 0.5))
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
      return { overflow: document.documentElement.scrollWidth - client, wide };
    });
  // Parts sized by a ResizeObserver (charts, the grid) follow a new viewport a frame or two later: give them up to 3 s.
  let last = await measure();
  for (const end = Date.now() + 3000; last.overflow > 0 && Date.now() < end; last = await measure()) await page.waitForTimeout(100);
  expect(last.overflow, `no sideways scrolling (sticking out: ${last.wide.join(", ")})`).toBeLessThanOrEqual(0);
}
