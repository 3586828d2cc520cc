import { describe, expect, it } from "vitest";
import { outcomeOfChoice } from "./predictionLog";

const top = [
  { index: 0, category: "top" as const, subtype: "t-shirt", label: "T-shirt / top", confidence: 0.7 },
  { index: 6, category: "top" as const, subtype: "shirt", label: "Shirt", confidence: 0.2 },
];

describe("outcomeOfChoice", () => {
  it("is 'confirmed' when the user picks the model's first choice (the kind, or only its category)", () => {
    expect(outcomeOfChoice({ top }, "top", "t-shirt")).toBe("confirmed");
    expect(outcomeOfChoice({ top }, "top", null)).toBe("confirmed");
  });

  it("is 'corrected' for another kind of the same category, another category, or when there was no guess", () => {
    expect(outcomeOfChoice({ top }, "top", "shirt")).toBe("corrected");
    expect(outcomeOfChoice({ top }, "bottom", "t-shirt")).toBe("corrected");
    expect(outcomeOfChoice({ top }, "bottom", null)).toBe("corrected");
    expect(outcomeOfChoice({ top: [] }, "top", "t-shirt")).toBe("corrected");
  });
});
