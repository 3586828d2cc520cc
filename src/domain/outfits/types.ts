/** Inputs and outputs of outfit suggestion, in the user's words. */
import type { Category, Gender, Item, Occasion, Profile, Season } from "../wardrobe/types";
import type { Swatch } from "../face/seasons";

/** A place in an outfit. One item per slot; slots are the item categories. */
export type Slot = Category;

/** What outfit scoring needs of the saved palette (the Style tab's personal colours; palette-fit.ts uses it). */
export interface PersonalPalette {
  season: string;
  suits: readonly Swatch[];
  avoid: readonly Swatch[];
}

/** What the user asked for ("work, 6 °C, raining, not worn this week"). Every field is optional. */
export interface OutfitContext {
  occasion?: Occasion | null;
  season?: Season | null;
  /** The day's temperature in °C, typed by the user or the device's last known value. */
  temperatureC?: number | null;
  rain?: boolean;
  /** "women" keeps women's and unisex items; "men" likewise; "unisex" keeps unisex items only. */
  gender?: Gender | null;
  /** Leave out items worn within this many days. */
  notWornDays?: number | null;
  /** Now, in ms since epoch (passed in so scoring stays pure and testable). Defaults to Date.now(). */
  now?: number;
  /** The saved profile: its face-shape neckline advice nudges tops and dresses (never filters them). */
  profile?: Pick<Profile, "suitedNecklines" | "avoidNecklines"> | null;
  /** The saved personal colour palette, when the user lets it count: pieces near the face in its colours score a little higher (never a filter). */
  palette?: PersonalPalette | null;
  /** Items the user does not want today. */
  excludeItemIds?: readonly string[];
  /** Items in the wash (laundry.ts): never suggested, and the notes say how many were left out. */
  inWashItemIds?: readonly string[];
  /**
   * Outfits worn lately (the wear log, newest or not: order does not matter). Items'
   * own lastWornAt already rests them; this lets the same combination rest longer.
   */
  wears?: readonly WornOutfit[];
  /** Where the user lives: with no season chosen, the season is taken from `now` (a soft preference, not a filter). */
  hemisphere?: Hemisphere | null;
  /** "I run cold" / "I run hot": the temperature is felt FEEL_SHIFT_C degrees colder / warmer. */
  feel?: TemperatureFeel | null;
}

export type Hemisphere = "north" | "south";
export type TemperatureFeel = "cold" | "hot";

/** One outfit as worn: its items and when (the wear log's wornAt). */
export interface WornOutfit {
  itemIds: readonly string[];
  wornAt: number;
}

export interface OutfitPiece {
  slot: Slot;
  item: Item;
}

export interface OutfitSuggestion {
  /** Stable id of the combination: sorted item ids joined by "+". */
  key: string;
  pieces: OutfitPiece[];
  /** 0–1: the prior and what was learned from the user's feedback, together. */
  score: number;
  /** 0–1: the same outfit before personalisation (what a new user would see). */
  prior: number;
  /** Why this outfit, in plain words ("navy and camel are a classic pairing", "boots for rain"). */
  reasons: string[];
  /** What is not ideal ("no coat in your wardrobe for 3 °C"). */
  cautions: string[];
}

export interface SuggestResult {
  outfits: OutfitSuggestion[];
  /** Why there are fewer outfits than asked, or which filter was relaxed, in plain words. */
  notes: string[];
}
