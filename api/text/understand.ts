// A validated search by words -> the query the engine runs: filters from colour,
// pattern and gender words, a vector from the text encoder (or from the item the
// shopper started from, "like this, but in red", blended with the words).
import type { TextUnderstanding } from "../contract";
import { ApiError } from "../errors";
import type { ValidQuery } from "../validate";
import { normalise } from "../search/vectors";
import { wordsOf, type TextEncoderModel } from "./encoder";
import { parseQuery } from "./query";
import type { ValidTextQuery } from "./validate";

export function understand(model: TextEncoderModel, q: ValidTextQuery, at = ""): { query: ValidQuery; understood: TextUnderstanding } {
  const parsed = parseQuery(q.text);
  const hasFilter = parsed.colour !== undefined || parsed.pattern !== undefined || parsed.gender !== undefined;
  const known = wordsOf(parsed.words).filter((w) => model.closestWord(w) !== null);
  if (!hasFilter && !q.like && known.length === 0) {
    throw new ApiError(
      "invalid_request",
      `${at}text: none of these words names a garment, colour or pattern the catalog knows (try e.g. "black ankle boots" or "navy striped shirt")`,
      `${at}text`,
    );
  }
  // Words left after the filters lead; with none left (just "red"), the whole text stands in unless an item does.
  const textVector = known.length > 0 ? model.encode(parsed.words) : q.like ? null : model.encode(q.text);
  let vector: Float32Array | null;
  if (q.like && textVector) {
    const w = q.like.weight;
    vector = normalise(Array.from(q.like.query, (x, j) => w * x + (1 - w) * textVector[j]!));
  } else vector = q.like?.query ?? textVector;
  if (!vector) throw new ApiError("invalid_request", `${at}text: has nothing to search for`, `${at}text`);
  const gender = q.gender ?? parsed.gender;
  const query: ValidQuery = {
    query: vector,
    k: q.k,
    ...(q.category ? { category: q.category } : {}),
    ...(gender ? { gender } : {}),
    ...(parsed.colour ? { colour: parsed.colour } : {}),
    ...(parsed.pattern ? { pattern: parsed.pattern } : {}),
  };
  const understood: TextUnderstanding = {
    words: known.length > 0 ? parsed.words : "",
    ...(parsed.colour ? { colour: parsed.colour } : {}),
    ...(parsed.pattern ? { pattern: parsed.pattern } : {}),
    ...(gender ? { gender } : {}),
    ...(q.category ? { category: q.category } : {}),
  };
  return { query, understood };
}
