/**
 * The vision import step: the photo's small analysis bitmap goes to the vision
 * worker; its calibrated class distribution is blended with what the user taught
 * (their confirmed and corrected items, src/domain/vision/recognise.ts) and the item
 * comes back tagged with a category (only when sure enough), or flagged as not looking
 * like clothing, plus its colours, its embedding and outline hash, and a prediction log
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
import { personalExamples } from "@data/recognitionMemory";
import { recognise } from "@domain/vision/recognise";
import { isModel } from "@domain/vision/modelRef";
import { CLASSIFIER_LABELS, ENERGY_THRESHOLD, PERSONAL_PARAMS } from "../champions";
import { analyseBitmap } from "../vision-client";
import type { ImportStep } from "./importStep";

export const ANALYSIS_SIDE = 256;

export const visionStep: ImportStep = {
  label: "Recognition",
  analysisSide: ANALYSIS_SIDE,
  async run({ photo, signal, notes }) {
    if (!photo.analysis) throw new Error("no analysis image was made");
    const threshold = await getConfidenceThreshold();
    const a = await analyseBitmap(photo.analysis, { signal, threshold });
    const now = Date.now();
    // The classifier's distribution, blended with the user's own examples (same embedder only).
    const decision = a.foundGarment
      ? recognise({
          probs: a.probs,
          labels: CLASSIFIER_LABELS,
          energy: a.energy,
          energyThreshold: ENERGY_THRESHOLD,
          embedding: a.embedding,
          examples: await personalExamples(a.models.embedder),
          threshold: a.threshold,
          params: PERSONAL_PARAMS,
        })
      : null;
    const top = decision ? decision.top : [];
    const confident = decision?.confident ?? false;
    const notClothing = decision?.notClothing ?? false;
    const best = top[0];
    const fields: Partial<Item> = {
      colours: a.colours,
      embedding: a.embedding.length ? a.embedding : null,
      embeddedBy: a.embedding.length ? a.models.embedder : null,
      silhouette: a.silhouette,
      recognition: {
        modelVersion: a.models.classifier,
        top: top.map((t) => ({ category: t.category, subtype: t.subtype, confidence: t.confidence })),
        confirmedByUser: false,
        needsReview: !confident,
        threshold: a.threshold,
        ...(notClothing ? { notClothing: true } : {}),
      },
    };
    if (confident && best) {
      fields.category = best.category;
      fields.subtype = best.subtype;
    }
    if (!a.foundGarment && a.message) notes.push(`${a.message} Choose its category by hand.`);
    else if (notClothing) notes.push("This doesn’t look like clothing. Keep it anyway or drop it in Review.");
    else if (!confident) notes.push("Not sure what this is — please confirm its category.");

    // Fingerprints from another embedder live in another space: only same-model ones compare.
    const existing = (await possibleTwins(best?.category ?? null))
      .filter((i) => isModel(i.embeddedBy, a.models.embedder))
      .map((i) => ({ ...i, kind: i.subtype ?? i.recognition?.top[0]?.subtype ?? null }));
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
      top: top.map((t) => ({
        index: CLASSIFIER_LABELS.findIndex((l) => l.category === t.category && l.subtype === t.subtype),
        category: t.category,
        subtype: t.subtype,
        label: t.label,
        confidence: t.confidence,
      })),
      confidence: best?.confidence ?? 0,
      threshold: a.threshold,
      outcome: !a.foundGarment ? "no-garment" : confident ? "accepted" : "pending",
      ...(notClothing ? { notClothing: true } : {}),
      finalCategory: fields.category ?? null,
      finalSubtype: fields.subtype ?? null,
      correctedAt: null,
      timings: a.timings,
    };
    return { fields, related: { predictions: [log] } };
  },
};
