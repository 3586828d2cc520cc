/** Calendar days as the wear log writes them: YYYY-MM-DD in the user's local time. */

/** A local date as YYYY-MM-DD (the user's calendar day, not UTC's). */
export { localDate, noonOf } from "@domain/dates";

/** True for a real calendar day written YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getFullYear() === Number(m[1]) && d.getMonth() === Number(m[2]) - 1 && d.getDate() === Number(m[3]);
}
