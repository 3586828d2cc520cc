/** Calendar days as the app writes them (the wear log, trips, the calendar, monitoring): YYYY-MM-DD. */

const pad = (n: number) => String(n).padStart(2, "0");

/** The local calendar day of a time or date, YYYY-MM-DD (the user's day, not UTC's). */
export function localDate(t: number | Date): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Local noon of a YYYY-MM-DD day, in ms (noon: a day's arithmetic never crosses a DST change). */
export function noonOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12).getTime();
}
