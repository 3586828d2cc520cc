/** The prediction/correction log (read by the monitoring dashboard). */
import { db } from "./db";
import { asStorageError } from "./errors";
import type { Category, Item } from "@domain/wardrobe/types";
import { outcomeOfChoice, type PredictionLog } from "@domain/vision/predictionLog";

export async function predictionsForItem(itemId: string): Promise<PredictionLog[]> {
  return db.predictions.where("itemId").equals(itemId).sortBy("createdAt");
}

export async function allPredictions(): Promise<PredictionLog[]> {
  return db.predictions.orderBy("createdAt").toArray();
}

export async function predictionCount(): Promise<number> {
  return db.predictions.count();
}

/** Of these items, those whose category the classifier was not sure about (and still live), oldest first. */
export function needingReview(items: readonly Item[]): Item[] {
  return items.filter((i) => i.deletedAt === null && i.recognition?.needsReview === true).sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * The user's answer in the confirm step: sets the item's category and logs the
 * outcome against the prediction, in one transaction.
 */
export async function resolveReview(itemId: string, category: Category, subtype: string | null, now = Date.now()): Promise<void> {
  try {
    await db.transaction("rw", db.items, db.predictions, async () => {
      const item = await db.items.get(itemId);
      if (!item) throw new Error("This item no longer exists");
      const logs = await db.predictions.where("itemId").equals(itemId).sortBy("createdAt");
      const log = logs[logs.length - 1];
      if (log) {
        const outcome = log.outcome === "no-garment" ? "no-garment" : outcomeOfChoice(log, category, subtype);
        await db.predictions.update(log.id, { outcome, finalCategory: category, finalSubtype: subtype, correctedAt: now, updatedAt: now });
      }
      const recognition = item.recognition ? { ...item.recognition, needsReview: false, confirmedByUser: true } : null;
      await db.items.update(itemId, { category, subtype, recognition, updatedAt: now });
    });
  } catch (e) {
    throw asStorageError(e);
  }
}
