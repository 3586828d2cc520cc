/**
 * Outfits: what to wear today. Pure TypeScript (no DOM, storage or network).
 *
 *   suggestOutfits(items, context, { learner })  → distinct outfits with scores and reasons
 *   scoreOutfit(items, context, learner)         → the builder's live score, problems, reasons
 *   suggestSwaps(outfit, slot, wardrobe, …)      → best replacements for one slot
 *   learnFromFeedback(state, items, "like" | "dislike" | "wear", context) → new learner state (plain JSON)
 *   wardrobeStats(items)                          → wear counts, cost per wear, never worn, palette, categories
 */
export { suggestOutfits, type SuggestOptions } from "./search";
export { scoreOutfit, learnFromFeedback, suggestSwaps, type OutfitEvaluation, type Swap } from "./evaluate";
export { createLearner, parseLearnerState, outfitKey, LearnerStateError, LEARNER_VERSION, type LearnerState, type Feedback, type LearnerOptions } from "./learner";
export { outfitProblems, slotOf, slotNeeds, weatherBand, CORE_TEMPLATES, OPTIONAL_SLOTS, type OutfitProblem, type SlotNeed, type WeatherBand } from "./slots";
export { colourHarmony, harmonyColour, garmentHarmony, type Harmony, type HarmonyKind, type HarmonyColour } from "./harmony";
export { wardrobeStats, wearStats, costPerWear, neverWorn, colourPalette, categoryBalance, type WardrobeStats, type WearStat, type PaletteShare, type CategoryShare } from "./stats";
export type { OutfitContext, OutfitSuggestion, OutfitPiece, SuggestResult, Slot } from "./types";
