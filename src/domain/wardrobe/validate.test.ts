import { describe, expect, it } from "vitest";
import { newItem } from "./item";
import { parseItem } from "./validate";

const good = newItem("0f8fad5b-d9cb-469f-a165-70867728950e", 10, { category: "top", subtype: "shirt", price: 20, purchaseDate: "2024-05-01" });

describe("parseItem", () => {
  it("accepts a well-formed item unchanged", () => {
    expect(parseItem(JSON.parse(JSON.stringify(good)))).toEqual({ ok: true, value: good });
  });
  it("keeps the optional outline hash and review flag (backups must not lose them)", () => {
    const withExtras = {
      ...good,
      silhouette: "00ff00ff00ff00ff",
      recognition: {
        modelVersion: "garment-classifier-v1",
        top: [{ category: "top", subtype: "shirt", confidence: 0.6 }],
        confirmedByUser: false,
        needsReview: true,
        threshold: 0.93,
      },
    };
    expect(parseItem(JSON.parse(JSON.stringify(withExtras)))).toEqual({ ok: true, value: withExtras });
  });
  it("takes the model identity as { name, version } (older backups' 'name@version' text as it was)", () => {
    const recognition = {
      modelVersion: { name: "garment-classifier", version: 3 },
      top: [{ category: "top", subtype: "shirt", confidence: 0.99 }],
      confirmedByUser: false,
    };
    expect(parseItem(JSON.parse(JSON.stringify({ ...good, recognition })))).toEqual({ ok: true, value: { ...good, recognition } });
    expect(parseItem({ ...good, recognition: { ...recognition, modelVersion: { name: "garment-classifier" } } }).ok).toBe(false);
  });
  it("reads a renamed kind under its new name, and keeps kinds the user taught", () => {
    const old = { ...good, category: "accessory", subtype: "sunglasses" };
    expect(parseItem(old)).toMatchObject({ ok: true, value: { subtype: "glasses" } });
    expect(parseItem({ ...good, category: "dress", subtype: "kimono" })).toMatchObject({ ok: true, value: { subtype: "kimono" } });
    expect(parseItem({ ...good, category: "accessory", subtype: "tie clip" })).toMatchObject({ ok: true, value: { subtype: "tie clip" } });
  });
  it("keeps the laundry marks (optional: absent on older items), and refuses malformed ones", () => {
    const laundry = { cleanedAt: 1_700_000_000_000, inWashSince: null };
    expect(parseItem(JSON.parse(JSON.stringify({ ...good, laundry })))).toEqual({ ok: true, value: { ...good, laundry } });
    expect(parseItem({ ...good, laundry: null })).toEqual({ ok: true, value: { ...good, laundry: null } });
    expect(parseItem({ ...good, laundry: { cleanedAt: "yesterday", inWashSince: null } })).toEqual({ ok: false, error: "laundry is malformed" });
    expect(parseItem({ ...good, laundry: { cleanedAt: -5, inWashSince: null } }).ok).toBe(false);
  });
  it("keeps which embedder made the fingerprint", () => {
    const withBy = { ...good, embedding: [0.6, 0.8], embeddedBy: { name: "garment-embedder", version: 4 } };
    expect(parseItem(JSON.parse(JSON.stringify(withBy)))).toEqual({ ok: true, value: withBy });
    expect(parseItem({ ...good, embeddedBy: { name: 4 } }).ok).toBe(false);
  });
  it.each([
    [{ ...good, subtype: "trousers" }, /subtype/], // another category's built-in kind
    [{ ...good, subtype: " padded " }, /subtype/],
    [{ ...good, subtype: "x".repeat(41) }, /subtype/],
    [{ ...good, subtype: "<script>" }, /subtype/],
    [{ ...good, silhouette: "not hex" }, /silhouette/],
    [{ ...good, recognition: { modelVersion: "m", top: [], confirmedByUser: false, needsReview: "yes" } }, /recognition/],
    [{ ...good, id: "" }, /id/],
    [{ ...good, category: "spaceship" }, /category/],
    [{ ...good, subtype: "boots" }, /subtype/],
    [{ ...good, price: "20" }, /price/],
    [{ ...good, purchaseDate: "May 1" }, /purchaseDate/],
    [{ ...good, seasons: ["monsoon"] }, /seasons/],
    [{ ...good, colours: [{ hex: "red" }] }, /colour/],
    [{ ...good, favourite: "yes" }, /favourite/],
    [{ ...good, createdAt: -1 }, /createdAt/],
    [null, /object/],
  ])("refuses %#", (raw, why) => {
    const r = parseItem(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(why);
  });
});
