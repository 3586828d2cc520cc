/** Numbers and dates as the Model health screen shows them. */
import type { ModelRef } from "@domain/vision/modelRef";

/** A share as a whole percentage: 0.823 → "82 %". */
export const pct = (share: number): string => `${Math.round(share * 100)} %`;

/** A confidence with one decimal: 0.9964 → "99.6 %" (calibrated confidences crowd near 100 %). */
export const conf = (c: number): string => `${(Math.round(c * 1000) / 10).toFixed(1)} %`;

export const psiText = (v: number): string => v.toFixed(2);

export const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "2026-11-03" → days since the epoch, for an x axis in whole days (no daylight-saving steps). */
export function dayNumber(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000;
}

const short = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });
const medium = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const long = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
/** "3 Nov" (in the user's locale). */
export const shortDay = (day: string): string => short.format(new Date(dayNumber(day) * 86_400_000));
/** "3 Nov 2026" (tables: fits a phone). */
export const mediumDay = (day: string): string => medium.format(new Date(dayNumber(day) * 86_400_000));
/** "3 November 2026". */
export const longDay = (day: string): string => long.format(new Date(dayNumber(day) * 86_400_000));

/** The model's version as people read it: "v2". */
export const versionName = (model: ModelRef): string => `v${model.version}`;

export const CATEGORY_NAMES: Record<string, string> = {
  top: "Tops",
  bottom: "Bottoms",
  dress: "Dresses",
  outerwear: "Outerwear",
  shoes: "Shoes",
  bag: "Bags",
  accessory: "Accessories",
};
export const categoryName = (c: string): string => CATEGORY_NAMES[c] ?? c;
export const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
