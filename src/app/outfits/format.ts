/** Numbers as the outfit screens show them. */

/** 0.823 → "82 %" */
export const percent = (share: number): string => `${Math.round(share * 100)} %`;

const money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Prices carry no currency in the wardrobe: the user's own. */
export const amount = (n: number): string => money.format(n);

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const longDay = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
/** "Friday 20 November 2026" (in the user's locale). */
export const longDate = (d: Date): string => longDay.format(d);
