/**
 * Outfits: what to wear today. Pure TypeScript (no DOM, storage or network).
 *
 *   suggestOutfits(items, context, { learner })  → distinct outfits with scores and reasons
 *   scoreOutfit(items, context, learner)         → the builder's live score, problems, reasons
 *   suggestSwaps(outfit, slot, wardrobe, …)      → best replacements for one slot
 *   learnFromFeedback(state, items, "like" | "dislike" | "wear", context) → new learner state (plain JSON)
 *   describeLearner(state, itemsById)             → what the learner knows, in words (and createLearner() to reset)
 *   laundryStatus(item, wearIndex(wears), rules)  → in the wash or not, and why; itemsInWash(…) for the context
 *   wardrobeStats(items)                          → wear counts, cost per wear, never worn, palette, categories
 *   planTrip(items, { days, laundryEveryDays })   → the fewest pieces to pack, each day's outfit, gaps to fill
 *   buildCapsule(items, context, { size })        → K pieces making the most good outfits, and the best piece to add
 *   catalogWants / rankCatalogProducts            → that piece from a shop's catalog: what to ask for, products by outfits added
 */
export { suggestOutfits, type SuggestOptions } from "./search";
export { scoreOutfit, learnFromFeedback, suggestSwaps, type OutfitEvaluation, type Swap } from "./evaluate";
export {
  createLearner,
  parseLearnerState,
  outfitKey,
  LearnerStateError,
  LEARNER_VERSION,
  type LearnerState,
  type Feedback,
  type LearnerOptions,
} from "./learner";
export { describeLearner, type LearnerSummary } from "./learned";
export { seasonOf } from "./day";
export { FEEL_SHIFT_C } from "./slots";
export { MIN_MATCH } from "./search";
export {
  laundryStatus,
  laundryWords,
  itemsInWash,
  wearIndex,
  washLimit,
  isWashLimit,
  DEFAULT_WASH_LIMITS,
  WASH_KINDS,
  LAUNDRY_OFF,
  MAX_WASH_LIMIT,
  type LaundryRules,
  type LaundryStatus,
  type WearIndex,
} from "./laundry";
export { outfitProblems, slotOf, slotNeeds, weatherBand, CORE_TEMPLATES, OPTIONAL_SLOTS, type OutfitProblem, type SlotNeed, type WeatherBand } from "./slots";
export { colourHarmony, harmonyColour, garmentHarmony, type Harmony, type HarmonyKind, type HarmonyColour } from "./harmony";
export {
  wardrobeStats,
  wearStats,
  costPerWear,
  neverWorn,
  colourPalette,
  categoryBalance,
  type WardrobeStats,
  type WearStat,
  type PaletteShare,
  type CategoryShare,
} from "./stats";
export type { OutfitContext, OutfitSuggestion, OutfitPiece, SuggestResult, Slot, Hemisphere, TemperatureFeel, WornOutfit } from "./types";
export { tripText, tripDateWords, saveTrip, isSavedTrip, type SavedTrip } from "./tripSaved";
export { planTrip, tripDates, TRIP_FIT_FLOOR, type TripDay, type TripDayPlan, type TripPlan, type TripRequest } from "./trip";
export { buildCapsule, capsuleOutfits, randomCapsuleBaseline, type CapsuleResult, type CapsuleOptions } from "./capsule";
export {
  catalogWants,
  rankCatalogProducts,
  catalogPieceItem,
  CATALOG_COLOURS,
  type CatalogProduct,
  type CatalogWant,
  type RankedProduct,
} from "./capsule-shop";
export { paletteVerdict, PALETTE_WEIGHT, type PersonalPalette, type PaletteVerdict } from "./palette-fit";
