// parseQuery on its own (no encoder): which words become filters, in what order they win,
// and what is left for the text encoder.
import { describe, expect, it } from "vitest";
import { parseQuery } from "./query";

describe("parseQuery: shoppers' words for each colour", () => {
  const colours: Record<string, string[]> = {
    black: ["black"],
    white: ["white", "ivory", "off white"],
    grey: ["grey", "gray", "charcoal", "silver"],
    navy: ["navy", "navy blue", "dark blue"],
    blue: ["blue", "light blue"],
    red: ["red", "burgundy", "maroon", "crimson", "scarlet"],
    pink: ["pink", "rose"],
    green: ["green", "olive", "khaki", "dark green"],
    beige: ["beige", "cream", "tan", "camel", "sand"],
    brown: ["brown", "chocolate", "cognac"],
    yellow: ["yellow", "mustard"],
    purple: ["purple", "violet", "lilac", "lavender"],
  };
  for (const [colour, words] of Object.entries(colours))
    it(`${words.join(", ")} -> ${colour}`, () => {
      for (const w of words) expect(parseQuery(`${w} coat`), w).toEqual({ colour, words: "coat" });
    });
});

describe("parseQuery: patterns and genders", () => {
  it("takes every pattern word, one- and two-word", () => {
    const patterns: Record<string, string[]> = {
      plain: ["plain", "solid"],
      striped: ["striped", "stripy", "stripes", "stripe", "pinstripe"],
      checked: ["checked", "check", "checkered", "plaid", "tartan", "gingham"],
      floral: ["floral", "flowery", "flowers"],
      dotted: ["dotted", "dots", "spotted", "polka dot", "polka dots"],
    };
    for (const [pattern, words] of Object.entries(patterns)) for (const w of words) expect(parseQuery(`${w} skirt`), w).toEqual({ pattern, words: "skirt" });
  });

  it("takes every gender word, possessives included", () => {
    const genders: Record<string, string[]> = {
      women: ["women", "womens", "woman", "ladies", "lady", "female", "women's"],
      men: ["men", "mens", "man", "male", "gents", "men's"],
      unisex: ["unisex"],
    };
    for (const [gender, words] of Object.entries(genders)) for (const w of words) expect(parseQuery(`${w} jacket`), w).toEqual({ gender, words: "jacket" });
  });
});

describe("parseQuery: order and phrases", () => {
  it("reads a two-word phrase before its single words", () => {
    // "navy blue" is navy, and "blue" is not left over for the encoder.
    expect(parseQuery("navy blue jumper")).toEqual({ colour: "navy", words: "jumper" });
    expect(parseQuery("dark green parka")).toEqual({ colour: "green", words: "parka" });
    // Unknown pairs fall back to single words: "dark" is left for the encoder.
    expect(parseQuery("dark red dress")).toEqual({ colour: "red", words: "dark dress" });
    expect(parseQuery("polka dress")).toEqual({ words: "polka dress" });
  });

  it("reads a phrase in the last two words, and a single word at the very end", () => {
    expect(parseQuery("dress in light blue")).toEqual({ colour: "blue", words: "dress" });
    expect(parseQuery("blouse with polka dots")).toEqual({ pattern: "dotted", words: "blouse" });
    expect(parseQuery("dress red")).toEqual({ colour: "red", words: "dress" });
    expect(parseQuery("red")).toEqual({ colour: "red", words: "" });
  });

  it("keeps the first colour, pattern and gender; later ones go to the encoder", () => {
    expect(parseQuery("red and blue dress")).toEqual({ colour: "red", words: "blue dress" });
    expect(parseQuery("striped checked shirt")).toEqual({ pattern: "striped", words: "checked shirt" });
    expect(parseQuery("men women shirt")).toEqual({ gender: "men", words: "women shirt" });
    // A second two-word colour after the first: not taken, both its words stay.
    expect(parseQuery("black or navy blue coat")).toEqual({ colour: "black", words: "or navy blue coat" });
    expect(parseQuery("plain polka dot scarf")).toEqual({ pattern: "plain", words: "polka dot scarf" });
  });

  it("a colour then a pattern phrase, a pattern then a colour phrase", () => {
    expect(parseQuery("red polka dot dress")).toEqual({ colour: "red", pattern: "dotted", words: "dress" });
    expect(parseQuery("striped off white shirt")).toEqual({ colour: "white", pattern: "striped", words: "shirt" });
  });

  it("drops filler words and punctuation, keeps the rest in the user's order", () => {
    expect(parseQuery("A pair of the Ankle-Boots, for the one with this colour!")).toEqual({ words: "ankle boots" });
    expect(parseQuery("some leather boots like that but in tan")).toEqual({ colour: "beige", words: "leather boots" });
    expect(parseQuery("")).toEqual({ words: "" });
    expect(parseQuery("trainers 2024")).toEqual({ words: "trainers 2024" });
  });
});
