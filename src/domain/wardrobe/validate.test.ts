import { describe, expect, it } from "vitest";
import { newItem } from "./item";
import { parseItem } from "./validate";

const good = newItem("0f8fad5b-d9cb-469f-a165-70867728950e", 10, { category: "top", subtype: "shirt", price: 20, purchaseDate: "2024-05-01" });

const RECOGNITION = {
  modelVersion: { name: "garment-classifier", version: 6 },
  top: [{ category: "top", subtype: "shirt", confidence: 0.5 }],
  confirmedByUser: false,
};

describe("parseItem", () => {
  it("accepts each field at its limit, and keeps exactly a colour's three fields", () => {
    const edge = {
      ...good,
      createdAt: 0,
      name: "n".repeat(200),
      subtype: null,
      colours: [{ hex: "#A0b1C2", name: "teal", share: 0.5, extra: "dropped" }],
      embedding: new Array(4096).fill(0.01),
      laundry: { cleanedAt: 0, inWashSince: 0 },
      silhouette: "0",
      recognition: { ...RECOGNITION, notClothing: true },
    };
    const r = parseItem(edge);
    expect(r).toEqual({ ok: true, value: { ...edge, colours: [{ hex: "#A0b1C2", name: "teal", share: 0.5 }] } });
    // A kind without a category, and a category without a kind, are both fine.
    expect(parseItem({ ...good, category: null, subtype: "kimono" })).toMatchObject({ ok: true, value: { category: null, subtype: "kimono" } });
    expect(parseItem({ ...good, category: "top", subtype: null })).toMatchObject({ ok: true, value: { subtype: null } });
  });
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
    // Each field's own check (the message names the field: a refusal for another reason fails).
    [{ ...good, seasons: "summer" }, /^seasons must be a list$/],
    [{ ...good, seasons: [null] }, /^seasons has an empty entry$/],
    [{ ...good, name: "n".repeat(201) }, /^name must be text$/],
    [{ ...good, name: 5 }, /^name must be text$/],
    [{ ...good, notes: "n".repeat(5001) }, /^notes must be text$/],
    [{ ...good, imageId: "i".repeat(65) }, /^imageId must be text$/],
    [{ ...good, colours: "red" }, /^colours must be a list$/],
    [{ ...good, colours: ["red"] }, /^a colour is malformed$/],
    [{ ...good, colours: [{ hex: 255, name: "red", share: 1 }] }, /^a colour is malformed$/],
    [{ ...good, colours: [{ hex: "#ff0000", name: 5, share: 1 }] }, /^a colour is malformed$/],
    [{ ...good, colours: [{ hex: "#ff0000", name: "red" }] }, /^a colour is malformed$/],
    [{ ...good, colours: [{ hex: "x#ff0000", name: "red", share: 1 }] }, /^a colour is malformed$/],
    [{ ...good, colours: [{ hex: "#ff0000x", name: "red", share: 1 }] }, /^a colour is malformed$/],
    [{ ...good, colours: [{ hex: "#f00", name: "red", share: 1 }] }, /^a colour is malformed$/],
    [{ ...good, colours: [{ hex: "#gggggg", name: "red", share: 1 }] }, /^a colour is malformed$/],
    [{ ...good, recognition: "shirt" }, /^recognition is malformed$/],
    [{ ...good, recognition: { ...RECOGNITION, top: "shirt" } }, /^recognition is malformed$/],
    [{ ...good, recognition: { ...RECOGNITION, confirmedByUser: undefined } }, /^recognition is malformed$/],
    [{ ...good, recognition: { ...RECOGNITION, top: ["shirt"] } }, /^recognition is malformed$/],
    [{ ...good, recognition: { ...RECOGNITION, top: [{ category: "top", subtype: 3, confidence: 0.5 }] } }, /^recognition is malformed$/],
    [{ ...good, recognition: { ...RECOGNITION, top: [{ category: "top", subtype: "shirt" }] } }, /^recognition is malformed$/],
    [{ ...good, recognition: { ...RECOGNITION, top: [{ category: null, subtype: "shirt", confidence: 0.5 }] } }, /^recognition is malformed$/],
    [
      { ...good, recognition: { ...RECOGNITION, top: [{ category: "hat", subtype: "shirt", confidence: 0.5 }] } },
      /^recognition category has an unknown value$/,
    ],
    [{ ...good, recognition: { ...RECOGNITION, threshold: "0.93" } }, /^recognition is malformed$/],
    [{ ...good, recognition: { ...RECOGNITION, notClothing: "yes" } }, /^recognition is malformed$/],
    [{ ...good, silhouette: "Zab" }, /^silhouette is malformed$/],
    [{ ...good, silhouette: "abZ" }, /^silhouette is malformed$/],
    [{ ...good, embedding: "0.6,0.8" }, /^embedding is malformed$/],
    [{ ...good, embedding: new Array(4097).fill(0) }, /^embedding is malformed$/],
    [{ ...good, embedding: [0.6, "0.8"] }, /^embedding is malformed$/],
  ])("refuses %#", (raw, why) => {
    const r = parseItem(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(why);
  });

  it("keeps every field's value, set or empty, and adds no optional field that was absent", () => {
    const full = {
      ...good,
      seasons: ["summer", "winter"],
      occasions: ["work"],
      gender: "women",
      neckline: "v-neck",
      favourite: true,
      wearCount: 3,
      lastWornAt: 12,
      deletedAt: 13,
      material: "wool",
      brand: "Acme",
      notes: "dry clean",
    };
    expect(parseItem(full)).toEqual({ ok: true, value: full });
    // Nulls where a field may be empty.
    const empty = { ...good, purchaseDate: null, price: null, gender: null, silhouette: null, laundry: null, embeddedBy: null, wearCount: null };
    const r = parseItem(empty);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ purchaseDate: null, price: null, gender: null, silhouette: null, laundry: null, wearCount: 0 });
    expect("embeddedBy" in r.value).toBe(false);
    // Absent optional fields stay absent (a backup read back equals the one written).
    const plain = parseItem({ ...good });
    expect(plain.ok && ["silhouette", "laundry", "embeddedBy"].filter((k) => k in plain.value)).toEqual([]);
  });

  it.each([
    [{ ...good, id: "../../abcdefgh" }, /^id is missing or malformed$/],
    [{ ...good, id: "abcdefgh/../x" }, /^id is missing or malformed$/],
    [{ ...good, id: "abcdefg" }, /^id is missing or malformed$/],
    [{ ...good, updatedAt: -1 }, /^updatedAt must be a time$/],
    [{ ...good, occasions: ["party!"] }, /^occasions has an unknown value$/],
    [{ ...good, material: 5 }, /^material must be text$/],
    [{ ...good, brand: null }, /^brand must be text$/],
    [{ ...good, gender: "other" }, /^gender has an unknown value$/],
    [{ ...good, neckline: "none at all" }, /^neckline has an unknown value$/],
    [{ ...good, subtype: 5 }, /^subtype must be text$/],
    [{ ...good, purchaseDate: 20240501 }, /^purchaseDate must be text$/],
    [{ ...good, purchaseDate: "2024/05/01" }, /^purchaseDate must be YYYY-MM-DD$/],
    [{ ...good, wearCount: "3" }, /^wearCount must be a number$/],
    [{ ...good, lastWornAt: "yesterday" }, /^lastWornAt must be a number$/],
    [{ ...good, deletedAt: true }, /^deletedAt must be a number$/],
    [{ ...good, embeddedBy: 5 }, /^embeddedBy is malformed$/],
  ])("names the field it refuses %#", (raw, why) => {
    const r = parseItem(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(why);
  });

  it("lets an error that is not a validation failure through (a bug must not read as a bad file)", () => {
    const raw = { ...good };
    Object.defineProperty(raw, "name", {
      get() {
        throw new TypeError("boom");
      },
      enumerable: true,
    });
    expect(() => parseItem(raw)).toThrow("boom");
  });
});
