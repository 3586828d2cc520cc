import type { Table, Transaction } from "dexie";
import { readModelRef } from "@domain/vision/modelRef";

/**
 * A schema upgrade for the next Dexie version: model identities stored as
 * "name@version" text (items' recognition, the prediction log) become
 * { name, version } objects, so stored rows match their types. Text that does not
 * read as a model is left alone (readers tolerate it). No `updatedAt` changes: this
 * is the same fact in a new form, not an edit, so sync sees nothing new.
 *
 * Wired per table in the record schema (schema/items.ts, schema/predictions.ts) as
 * schema v5. The predictions table's `modelVersion` index cannot index an object
 * (IndexedDB keys are not objects) and nothing queries it: v5 drops it.
 */
export function upgradeItemModelRefs(items: Table): Promise<unknown> {
  return items.toCollection().modify((item: { recognition?: { modelVersion?: unknown } | null }) => {
    const r = item.recognition;
    const model = r && typeof r.modelVersion === "string" ? readModelRef(r.modelVersion) : null;
    if (r && model) r.modelVersion = model;
  });
}

export function upgradePredictionModelRefs(predictions: Table): Promise<unknown> {
  return predictions.toCollection().modify((log: { modelVersion?: unknown; embedderVersion?: unknown }) => {
    const model = typeof log.modelVersion === "string" ? readModelRef(log.modelVersion) : null;
    const embedder = typeof log.embedderVersion === "string" ? readModelRef(log.embedderVersion) : null;
    if (model) log.modelVersion = model;
    if (embedder) log.embedderVersion = embedder;
  });
}

/** Both, in one upgrade transaction. */
export async function upgradeModelRefs(tx: Transaction): Promise<void> {
  await upgradeItemModelRefs(tx.table("items"));
  await upgradePredictionModelRefs(tx.table("predictions"));
}
