/**
 * The vision import step: the photo's small analysis bitmap goes to the vision
 * worker; the item comes back tagged with a category (only when the classifier is
 * sure enough), its colours, its embedding and outline hash, plus a prediction log
 * record stored in the same transaction as the item. A near-duplicate of an item
 * already in the wardrobe is reported as a note.
 */
import { possibleTwins } from "@data/items";
import { getConfidenceThreshold } from "@data/settings";
import { newId } from "@data/ids";
import { displayName } from "@domain/wardrobe/item";
import { findNearDuplicate } from "@domain/vision/similarity";
import type { PredictionLog } from "@domain/vision/predictionLog";
import type { Item } from "@domain/wardrobe/types";
import { analyseBitmap } from "../vision-client";
import type { ImportStep } from "./steps";

export const ANALYSIS_SIDE = 256;

export const visionStep: ImportStep = {
  label: "Recognition",
  analysisSide: ANALYSIS_SIDE,
  async run({ photo, signal, notes }) {
    if (!photo.analysis) throw new Error("no analysis image was made");
    const threshold = await getConfidenceThreshold();
    const a = await analyseBitmap(photo.analysis, { signal, threshold });
    const now = Date.now();
    const best = a.top[0];
    const fields: Partial<Item> = {
      colours: a.colours,
      embedding: a.embedding.length ? a.embedding : null,
      silhouette: a.silhouette,
      recognition: {
        modelVersion: a.models.classifier,
        top: a.top.map((t) => ({ category: t.category, subtype: t.subtype, confidence: t.confidence })),
        confirmedByUser: false,
        needsReview: !a.confident,
        threshold: a.threshold,
      },
    };
    if (a.confident && best) {
      fields.category = best.category;
      fields.subtype = best.subtype;
    }
    if (!a.foundGarment && a.message) notes.push(`${a.message} Choose its category by hand.`);
    else if (!a.confident) notes.push("Not sure what this is — please confirm its category.");

    const existing = (await possibleTwins(best?.category ?? null)).map((i) => ({ ...i, kind: i.subtype ?? i.recognition?.top[0]?.subtype ?? null }));
    const query = { id: "", embedding: fields.embedding ?? null, silhouette: a.silhouette, colours: a.colours, kind: best?.subtype ?? null };
    const twin = findNearDuplicate(query, existing);
    if (twin) notes.push(`Looks like a near-duplicate of “${displayName(twin)}” already in your wardrobe.`);

    const log: Omit<PredictionLog, "itemId"> = {
      id: newId(),
      createdAt: now,
      updatedAt: now,
      modelVersion: a.models.classifier,
      embedderVersion: a.models.embedder,
      backend: a.backend,
      top: a.top,
      confidence: best?.confidence ?? 0,
      threshold: a.threshold,
      outcome: !a.foundGarment ? "no-garment" : a.confident ? "accepted" : "pending",
      finalCategory: fields.category ?? null,
      finalSubtype: fields.subtype ?? null,
      correctedAt: null,
      timings: a.timings,
    };
    return { fields, related: { predictions: [log] } };
  },
};
