/**
 * Month-grid arithmetic on local YYYY-MM-DD dates (weeks start on Monday) and the
 * calendar's keyboard model (the WAI-ARIA date grid: arrows move a day or a week,
 * Home/End go to the week's ends, Page Up/Down change the month).
 */
import { localDate } from "@domain/dates";

/** Local midnight of a YYYY-MM-DD date. */
export function dateOf(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

export function addDays(iso: string, n: number): string {
  const d = dateOf(iso);
  d.setDate(d.getDate() + n);
  return localDate(d);
}

/** Same day in another month, clamped to its length (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(iso: string, n: number): string {
  const d = dateOf(iso);
  const day = d.getDate();
  const target = new Date(d.getFullYear(), d.getMonth() + n, 1);
  const last = new Date(target.getFullYear(), target.getMonth() + 1, 0).getDate();
  target.setDate(Math.min(day, last));
  return localDate(target);
}

/** Monday = 0 … Sunday = 6. */
const weekday = (d: Date) => (d.getDay() + 6) % 7;

/** The weeks shown for the month containing `iso`: whole Monday–Sunday weeks, so adjacent months' days fill the edges. */
export function monthGrid(iso: string): string[][] {
  const first = dateOf(iso);
  first.setDate(1);
  const start = addDays(localDate(first), -weekday(first));
  const lastOfMonth = new Date(first.getFullYear(), first.getMonth() + 1, 0);
  const end = addDays(localDate(lastOfMonth), 6 - weekday(lastOfMonth));
  const weeks: string[][] = [];
  for (let day = start; day <= end;) {
    const week: string[] = [];
    for (let k = 0; k < 7; k++, day = addDays(day, 1)) week.push(day);
    weeks.push(week);
  }
  return weeks;
}

export const sameMonth = (a: string, b: string) => a.slice(0, 7) === b.slice(0, 7);

/** Where focus goes for a key, or null when the calendar does not handle the key. */
export function moveFocus(iso: string, key: string): string | null {
  const d = dateOf(iso);
  switch (key) {
    case "ArrowLeft":
      return addDays(iso, -1);
    case "ArrowRight":
      return addDays(iso, 1);
    case "ArrowUp":
      return addDays(iso, -7);
    case "ArrowDown":
      return addDays(iso, 7);
    case "Home":
      return addDays(iso, -weekday(d));
    case "End":
      return addDays(iso, 6 - weekday(d));
    case "PageUp":
      return addMonths(iso, -1);
    case "PageDown":
      return addMonths(iso, 1);
    default:
      return null;
  }
}
