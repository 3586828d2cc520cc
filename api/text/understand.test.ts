// understand(): which vector a search by words runs, and what it says it understood, with the
// real text encoder (api/text) and no catalog.
import { beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "../errors";
import { normalise } from "../search/vectors";
import { loadTextEncoder, type TextEncoderModel } from "./encoder";
import { understand } from "./understand";
import type { ValidTextQuery } from "./validate";

let model: TextEncoderModel;
beforeAll(async () => {
  model = await loadTextEncoder("api/text");
});

const q = (text: string, over: Partial<ValidTextQuery> = {}): ValidTextQuery => ({ text, k: 12, ...over });
/** A unit vector no text encodes to. */
const item = () => normalise(Array.from({ length: 128 }, (_, j) => Math.cos(3 * j)))!;
const close = (a: Float32Array, b: Float32Array) => a.forEach((x, j) => expect(Math.abs(x - b[j]!), `[${j}]`).toBeLessThan(1e-6));

describe("understand", () => {
  it("searches the garment words, the filters taken out", () => {
    const { query, understood } = understand(model, q("red striped dress for women"));
    close(query.query, model.encode("dress")!);
    expect(query).toMatchObject({ k: 12, colour: "red", pattern: "striped", gender: "women" });
    expect(understood).toStrictEqual({ words: "dress", colour: "red", pattern: "striped", gender: "women" });
  });

  it("with a filter alone, searches the whole text and says no words were used", () => {
    for (const [text, filter] of [
      ["red", { colour: "red" }],
      ["striped", { pattern: "striped" }],
      ["for men", { gender: "men" }],
    ] as const) {
      const { query, understood } = understand(model, q(text));
      close(query.query, model.encode(text)!);
      expect(understood, text).toStrictEqual({ words: "", ...filter });
      expect(query, text).toMatchObject(filter);
    }
  });

  it("refuses words that name nothing the catalog knows, unless an item is given", () => {
    let error: unknown;
    try {
      understand(model, q("qzxv wkpj"), "queries[2].");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "invalid_request", field: "queries[2].text" });
    expect((error as Error).message).toMatch(/^queries\[2\]\.text: none of these words names a garment, colour or pattern/);
    const like = { query: item(), weight: 0.7 };
    const { query, understood } = understand(model, q("qzxv wkpj", { like }));
    expect(query.query).toBe(like.query);
    expect(understood).toStrictEqual({ words: "" });
  });

  it("'like this, but in red': the item's vector with the colour as a filter", () => {
    const like = { query: item(), weight: 0.7 };
    const { query, understood } = understand(model, q("like this but in red", { like, category: "top", gender: "men" }));
    expect(query.query).toBe(like.query);
    expect(query).toMatchObject({ colour: "red", category: "top", gender: "men" });
    expect(understood).toStrictEqual({ words: "", colour: "red", gender: "men", category: "top" });
  });

  it("blends the item with the garment words by the weight", () => {
    const like = { query: item(), weight: 0.7 };
    const text = model.encode("boots")!;
    const { query, understood } = understand(model, q("boots", { like }));
    close(query.query, normalise(Array.from(like.query, (x, j) => 0.7 * x + 0.3 * text[j]!))!);
    expect(understood).toStrictEqual({ words: "boots" });
    close(understand(model, q("boots", { like: { ...like, weight: 1 } })).query.query, like.query);
    close(understand(model, q("boots", { like: { ...like, weight: 0 } })).query.query, text);
  });

  it("an explicit gender wins over one in the words", () => {
    const { query, understood } = understand(model, q("women's coat", { gender: "men" }));
    expect(query.gender).toBe("men");
    expect(understood.gender).toBe("men");
  });
});
