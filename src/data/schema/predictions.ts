import type { PredictionLog, PredictionOutcome } from "@domain/vision/predictionLog";
import { parseStoredModelRef, type StoredModelRef } from "@domain/vision/modelRef";
import { CATEGORIES } from "@domain/wardrobe/types";
import { BadRecord, id, num, oneOf, orNull, record, text, time } from "./fields";
import { mergeNewer, noCounts, type Counts, type RecordKind } from "./kind";
import { predictionsTable } from "./tables/predictions";

const OUTCOMES = ["accepted", "pending", "confirmed", "corrected", "no-garment"] as const satisfies readonly PredictionOutcome[];

/** A model identity: { name, version }, or the "name@version" text of records written before. */
function model(v: unknown, field: string): StoredModelRef {
  const m = typeof v === "string" && v.length > 200 ? null : parseStoredModelRef(v);
  if (m === null) throw new BadRecord(`${field} must name a model`);
  return m;
}

export function parsePrediction(raw: unknown): PredictionLog {
  const r = record(raw);
  if (!Array.isArray(r.top)) throw new BadRecord("top must be a list");
  const top = r.top.map((t: unknown) => {
    const p = record(t);
    return {
      index: num(p.index, "a top index"),
      category: oneOf(p.category, CATEGORIES, "a top category"),
      subtype: text(p.subtype, "a top subtype"),
      label: text(p.label, "a top label"),
      confidence: num(p.confidence, "a top confidence"),
    };
  });
  const timings: Record<string, number> = {};
  for (const [k, v] of Object.entries(record(r.timings))) {
    // JSON writes a non-finite timing as null: it measured nothing, so it is left out.
    if (v === null) continue;
    timings[k] = num(v, `timing "${k}"`);
  }
  return {
    id: id(r.id, "id"),
    itemId: id(r.itemId, "itemId"),
    createdAt: time(r.createdAt, "createdAt"),
    updatedAt: time(r.updatedAt, "updatedAt"),
    modelVersion: model(r.modelVersion, "modelVersion"),
    embedderVersion: model(r.embedderVersion, "embedderVersion"),
    backend: text(r.backend, "backend"),
    top,
    confidence: num(r.confidence, "confidence"),
    threshold: num(r.threshold, "threshold"),
    outcome: oneOf(r.outcome, OUTCOMES, "outcome"),
    finalCategory: orNull(r.finalCategory, (v) => oneOf(v, CATEGORIES, "finalCategory")),
    finalSubtype: orNull(r.finalSubtype, (v) => text(v, "finalSubtype")),
    correctedAt: orNull(r.correctedAt, (v) => time(v, "correctedAt")),
    timings,
    // Optional (newer apps): the photo was taken for "not clothing"; older records lack it.
    ...(r.notClothing === true ? { notClothing: true } : {}),
  };
}

export const predictions = {
  name: "predictions",
  since: 2,
  single: false,
  tables: [predictionsTable],
  counts: noCounts,
  read: (db) => predictionsTable.of(db).toArray(),
  parse: parsePrediction,
  keyOf: (p) => p.id,
  version: (p) => `r ${p.id} ${p.updatedAt}`,
  merge: (ctx, rows) => mergeNewer(predictionsTable, ctx, rows),
} satisfies RecordKind<"predictions", PredictionLog, Counts>;
