import { describe, expect, it } from "vitest";
import { localDate, noonOf } from "./dates";

describe("localDate", () => {
  it("uses the local calendar day, from a time or a date", () => {
    expect(localDate(new Date(2026, 0, 31, 23, 59).getTime())).toBe("2026-01-31");
    expect(localDate(new Date(2026, 1, 1, 0, 1).getTime())).toBe("2026-02-01");
    expect(localDate(new Date(2026, 8, 5, 12))).toBe("2026-09-05");
  });

  it("does not change the date it is given", () => {
    const d = new Date(2026, 11, 31, 23, 30);
    expect(localDate(d)).toBe("2026-12-31");
    expect(d.getTime()).toBe(new Date(2026, 11, 31, 23, 30).getTime());
  });
});

describe("noonOf", () => {
  it("is local noon of the day, and gives back the same day", () => {
    const t = noonOf("2026-03-09");
    const d = new Date(t);
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()]).toEqual([2026, 2, 9, 12, 0]);
    for (const day of ["2026-01-01", "2026-02-28", "2024-02-29", "2026-10-25", "2026-12-31"]) expect(localDate(noonOf(day))).toBe(day);
    // Consecutive days are about 24 h apart, whatever daylight saving does in between.
    expect(Math.abs(noonOf("2026-03-30") - noonOf("2026-03-29") - 86_400_000)).toBeLessThanOrEqual(3_600_000);
  });
});
