import { describe, expect, it } from "vitest";
import { matchWords } from "./ProductGrid";

describe("match in words", () => {
  it("separates near-identical, same-kind, related and unlike products", () => {
    expect(matchWords(1.0)).toBe("Very close");
    expect(matchWords(0.998)).toBe("Very close");
    expect(matchWords(0.96)).toBe("Close");
    expect(matchWords(0.8)).toBe("Similar");
    expect(matchWords(0.16)).toBe("A different look");
    expect(matchWords(-0.4)).toBe("A different look");
  });
});
