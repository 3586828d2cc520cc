/**
 * Colour versatility: how well an item's main colour goes with the colours
 * available in the other slots, in logit units (prior harmony plus what the
 * learner knows about colour pairs). Used only to decide which items of a large
 * wardrobe enter the beam search, so that pruning is not blind to colour.
 * Cost: O(items + slots · colours²), independent of pairings.
 */
import { FASHION_PALETTE } from "../colour/palette";
import { colourHarmony, harmonyColour, UNKNOWN_HARMONY } from "./harmony";
import { PRIOR_SCALE, type CompiledLearner } from "./learner";
import { COLOUR_CODES, NO_COLOUR, type PreparedItem } from "./prepare";
import { OUTFIT_WEIGHTS, PAIR_WEIGHTS } from "./score";
import type { Slot } from "./types";

let harmonyTable: Float64Array | null = null;

/** Harmony score between palette colours (by code), computed once. */
function paletteHarmony(): Float64Array {
  if (harmonyTable) return harmonyTable;
  const colours = FASHION_PALETTE.map((c) => harmonyColour(c.hex, c.name));
  const t = new Float64Array(COLOUR_CODES * COLOUR_CODES).fill(UNKNOWN_HARMONY.score);
  for (let a = 0; a < colours.length; a++) for (let b = 0; b < colours.length; b++) t[a * COLOUR_CODES + b] = colourHarmony(colours[a]!, colours[b]!).score;
  harmonyTable = t;
  return t;
}

export function versatility(prepared: readonly PreparedItem[], pool: ReadonlyMap<Slot, readonly number[]>, learner: CompiledLearner): Float64Array {
  const H = paletteHarmony();
  const scale = PRIOR_SCALE * OUTFIT_WEIGHTS.pairs * PAIR_WEIGHTS.harmony;
  // Colour histogram of each slot's candidates.
  const hist = new Map<Slot, Float64Array>();
  for (const [slot, list] of pool) {
    const h = new Float64Array(COLOUR_CODES);
    for (const i of list) h[prepared[i]!.colourCode]! += 1;
    hist.set(slot, h);
  }
  // For each slot, the colour histogram of every other slot together, normalised.
  const value = new Map<Slot, Float64Array>();
  for (const slot of pool.keys()) {
    const others = new Float64Array(COLOUR_CODES);
    let total = 0;
    for (const [s, h] of hist)
      if (s !== slot)
        for (let c = 0; c < COLOUR_CODES; c++) {
          others[c]! += h[c]!;
          total += h[c]!;
        }
    const v = new Float64Array(COLOUR_CODES);
    if (total > 0)
      for (let c = 0; c < COLOUR_CODES; c++) {
        if (c === NO_COLOUR) continue;
        let sum = 0;
        for (let d = 0; d < COLOUR_CODES; d++) {
          const w = others[d]!;
          if (w > 0) sum += w * (scale * H[c * COLOUR_CODES + d]! + learner.colourPair(c, d));
        }
        v[c] = sum / total;
      }
    value.set(slot, v);
  }
  const out = new Float64Array(prepared.length);
  for (const list of pool.values())
    for (const i of list) {
      const p = prepared[i]!;
      out[i] = value.get(p.slot)![p.colourCode]!;
    }
  return out;
}
