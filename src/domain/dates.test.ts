import { describe, expect, it } from "vitest";
import { localDate } from "./dates";

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
