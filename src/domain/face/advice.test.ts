import { describe, expect, it } from "vitest";
import { NECKLINES } from "../wardrobe/types";
import { styleAdviceFor } from "./advice";
import { ADVICE } from "./advice-table";
import { FACE_SHAPES } from "./shape";

describe("styleAdviceFor", () => {
  it("gives every shape advice on necklines, eyewear, earrings and hair, each with a one-line reason", () => {
    for (const shape of FACE_SHAPES) {
      const a = styleAdviceFor({ primary: shape, secondary: null, clarityLabel: "clear" });
      expect(a.lines.map((l) => l.topic)).toEqual(["necklines", "eyewear", "earrings", "hair"]);
      for (const line of a.lines) {
        expect(line.advice.length).toBeGreaterThan(5);
        expect(line.reason.length).toBeGreaterThan(5);
        expect(line.reason).not.toMatch(/\n/);
      }
    }
  });

  it("maps advice onto the wardrobe's neckline vocabulary, never both suited and avoided", () => {
    for (const shape of FACE_SHAPES) {
      const { suited, avoid } = ADVICE[shape];
      expect(suited.length).toBeGreaterThan(0);
      for (const n of [...suited, ...avoid]) expect(NECKLINES).toContain(n);
      expect(suited.filter((n) => avoid.includes(n))).toEqual([]);
    }
  });

  it("uses the primary shape's necklines when the result is clear", () => {
    const a = styleAdviceFor({ primary: "round", secondary: "oval", clarityLabel: "clear" });
    expect(a.suitedNecklines).toEqual(ADVICE.round.suited);
    expect(a.avoidNecklines).toEqual(ADVICE.round.avoid);
  });

  it("drops necklines the runner-up should avoid when the result is borderline", () => {
    // Oblong suits crew and boat; a round face should avoid both.
    const a = styleAdviceFor({ primary: "oblong", secondary: "round", clarityLabel: "borderline" });
    expect(a.suitedNecklines).not.toContain("crew");
    expect(a.suitedNecklines).not.toContain("boat");
    expect(a.suitedNecklines).toContain("square");
    // …but does not call them "avoid" either, since the primary shape suits them.
    expect(a.avoidNecklines).not.toContain("crew");
    expect(a.avoidNecklines).toEqual(expect.arrayContaining(ADVICE.oblong.avoid));
    expect(a.suitedNecklines.filter((n) => a.avoidNecklines.includes(n))).toEqual([]);
  });
});
