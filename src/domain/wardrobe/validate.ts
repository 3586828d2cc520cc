import { isNum, isRec } from "../json";
import { parseStoredModelRef } from "../vision/modelRef";
import { readModelRef } from "../vision/modelRef";
import {
  CATEGORIES,
  GENDERS,
  NECKLINES,
  OCCASIONS,
  SEASONS,
  SUBTYPES,
  currentSubtype,
  isTaughtKindName,
  type Item,
  type ItemColour,
  type ItemLaundry,
  type Recognition,
} from "./types";

/**
 * Checks an item that came from outside (an export file, later a sync bucket).
 * Pure and strict: a file that does not describe valid items is refused whole,
 * so a bad import can never leave odd records in the wardrobe.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const isStr = (v: unknown): v is string => typeof v === "string";
const UUIDISH = /^[A-Za-z0-9-]{8,64}$/;

class Invalid extends Error {}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], field: string): T | null {
  if (v === null) return null;
  if (isStr(v) && (allowed as readonly string[]).includes(v)) return v as T;
  throw new Invalid(`${field} has an unknown value`);
}

function listOf<T extends string>(v: unknown, allowed: readonly T[], field: string): T[] {
  if (!Array.isArray(v)) throw new Invalid(`${field} must be a list`);
  return v.map((x) => {
    const parsed = oneOf(x, allowed, field);
    if (parsed === null) throw new Invalid(`${field} has an empty entry`);
    return parsed;
  });
}

function str(v: unknown, field: string, max = 5000): string {
  if (!isStr(v) || v.length > max) throw new Invalid(`${field} must be text`);
  return v;
}

function numOrNull(v: unknown, field: string): number | null {
  if (v === null) return null;
  if (!isNum(v)) throw new Invalid(`${field} must be a number`);
  return v;
}

function time(v: unknown, field: string): number {
  if (!isNum(v) || v < 0) throw new Invalid(`${field} must be a time`);
  return v;
}

function colours(v: unknown): ItemColour[] {
  if (!Array.isArray(v)) throw new Invalid("colours must be a list");
  return v.map((c) => {
    if (!isRec(c) || !isStr(c.hex) || !/^#[0-9a-fA-F]{6}$/.test(c.hex) || !isStr(c.name) || !isNum(c.share)) throw new Invalid("a colour is malformed");
    return { hex: c.hex, name: c.name, share: c.share };
  });
}

function recognition(v: unknown): Recognition | null {
  if (v === null) return null;
  const model = isRec(v) ? parseStoredModelRef(v.modelVersion) : null;
  if (!isRec(v) || model === null || !Array.isArray(v.top) || typeof v.confirmedByUser !== "boolean") throw new Invalid("recognition is malformed");
  const top = v.top.map((t) => {
    if (!isRec(t) || !isStr(t.subtype) || !isNum(t.confidence)) throw new Invalid("recognition is malformed");
    const category = oneOf(t.category, CATEGORIES, "recognition category");
    if (category === null) throw new Invalid("recognition is malformed");
    return { category, subtype: t.subtype, confidence: t.confidence };
  });
  const out: Recognition = { modelVersion: model, top, confirmedByUser: v.confirmedByUser };
  if (v.needsReview !== undefined) {
    if (typeof v.needsReview !== "boolean") throw new Invalid("recognition is malformed");
    out.needsReview = v.needsReview;
  }
  if (v.threshold !== undefined) {
    if (!isNum(v.threshold)) throw new Invalid("recognition is malformed");
    out.threshold = v.threshold;
  }
  if (v.notClothing !== undefined) {
    if (typeof v.notClothing !== "boolean") throw new Invalid("recognition is malformed");
    out.notClothing = v.notClothing;
  }
  return out;
}

/** The garment outline's hash (hex, up to 256 bits); absent on items made before it existed. */
function silhouette(v: unknown): string | null | undefined {
  if (v === undefined || v === null) return v;
  if (!isStr(v) || !/^[0-9a-f]{1,64}$/.test(v)) throw new Invalid("silhouette is malformed");
  return v;
}

/** Laundry marks (optional: absent on items never marked, and on every item of earlier versions). */
function laundry(v: unknown): ItemLaundry | null | undefined {
  if (v === undefined || v === null) return v;
  const at = (t: unknown) => t === null || (isNum(t) && t >= 0);
  if (!isRec(v) || !at(v.cleanedAt) || !at(v.inWashSince)) throw new Invalid("laundry is malformed");
  return { cleanedAt: v.cleanedAt as number | null, inWashSince: v.inWashSince as number | null };
}

function embedding(v: unknown): number[] | null {
  if (v === null) return null;
  if (!Array.isArray(v) || v.length > 4096 || !v.every(isNum)) throw new Invalid("embedding is malformed");
  return v as number[];
}

export function parseItem(raw: unknown): Parsed<Item> {
  try {
    if (!isRec(raw)) throw new Invalid("not an object");
    if (!isStr(raw.id) || !UUIDISH.test(raw.id)) throw new Invalid("id is missing or malformed");
    const category = oneOf(raw.category, CATEGORIES, "category");
    const subtype = currentSubtype(raw.subtype === null ? null : str(raw.subtype, "subtype", 100));
    // A built-in kind of its category, or a kind the user taught (never another category's built-in kind).
    if (subtype !== null && category !== null && !SUBTYPES[category].includes(subtype) && !isTaughtKindName(category, subtype))
      throw new Invalid("subtype does not belong to the category");
    const purchaseDate = raw.purchaseDate === null ? null : str(raw.purchaseDate, "purchaseDate", 10);
    if (purchaseDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(purchaseDate)) throw new Invalid("purchaseDate must be YYYY-MM-DD");
    const imageId = raw.imageId === null ? null : str(raw.imageId, "imageId", 64);
    const item: Item = {
      id: raw.id,
      createdAt: time(raw.createdAt, "createdAt"),
      updatedAt: time(raw.updatedAt, "updatedAt"),
      name: str(raw.name, "name", 200),
      category,
      subtype,
      colours: colours(raw.colours),
      seasons: listOf(raw.seasons, SEASONS, "seasons"),
      occasions: listOf(raw.occasions, OCCASIONS, "occasions"),
      material: str(raw.material, "material", 200),
      brand: str(raw.brand, "brand", 200),
      price: numOrNull(raw.price, "price"),
      purchaseDate,
      gender: oneOf(raw.gender, GENDERS, "gender"),
      neckline: oneOf(raw.neckline, NECKLINES, "neckline"),
      notes: str(raw.notes, "notes"),
      favourite: raw.favourite === true,
      wearCount: numOrNull(raw.wearCount, "wearCount") ?? 0,
      lastWornAt: numOrNull(raw.lastWornAt, "lastWornAt"),
      imageId,
      recognition: recognition(raw.recognition),
      embedding: embedding(raw.embedding),
      deletedAt: numOrNull(raw.deletedAt, "deletedAt"),
    };
    const outline = silhouette(raw.silhouette);
    if (outline !== undefined) item.silhouette = outline;
    if (raw.embeddedBy !== undefined && raw.embeddedBy !== null) {
      const by = readModelRef(raw.embeddedBy);
      if (!by) throw new Invalid("embeddedBy is malformed");
      item.embeddedBy = by;
    }
    const washing = laundry(raw.laundry);
    if (washing !== undefined) item.laundry = washing;
    if (typeof raw.favourite !== "boolean") throw new Invalid("favourite must be true or false");
    return { ok: true, value: item };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, error: e.message };
    throw e;
  }
}
