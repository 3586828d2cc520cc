// Words -> what to search: colour, pattern and gender words become filters (the demo
// catalog's colours and patterns are attributes, not something its greyscale pictures
// show, so the vector cannot find them), the rest goes to the text encoder.
import type { ApiColour, ApiGender, ApiPattern } from "../contract";
import { wordsOf } from "./encoder";

/** Single words and two-word phrases shoppers use, -> the catalog's colour. */
const COLOUR_WORDS: Record<string, ApiColour> = {
  black: "black",
  white: "white",
  ivory: "white",
  "off white": "white",
  grey: "grey",
  gray: "grey",
  charcoal: "grey",
  silver: "grey",
  navy: "navy",
  "navy blue": "navy",
  "dark blue": "navy",
  blue: "blue",
  "light blue": "blue",
  red: "red",
  burgundy: "red",
  maroon: "red",
  crimson: "red",
  scarlet: "red",
  pink: "pink",
  rose: "pink",
  green: "green",
  olive: "green",
  khaki: "green",
  "dark green": "green",
  beige: "beige",
  cream: "beige",
  tan: "beige",
  camel: "beige",
  sand: "beige",
  brown: "brown",
  chocolate: "brown",
  cognac: "brown",
  yellow: "yellow",
  mustard: "yellow",
  purple: "purple",
  violet: "purple",
  lilac: "purple",
  lavender: "purple",
};

const PATTERN_WORDS: Record<string, ApiPattern> = {
  plain: "plain",
  solid: "plain",
  striped: "striped",
  stripy: "striped",
  stripes: "striped",
  stripe: "striped",
  pinstripe: "striped",
  checked: "checked",
  check: "checked",
  checkered: "checked",
  plaid: "checked",
  tartan: "checked",
  gingham: "checked",
  floral: "floral",
  flowery: "floral",
  flowers: "floral",
  dotted: "dotted",
  dots: "dotted",
  spotted: "dotted",
  "polka dot": "dotted",
  "polka dots": "dotted",
};

const GENDER_WORDS: Record<string, ApiGender> = {
  women: "women",
  womens: "women",
  woman: "women",
  ladies: "women",
  lady: "women",
  female: "women",
  men: "men",
  mens: "men",
  man: "men",
  male: "men",
  gents: "men",
  unisex: "unisex",
};

/** Words that carry nothing once the filters are taken out ("women's" splits into women + s). */
const FILLER = new Set(["s", "for", "in", "a", "an", "the", "with", "and", "but", "of", "some", "pair", "like", "this", "that", "one", "colour", "color"]);

export interface ParsedQuery {
  colour?: ApiColour;
  pattern?: ApiPattern;
  gender?: ApiGender;
  /** What is left for the text encoder, in the user's order ("" when nothing is). */
  words: string;
}

/** The first colour, pattern and gender named win; later ones are left in the words. */
export function parseQuery(text: string): ParsedQuery {
  const words = wordsOf(text);
  const out: ParsedQuery = { words: "" };
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const two = i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : "";
    const w = words[i]!;
    if (!out.colour && two && COLOUR_WORDS[two]) {
      out.colour = COLOUR_WORDS[two];
      i++;
    } else if (!out.pattern && two && PATTERN_WORDS[two]) {
      out.pattern = PATTERN_WORDS[two];
      i++;
    } else if (!out.colour && COLOUR_WORDS[w]) {
      out.colour = COLOUR_WORDS[w];
    } else if (!out.pattern && PATTERN_WORDS[w]) {
      out.pattern = PATTERN_WORDS[w];
    } else if (!out.gender && GENDER_WORDS[w]) {
      out.gender = GENDER_WORDS[w];
    } else if (!FILLER.has(w)) {
      rest.push(w);
    }
  }
  out.words = rest.join(" ");
  return out;
}
