/**
 * The checks every record kind's validation is built from. Strict like parseItem:
 * one bad field refuses the record (and the reader refuses the whole file or
 * document), so nothing odd ever reaches the database. Each check returns the value
 * as the app stores it, or throws BadRecord saying what is wrong; the reader adds
 * which record.
 */
import { isNum, isRec } from "@domain/json";

export class BadRecord extends Error {
  override name = "BadRecord";
}

export { isNum, isRec };
export type Rec = Record<string, unknown>;

/** The app's ids are UUIDs; the same rule parseItem applies to item ids. */
const UUIDISH = /^[A-Za-z0-9-]{8,64}$/;
export const SHA256 = /^[0-9a-f]{64}$/;

export function record(v: unknown): Rec {
  if (!isRec(v)) throw new BadRecord("not an object");
  return v;
}

export function id(v: unknown, field: string): string {
  if (typeof v !== "string" || !UUIDISH.test(v)) throw new BadRecord(`${field} is missing or malformed`);
  return v;
}

export function text(v: unknown, field: string, max = 200): string {
  if (typeof v !== "string" || v.length > max) throw new BadRecord(`${field} must be text`);
  return v;
}

export function num(v: unknown, field: string): number {
  if (!isNum(v)) throw new BadRecord(`${field} must be a number`);
  return v;
}

/**
 * How far ahead of this device's clock a time from outside may be. Another device's
 * clock may be off by hours (or a day), but the newer copy wins every merge: a record
 * dated further ahead would beat every real edit until then (dated 2^53, for ever).
 * Such a record is refused, not clamped: clamping would change it here and not on the
 * device that wrote it, and the two would never agree again.
 */
export const FUTURE_TOLERANCE_MS = 7 * 24 * 60 * 60 * 1000;

export function time(v: unknown, field: string): number {
  if (!isNum(v) || v < 0) throw new BadRecord(`${field} must be a time`);
  if (v > Date.now() + FUTURE_TOLERANCE_MS) throw new BadRecord(`${field} is more than 7 days in the future (the device that wrote it has a wrong clock)`);
  return v;
}

export function oneOf<T extends string>(v: unknown, allowed: readonly T[], field: string): T {
  if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
  throw new BadRecord(`${field} has an unknown value`);
}

export const orNull = <T>(v: unknown, parse: (v: unknown) => T): T | null => (v === null ? null : parse(v));

/** A tombstone's time, or null for a live record; files from before tombstones have none (live). */
export const deletedAt = (v: unknown): number | null => (v === undefined ? null : orNull(v, (t) => time(t, "deletedAt")));

/** A non-empty list of distinct item ids (an outfit's pieces, a wear's). */
export function itemIds(v: unknown): string[] {
  if (!Array.isArray(v) || v.length === 0) throw new BadRecord("itemIds must be a list of items");
  const ids = v.map((x) => id(x, "an item id"));
  if (new Set(ids).size !== ids.length) throw new BadRecord("an item appears twice");
  return ids;
}
