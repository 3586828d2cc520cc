/**
 * The day as scoring sees it: the season of a date in each hemisphere, what is left out,
 * and the per-context cache (a context with a fixed time is worked out once; one without
 * follows the clock).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { dayOf, seasonOf } from "./day";
import { NOW } from "./testing/stylist-wardrobe";

const month = (m: number) => new Date(2026, m, 15, 12).getTime();

describe("seasonOf", () => {
  it("gives the meteorological season of each month, the opposite one in the south", () => {
    const north = ["winter", "winter", "spring", "spring", "spring", "summer", "summer", "summer", "autumn", "autumn", "autumn", "winter"];
    const south = ["summer", "summer", "autumn", "autumn", "autumn", "winter", "winter", "winter", "spring", "spring", "spring", "summer"];
    for (let m = 0; m < 12; m++) {
      expect(seasonOf(month(m), "north"), `month ${m + 1} north`).toBe(north[m]);
      expect(seasonOf(month(m), "south"), `month ${m + 1} south`).toBe(south[m]);
    }
  });
});

describe("dayOf", () => {
  afterEach(() => vi.useRealTimers());

  it("works out the felt temperature, band, season, needs, exclusions and the wash", () => {
    const d = dayOf({ now: NOW, temperatureC: 12, feel: "cold", hemisphere: "south", excludeItemIds: ["a"], inWashItemIds: ["b"], rain: true });
    expect(d.now).toBe(NOW);
    expect(d.felt).toBe(9);
    expect(d.band).toBe("cold");
    expect(d.season).toBe("spring");
    expect(d.seasonChosen).toBe(false);
    expect(d.needs.outerwear).toBe("required");
    expect([...d.excluded].sort()).toEqual(["a", "b"]);
    expect([...d.inWash]).toEqual(["b"]);
  });

  it("a chosen season wins over the date's; with neither there is none", () => {
    expect(dayOf({ now: NOW, season: "summer", hemisphere: "north" })).toMatchObject({ season: "summer", seasonChosen: true });
    expect(dayOf({ now: NOW })).toMatchObject({ season: null, seasonChosen: false, felt: null, band: "unknown" });
  });

  it("is worked out once for a context with a fixed time", () => {
    const ctx = { now: NOW, temperatureC: 20 };
    expect(dayOf(ctx)).toBe(dayOf(ctx));
    expect(dayOf({ ...ctx })).not.toBe(dayOf(ctx));
  });

  it("follows the clock for a context without a time", () => {
    vi.useFakeTimers({ now: NOW });
    const ctx = { temperatureC: 20 };
    const first = dayOf(ctx);
    expect(first.now).toBe(NOW);
    expect(dayOf(ctx)).toBe(first);
    vi.setSystemTime(NOW + 60_000);
    const later = dayOf(ctx);
    expect(later).not.toBe(first);
    expect(later.now).toBe(NOW + 60_000);
  });
});
