/**
 * What the app records about every classifier prediction and every user correction,
 * with the model version: the monitoring dashboard reads this (confidence over time,
 * class distribution, corrections, drift).
 */
import type { Category } from "../wardrobe/types";
import type { StoredModelRef } from "./modelRef";

export type PredictionOutcome =
  | "accepted" // confident: applied automatically
  | "pending" // below the threshold: waiting for the user
  | "confirmed" // the user picked the model's first choice
  | "corrected" // the user picked something else
  | "no-garment"; // nothing found in the photo: chosen by hand

export interface PredictionLog {
  id: string;
  itemId: string;
  createdAt: number;
  updatedAt: number;
  /** The classifier that made the prediction (read it with readModelRef: older rows hold text). */
  modelVersion: StoredModelRef;
  /** The embedder that made the item's fingerprint. */
  embedderVersion: StoredModelRef;
  backend: string;
  top: { index: number; category: Category; subtype: string; label: string; confidence: number }[];
  confidence: number;
  threshold: number;
  outcome: PredictionOutcome;
  finalCategory: Category | null;
  finalSubtype: string | null;
  correctedAt: number | null;
  timings: Record<string, number>;
  /** The app said the photo does not look like clothing (the outcome stays "pending" until the user keeps it). */
  notClothing?: boolean;
}

/** The outcome of a user's choice in the confirm step. */
export function outcomeOfChoice(log: Pick<PredictionLog, "top">, category: Category, subtype: string | null): PredictionOutcome {
  const first = log.top[0];
  return first && first.category === category && (subtype === null || first.subtype === subtype) ? "confirmed" : "corrected";
}
