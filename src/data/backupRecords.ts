import type { Unzipped } from "fflate";
import { LearnerStateError, parseLearnerState } from "../domain/outfits";
import type { PredictionLog, PredictionOutcome } from "../domain/vision/predictionLog";
import { parseStoredModelRef, type StoredModelRef } from "../domain/vision/modelRef";
import { CATEGORIES, GENDERS, NECKLINES, type Profile, type ProfileSelfie } from "../domain/wardrobe/types";
import type { Backend } from "../ml/modelInfo";
import type { SettingRecord } from "./db";
import { sha256Hex } from "./hash";
import { isIsoDate, LEARNER_ID, type LearnerRecord, type SavedOutfit, type WearLogEntry } from "./outfits";
import { PROFILE_ID } from "./profile";

/**
 * Checks for the records of an export file beyond items and images (format 2).
 * Strict like parseItem: one bad record refuses the whole file, so an import can
 * never leave odd records behind. Each parser returns the record as the app stores
 * it, or throws BadRecord saying what is wrong; the importer adds which record.
 */
export class BadRecord extends Error {}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === "object" && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
/** The app's ids are UUIDs; the same rule parseItem applies to item ids. */
const UUIDISH = /^[A-Za-z0-9-]{8,64}$/;

function record(v: unknown): Rec {
  if (!isRec(v)) throw new BadRecord("not an object");
  return v;
}

function id(v: unknown, field: string): string {
  if (typeof v !== "string" || !UUIDISH.test(v)) throw new BadRecord(`${field} is missing or malformed`);
  return v;
}

function text(v: unknown, field: string, max = 200): string {
  if (typeof v !== "string" || v.length > max) throw new BadRecord(`${field} must be text`);
  return v;
}

/** A model identity: { name, version }, or the "name@version" text of records written before. */
function model(v: unknown, field: string): StoredModelRef {
  const m = typeof v === "string" && v.length > 200 ? null : parseStoredModelRef(v);
  if (m === null) throw new BadRecord(`${field} must name a model`);
  return m;
}

function num(v: unknown, field: string): number {
  if (!isNum(v)) throw new BadRecord(`${field} must be a number`);
  return v;
}

function time(v: unknown, field: string): number {
  if (!isNum(v) || v < 0) throw new BadRecord(`${field} must be a time`);
  return v;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], field: string): T {
  if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
  throw new BadRecord(`${field} has an unknown value`);
}

const orNull = <T>(v: unknown, parse: (v: unknown) => T): T | null => (v === null ? null : parse(v));

/** A tombstone's time, or null for a live record; files from before tombstones have none (live). */
const deletedAt = (v: unknown): number | null => (v === undefined ? null : orNull(v, (t) => time(t, "deletedAt")));

function itemIds(v: unknown): string[] {
  if (!Array.isArray(v) || v.length === 0) throw new BadRecord("itemIds must be a list of items");
  const ids = v.map((x) => id(x, "an item id"));
  if (new Set(ids).size !== ids.length) throw new BadRecord("an item appears twice");
  return ids;
}


const OUTCOMES = ["accepted", "pending", "confirmed", "corrected", "no-garment"] as const satisfies readonly PredictionOutcome[];

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
  };
}

const BACKEND_CHOICES = ["auto", "webgpu", "wasm-threads", "wasm"] as const satisfies readonly (Backend | "auto")[];

/** Settings the app reads without checking again: their values must be ones it could have written. */
const SETTING_CHECKS: Record<string, (v: unknown) => boolean> = {
  // The range setConfidenceThreshold accepts.
  confidenceThreshold: (v) => isNum(v) && v >= 0.5 && v <= 0.999,
  backend: (v) => typeof v === "string" && (BACKEND_CHOICES as readonly string[]).includes(v),
};

export function parseSetting(raw: unknown): SettingRecord {
  const r = record(raw);
  const key = text(r.key, "key");
  if (!key) throw new BadRecord("key is empty");
  if (!("value" in r)) throw new BadRecord("value is missing");
  const check = Object.hasOwn(SETTING_CHECKS, key) ? SETTING_CHECKS[key] : undefined;
  if (check && !check(r.value)) throw new BadRecord(`"${key}" has an impossible value`);
  return { key, value: r.value, updatedAt: time(r.updatedAt, "updatedAt") };
}

export function parseOutfit(raw: unknown): SavedOutfit {
  const r = record(raw);
  const name = text(r.name, "name", 120);
  if (!name.trim()) throw new BadRecord("name is empty");
  const score = orNull(r.score, (v) => num(v, "score"));
  if (score !== null && (score < 0 || score > 1)) throw new BadRecord("score must be between 0 and 1");
  return {
    id: id(r.id, "id"),
    createdAt: time(r.createdAt, "createdAt"),
    updatedAt: time(r.updatedAt, "updatedAt"),
    itemIds: itemIds(r.itemIds),
    name,
    score,
    deletedAt: deletedAt(r.deletedAt),
  };
}

export function parseWear(raw: unknown): WearLogEntry {
  const r = record(raw);
  if (typeof r.date !== "string" || !isIsoDate(r.date)) throw new BadRecord("date must be a day written YYYY-MM-DD");
  return {
    id: id(r.id, "id"),
    date: r.date,
    outfitId: orNull(r.outfitId, (v) => id(v, "outfitId")),
    itemIds: itemIds(r.itemIds),
    createdAt: time(r.createdAt, "createdAt"),
    updatedAt: time(r.updatedAt, "updatedAt"),
    wornAt: time(r.wornAt, "wornAt"),
    deletedAt: deletedAt(r.deletedAt),
  };
}

export function parseLearner(raw: unknown): LearnerRecord {
  const r = record(raw);
  if (r.id !== LEARNER_ID) throw new BadRecord(`id is not "${LEARNER_ID}"`);
  try {
    return { id: LEARNER_ID, state: parseLearnerState(r.state), updatedAt: time(r.updatedAt, "updatedAt") };
  } catch (e) {
    if (e instanceof LearnerStateError) throw new BadRecord(e.message.replace(/^Saved outfit preferences are unreadable: /, ""));
    throw e;
  }
}

async function parseSelfie(raw: unknown, files: Unzipped): Promise<ProfileSelfie> {
  const r = record(raw);
  const file = text(r.file, "the selfie's file name", 300);
  const mimeType = text(r.mimeType, "the selfie's type", 100);
  if (!mimeType.startsWith("image/")) throw new BadRecord("the selfie is not an image");
  const width = num(r.width, "the selfie's width");
  const height = num(r.height, "the selfie's height");
  if (width < 1 || height < 1) throw new BadRecord("the selfie has a bad size");
  const bytes = files[file] as Uint8Array<ArrayBuffer> | undefined;
  if (!bytes) throw new BadRecord("the selfie's bytes are missing");
  // Size and checksum prove the selfie is exactly the one that was exported.
  if (bytes.length !== r.size || (await sha256Hex(bytes)) !== r.sha256) throw new BadRecord("the selfie's checksum does not match");
  return { blob: new Blob([bytes], { type: text(r.type, "the selfie's blob type", 100) }), width, height, mimeType, savedAt: time(r.savedAt, "the selfie's date") };
}

export async function parseProfile(raw: unknown, files: Unzipped): Promise<Profile> {
  const r = record(raw);
  if (r.id !== PROFILE_ID) throw new BadRecord(`id is not "${PROFILE_ID}"`);
  const necklines = (v: unknown, field: string) => {
    if (!Array.isArray(v)) throw new BadRecord(`${field} must be a list`);
    return v.map((x) => oneOf(x, NECKLINES, field));
  };
  const faceShape = orNull(r.faceShape, (v) => {
    const f = record(v);
    const scores: Record<string, number> = {};
    for (const [k, s] of Object.entries(record(f.scores))) scores[k] = num(s, "a face shape score");
    return {
      primary: text(f.primary, "the face shape"),
      secondary: orNull(f.secondary, (s) => text(s, "the second face shape")),
      scores,
      clarity: num(f.clarity, "the face shape's clarity"),
    };
  });
  const profile: Profile = {
    id: PROFILE_ID,
    createdAt: time(r.createdAt, "createdAt"),
    updatedAt: time(r.updatedAt, "updatedAt"),
    gender: orNull(r.gender, (v) => oneOf(v, GENDERS, "gender")),
    faceShape,
    suitedNecklines: necklines(r.suitedNecklines, "suitedNecklines"),
    avoidNecklines: necklines(r.avoidNecklines, "avoidNecklines"),
  };
  if ("selfie" in r) profile.selfie = r.selfie === null ? null : await parseSelfie(r.selfie, files);
  return profile;
}
