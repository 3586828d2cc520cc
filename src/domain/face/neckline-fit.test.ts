import { describe, expect, it } from "vitest";
import { styleAdviceFor } from "./advice";
import { necklineFit } from "./neckline-fit";

describe("necklineFit", () => {
  const round = styleAdviceFor({ primary: "round", secondary: null, clarityLabel: "clear" });
  const profile = { suitedNecklines: round.suitedNecklines, avoidNecklines: round.avoidNecklines };

  it("prefers suited necklines, best-ranked first, and leans away from avoided ones", () => {
    expect(necklineFit("v-neck", profile)).toBe(1);
    expect(necklineFit("square", profile)).toBeGreaterThan(0);
    expect(necklineFit("square", profile)).toBeLessThan(necklineFit("v-neck", profile));
    expect(necklineFit("crew", profile)).toBe(-1);
    expect(necklineFit("halter", profile)).toBe(0);
  });

  it("is neutral without a neckline or a saved face shape", () => {
    expect(necklineFit(null, profile)).toBe(0);
    expect(necklineFit("none", profile)).toBe(0);
    expect(necklineFit("v-neck", null)).toBe(0);
    expect(necklineFit("v-neck", { suitedNecklines: [], avoidNecklines: [] })).toBe(0);
  });
});
