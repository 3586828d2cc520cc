/** A small, hand-made wardrobe (like the e2e one): every rule has something to bite on. */
import type { Item } from "../../wardrobe/types";
import { colour, makeItem } from "./synthetic-wardrobe";

export const NOW = Date.UTC(2026, 10, 20);
const DAY = 86_400_000;

export function fixtureWardrobe(): Item[] {
  return [
    makeItem({ id: "tee-white", name: "White tee", category: "top", subtype: "t-shirt", colours: [colour("white")], occasions: ["casual"], gender: "unisex", neckline: "crew" }),
    makeItem({ id: "shirt-blue", name: "Sky shirt", category: "top", subtype: "shirt", colours: [colour("sky blue")], occasions: ["work", "casual"], gender: "men", neckline: "collared" }),
    makeItem({ id: "sweater-navy", name: "Navy sweater", category: "top", subtype: "sweater", colours: [colour("navy")], seasons: ["autumn", "winter"], gender: "unisex", neckline: "v-neck" }),
    makeItem({ id: "blouse-red", name: "Red blouse", category: "top", subtype: "blouse", colours: [colour("red")], occasions: ["work", "party"], gender: "women", neckline: "v-neck" }),
    makeItem({ id: "jeans", name: "Jeans", category: "bottom", subtype: "jeans", colours: [colour("denim blue")], occasions: ["casual"], gender: "unisex" }),
    makeItem({ id: "chinos-camel", name: "Camel chinos", category: "bottom", subtype: "trousers", colours: [colour("camel")], occasions: ["work", "casual"], gender: "unisex" }),
    makeItem({ id: "skirt-black", name: "Black skirt", category: "bottom", subtype: "skirt", colours: [colour("black")], occasions: ["work", "party"], gender: "women" }),
    makeItem({ id: "dress-green", name: "Emerald dress", category: "dress", subtype: "dress", colours: [colour("emerald")], occasions: ["party"], seasons: ["spring", "summer"], gender: "women", neckline: "scoop" }),
    makeItem({ id: "sneakers", name: "White sneakers", category: "shoes", subtype: "sneakers", colours: [colour("white")], occasions: ["casual"], gender: "unisex" }),
    makeItem({ id: "boots", name: "Brown boots", category: "shoes", subtype: "boots", colours: [colour("brown")], gender: "unisex" }),
    makeItem({ id: "sandals", name: "Tan sandals", category: "shoes", subtype: "sandals", colours: [colour("tan")], seasons: ["summer"], gender: "women" }),
    makeItem({ id: "coat-camel", name: "Camel coat", category: "outerwear", subtype: "coat", colours: [colour("camel")], seasons: ["autumn", "winter"], gender: "unisex" }),
    makeItem({ id: "raincoat", name: "Yellow raincoat", category: "outerwear", subtype: "raincoat", colours: [colour("mustard")], gender: "unisex" }),
    makeItem({ id: "tote", name: "Black tote", category: "bag", subtype: "tote", colours: [colour("black")], occasions: ["work"], gender: "unisex" }),
    makeItem({ id: "scarf", name: "Grey scarf", category: "accessory", subtype: "scarf", colours: [colour("grey")], seasons: ["winter"], gender: "unisex", lastWornAt: NOW - 2 * DAY, wearCount: 12 }),
  ];
}
