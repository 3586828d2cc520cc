import { describe, expect, it } from "vitest";
import { newItem } from "./item";
import { parseItem } from "./validate";

const good = newItem("0f8fad5b-d9cb-469f-a165-70867728950e", 10, { category: "top", subtype: "shirt", price: 20, purchaseDate: "2024-05-01" });

describe("parseItem", () => {
  it("accepts a well-formed item unchanged", () => {
    expect(parseItem(JSON.parse(JSON.stringify(good)))).toEqual({ ok: true, value: good });
  });
  it.each([
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
