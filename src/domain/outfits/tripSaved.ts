/**
 * A planned trip as it is kept on the device (Settings key "outfits.trip"), checked when
 * read back, and as plain text to share. planTrip (trip.ts) makes the plan.
 */
import { noonOf as noon } from "../dates";
import type { TripDay, TripPlan, TripRequest } from "./trip";

/** A planned trip as kept on the device (Settings key "outfits.trip"): what was asked, what to pack, what is packed. */
export interface SavedTrip {
  /** YYYY-MM-DD of each day, with its occasion, temperature and rain. */
  days: TripDay[];
  laundryEveryDays: number | null;
  plannedAt: number;
  /** Item ids to pack, in the plan's order. */
  items: string[];
  /** Each day's outfit (item ids), aligned with `days`. */
  outfits: string[][];
  /** Slots a day lacks, with what to add, aligned with `days`. */
  missing: { slot: string; advice: string }[][];
  notes: string[];
  /** Item ids ticked as packed. */
  packed: string[];
}

const isStr = (v: unknown): v is string => typeof v === "string";
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Whether a stored value is a saved trip (damaged values are dropped by the settings store, never half-read). */
export function isSavedTrip(v: unknown): v is SavedTrip {
  if (!isRecord(v) || !Array.isArray(v.days) || !Array.isArray(v.items) || !Array.isArray(v.outfits) || !Array.isArray(v.packed)) return false;
  if (!Array.isArray(v.missing) || !Array.isArray(v.notes) || !v.notes.every(isStr) || typeof v.plannedAt !== "number") return false;
  if (!(v.laundryEveryDays === null || (typeof v.laundryEveryDays === "number" && v.laundryEveryDays > 0))) return false;
  const dayOk = (d: unknown) =>
    isRecord(d) &&
    isStr(d.date) &&
    /^\d{4}-\d{2}-\d{2}$/.test(d.date) &&
    (d.occasion === null || isStr(d.occasion)) &&
    (d.temperatureC === null || typeof d.temperatureC === "number");
  return (
    v.days.length <= 60 &&
    v.days.every(dayOk) &&
    v.items.every(isStr) &&
    v.packed.every(isStr) &&
    v.outfits.length === v.days.length &&
    v.outfits.every((o) => Array.isArray(o) && o.every(isStr)) &&
    v.missing.length === v.days.length
  );
}

/** The plan as it is kept. */
export function saveTrip(req: TripRequest, plan: TripPlan, now: number = Date.now()): SavedTrip {
  return {
    days: req.days.map((d) => ({ date: d.date, occasion: d.occasion, temperatureC: d.temperatureC, rain: Boolean(d.rain) })),
    laundryEveryDays: req.laundryEveryDays ?? null,
    plannedAt: now,
    items: plan.items.map((i) => i.id),
    outfits: plan.days.map((d) => d.pieces.map((p) => p.item.id)),
    missing: plan.days.map((d) => d.missing.map((m) => ({ slot: m.slot, advice: m.advice }))),
    notes: plan.notes,
    packed: [],
  };
}

const dateWords = (date: string) => {
  const t = noon(date);
  return new Date(t).toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short" });
};
export { dateWords as tripDateWords };

/** The trip as plain text to share: the checklist (ticked or not), then each day's outfit. */
export function tripText(trip: SavedTrip, nameOf: (id: string) => string): string {
  const first = trip.days[0]?.date;
  const last = trip.days.at(-1)?.date;
  const lines = [`Trip ${first ? dateWords(first) : ""}${last && last !== first ? ` – ${dateWords(last)}` : ""}: ${trip.items.length} pieces to pack`];
  for (const id of trip.items) lines.push(`${trip.packed.includes(id) ? "[x]" : "[ ]"} ${nameOf(id)}`);
  lines.push("");
  trip.days.forEach((d, k) => {
    const what = [d.occasion, d.temperatureC === null ? null : `${d.temperatureC} °C`, d.rain ? "rain" : null].filter(Boolean).join(", ");
    const outfit = trip.outfits[k]!.map(nameOf).join(" + ");
    const gaps = trip.missing[k]!.map((m) => `add ${m.advice}`).join("; ");
    lines.push(`${dateWords(d.date)}${what ? ` (${what})` : ""}: ${outfit || "nothing planned"}${gaps ? ` — ${gaps}` : ""}`);
  });
  return lines.join("\n");
}
