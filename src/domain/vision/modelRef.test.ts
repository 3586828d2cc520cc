import { describe, expect, it } from "vitest";
import { isModel, modelRefLabel, modelRefText, parseStoredModelRef, readModelRef } from "./modelRef";

const v3 = { name: "garment-classifier", version: 3 };

describe("model identity", () => {
  it("reads the object form and the text rows stored before it", () => {
    expect(readModelRef(v3)).toEqual(v3);
    expect(readModelRef("garment-classifier@3")).toEqual(v3);
    expect(readModelRef("my@model@12")).toEqual({ name: "my@model", version: 12 });
  });

  it("reads nothing from what names no model", () => {
    for (const v of [
      "garment-classifier",
      "garment-classifier@",
      "@3",
      "garment-classifier@v3",
      "",
      null,
      undefined,
      3,
      { name: "x" },
      { name: "", version: 1 },
      { name: "x", version: 1.5 },
      { name: "x", version: -1 },
    ])
      expect(readModelRef(v)).toBeNull();
  });

  it("checks stored values on the way in: objects checked, legacy text kept as it was, the rest refused", () => {
    expect(parseStoredModelRef("garment-classifier@3")).toBe("garment-classifier@3");
    expect(parseStoredModelRef({ ...v3, extra: true })).toEqual(v3);
    expect(parseStoredModelRef("garment-classifier-v1")).toBe("garment-classifier-v1");
    expect(parseStoredModelRef(42)).toBeNull();
    expect(parseStoredModelRef({ name: "x" })).toBeNull();
  });

  it("compares stored values of either form with a model", () => {
    expect(isModel("garment-classifier@3", v3)).toBe(true);
    expect(isModel(v3, v3)).toBe(true);
    expect(isModel({ name: "garment-classifier", version: 2 }, v3)).toBe(false);
    expect(isModel("garment-embedder@3", v3)).toBe(false);
    expect(isModel("garbage", v3)).toBe(false);
  });

  it("writes one text cell for files and a label for people", () => {
    expect(modelRefText(v3)).toBe("garment-classifier@3");
    expect(readModelRef(modelRefText(v3))).toEqual(v3);
    expect(modelRefLabel(v3)).toBe("garment-classifier v3");
  });
});
