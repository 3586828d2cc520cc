// The validators called directly: for each kind of bad request, the exact field and words a
// client gets (the HTTP side and the property tests are errors.test.ts and
// validation.property.test.ts).
import { describe as group, expect, it } from "vitest";
import { DEFAULT_K, MAX_BATCH, MAX_TEXT_CHARS, type EmbedderRef } from "./contract";
import { ApiError } from "./errors";
import { checkContentType, describe, parseJson, validateBatch, validateSearch } from "./validate";
import { validateTextBatch, validateTextSearch } from "./text/validate";

const embedder: EmbedderRef = { name: "embedder", version: 6 };
const unit = () => Array.from({ length: 128 }, (_, i) => (i === 0 ? 1 : 0));

function refusal(f: () => unknown): { code: string; field?: string; message: string } {
  try {
    f();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { code: e.code, ...(e.field === undefined ? {} : { field: e.field }), message: e.message };
  }
  throw new Error("accepted");
}

/** Each [body, field, words] case is refused as invalid_request at that field, with those words. */
function expectRefusals(validate: (body: unknown) => unknown, cases: [unknown, string, string][]): void {
  for (const [body, field, message] of cases)
    expect(
      refusal(() => validate(body)),
      field,
    ).toEqual({ code: "invalid_request", field, message: `${field}: ${message}` });
}

group("describe", () => {
  it("names what a client sent, briefly", () => {
    expect(describe(null)).toBe("null");
    expect(describe([1])).toBe("an array");
    expect(describe({})).toBe("an object");
    expect(describe("short")).toBe('the string "short"');
    expect(describe("x".repeat(21))).toBe(`the string "${"x".repeat(20)}…"`);
    expect(describe("x".repeat(20))).toBe(`the string "${"x".repeat(20)}"`);
    expect(describe(3)).toBe("number 3");
    expect(describe(true)).toBe("boolean true");
    expect(describe(undefined)).toBe("undefined undefined");
  });
});

group("content type and JSON", () => {
  it("takes JSON with parameters and any case, refuses the rest naming what came", () => {
    checkContentType("Application/JSON ; charset=utf-8");
    expect(refusal(() => checkContentType("text/plain"))).toEqual({
      code: "unsupported_media_type",
      message: 'Content-Type must be application/json, got "text/plain"',
    });
    expect(refusal(() => checkContentType(null)).message).toBe("Content-Type must be application/json, got none");
  });

  it("refuses bytes that are not UTF-8 apart from bytes that are not JSON", () => {
    expect(refusal(() => parseJson(new Uint8Array([0x7b, 0xff, 0x7d])))).toEqual({ code: "invalid_json", message: "the body is not valid UTF-8" });
    expect(refusal(() => parseJson(new TextEncoder().encode("{"))).message).toMatch(/^the body is not valid JSON \(.+\)$/);
    expect(parseJson(new TextEncoder().encode('{"é":1}'))).toEqual({ é: 1 });
  });
});

group("validateSearch", () => {
  const ok = () => ({ embedding: unit(), embedder });

  it("keeps only the filters that were given", () => {
    expect(validateSearch(ok(), embedder)).toStrictEqual({ query: new Float32Array(unit()), k: DEFAULT_K });
    expect(validateSearch({ ...ok(), k: 50, category: "shoes", gender: "men", colour: "red", pattern: "striped" }, embedder)).toStrictEqual({
      query: new Float32Array(unit()),
      k: 50,
      category: "shoes",
      gender: "men",
      colour: "red",
      pattern: "striped",
    });
  });

  it("names the field and the problem", () => {
    const cases: [unknown, string, string][] = [
      [[], "(body)", "must be a JSON object, got an array"],
      [{ ...ok(), colour: "red", extra: 1 }, "extra", "unknown field (allowed: embedding, embedder, k, category, gender, colour, pattern)"],
      [{ embedding: unit() }, "embedder", `required: the model that made the embedding, e.g. ${JSON.stringify(embedder)}`],
      [{ ...ok(), embedder: "embedder" }, "embedder", 'must be an object {name, version}, got the string "embedder"'],
      [{ ...ok(), embedder: { name: 1, version: 6 } }, "embedder.name", "must be a string, got number 1"],
      [{ ...ok(), embedder: { name: "embedder", version: "6" } }, "embedder.version", 'must be an integer, got the string "6"'],
      [{ embedder }, "embedding", "required: 128 numbers"],
      [{ embedder, embedding: "x" }, "embedding", 'must be an array of 128 numbers, got the string "x"'],
      [{ embedder, embedding: [1, 2] }, "embedding", "must have exactly 128 numbers, got 2"],
      [{ ...ok(), k: 51 }, "k", "must be an integer from 1 to 50, got number 51"],
      [{ ...ok(), k: 0 }, "k", "must be an integer from 1 to 50, got number 0"],
      [
        { ...ok(), colour: "teal" },
        "colour",
        'must be one of black, white, grey, navy, blue, red, pink, green, beige, brown, yellow, purple, got the string "teal"',
      ],
      [{ ...ok(), pattern: 1 }, "pattern", "must be one of plain, striped, checked, floral, dotted, got number 1"],
      [{ ...ok(), gender: "kids" }, "gender", 'must be one of women, men, unisex, got the string "kids"'],
    ];
    expectRefusals((body) => validateSearch(body, embedder), cases);
  });

  it("names the query of a batch, and the batch's own problems", () => {
    expect(refusal(() => validateBatch({ queries: [ok(), { ...ok(), k: "9" }] }, embedder)).field).toBe("queries[1].k");
    expect(refusal(() => validateBatch({ queries: [ok(), []] }, embedder)).field).toBe("queries[1]");
    expect(refusal(() => validateBatch({ queries: [{ ...ok(), nope: 1 }] }, embedder)).field).toBe("queries[0].nope");
    expect(refusal(() => validateBatch([], embedder))).toEqual({
      code: "invalid_request",
      field: "(body)",
      message: "(body): must be a JSON object {queries: [...]}, got an array",
    });
    expect(refusal(() => validateBatch({ queries: {} }, embedder)).message).toBe(
      `queries: must be an array of 1 to ${MAX_BATCH} search requests, got an object`,
    );
    expect(refusal(() => validateBatch({ queries: [] }, embedder)).message).toBe(`queries: must hold 1 to ${MAX_BATCH} queries, got 0`);
    expect(validateBatch({ queries: Array.from({ length: MAX_BATCH }, ok) }, embedder)).toHaveLength(MAX_BATCH);
  });
});

group("validateTextSearch", () => {
  it("returns the text NFC-normalised and trimmed, with only what was given", () => {
    expect(validateTextSearch({ text: "  cafe\u0301 jumper\n" }, embedder)).toStrictEqual({ text: "café jumper", k: DEFAULT_K });
    const like = validateTextSearch({ text: "in red", like: { embedding: unit(), embedder }, k: 5, category: "top", gender: "women" }, embedder);
    expect(like).toStrictEqual({ text: "in red", like: { query: new Float32Array(unit()), weight: 0.7 }, k: 5, category: "top", gender: "women" });
    expect(validateTextSearch({ text: "x", like: { embedding: unit(), embedder, weight: 0 } }, embedder).like?.weight).toBe(0);
    expect(validateTextSearch({ text: "42" }, embedder).text).toBe("42");
  });

  it("takes up to the longest text, counting characters, not UTF-16 units", () => {
    expect(validateTextSearch({ text: "a".repeat(MAX_TEXT_CHARS) }, embedder).text).toHaveLength(MAX_TEXT_CHARS);
    expect(validateTextSearch({ text: "𝐀".repeat(MAX_TEXT_CHARS) }, embedder).text).toHaveLength(2 * MAX_TEXT_CHARS);
    expect(refusal(() => validateTextSearch({ text: "a".repeat(MAX_TEXT_CHARS + 1) }, embedder)).message).toBe(
      `text: must be at most ${MAX_TEXT_CHARS} characters, got ${MAX_TEXT_CHARS + 1}`,
    );
  });

  it("names the field and the problem", () => {
    const cases: [unknown, string, string][] = [
      [[], "(body)", "must be a JSON object, got an array"],
      [{}, "text", 'required: the words to search for, e.g. "black ankle boots"'],
      [{ text: 5 }, "text", "must be a string, got number 5"],
      [{ text: "  \n " }, "text", "is empty: type what you are looking for"],
      [{ text: "red\u0000dress" }, "text", "must not contain control characters"],
      [{ text: "!!! ???" }, "text", "has no letter or digit to search for"],
      [{ text: "x", lang: "en" }, "lang", "unknown field (allowed: text, like, k, category, gender)"],
      [{ text: "x", like: [] }, "like", "must be an object {embedding, embedder, weight?}, got an array"],
      [{ text: "x", like: { embedding: unit(), embedder, extra: 1 } }, "like.extra", "unknown field (allowed: embedding, embedder, weight)"],
      [{ text: "x", like: { embedding: unit() } }, "like.embedder", `required: the model that made the embedding, e.g. ${JSON.stringify(embedder)}`],
      [{ text: "x", like: { embedder } }, "like.embedding", "required: 128 numbers"],
      [{ text: "x", like: { embedding: unit(), embedder, weight: 1.5 } }, "like.weight", "must be a number from 0 to 1, got number 1.5"],
      [{ text: "x", like: { embedding: unit(), embedder, weight: -0.1 } }, "like.weight", "must be a number from 0 to 1, got number -0.1"],
      [{ text: "x", k: 99 }, "k", "must be an integer from 1 to 50, got number 99"],
      [{ text: "x", category: "hat" }, "category", 'must be one of top, bottom, dress, outerwear, shoes, bag, accessory, got the string "hat"'],
      [{ text: "x", gender: "girls" }, "gender", 'must be one of women, men, unisex, got the string "girls"'],
    ];
    expectRefusals((body) => validateTextSearch(body, embedder), cases);
  });

  it("names the query of a batch, and the batch's own problems", () => {
    const ok = { text: "black boots" };
    expect(refusal(() => validateTextBatch({ queries: [ok, 7] }, embedder))).toEqual({
      code: "invalid_request",
      field: "queries[1]",
      message: "queries[1]: must be a JSON object, got number 7",
    });
    expect(refusal(() => validateTextBatch({ queries: [ok, { ...ok, zz: 1 }] }, embedder)).field).toBe("queries[1].zz");
    expect(refusal(() => validateTextBatch({ queries: [{ ...ok, gender: "x" }] }, embedder)).field).toBe("queries[0].gender");
    expect(refusal(() => validateTextBatch({ queries: [{ ...ok, like: 1 }] }, embedder)).field).toBe("queries[0].like");
    expect(refusal(() => validateTextBatch("q", embedder))).toEqual({
      code: "invalid_request",
      field: "(body)",
      message: '(body): must be a JSON object {queries: [...]}, got the string "q"',
    });
    expect(refusal(() => validateTextBatch({ queries: "q" }, embedder)).message).toBe(
      `queries: must be an array of 1 to ${MAX_BATCH} text searches, got the string "q"`,
    );
    expect(refusal(() => validateTextBatch({ queries: Array(MAX_BATCH + 1).fill(ok) }, embedder)).message).toBe(
      `queries: must hold 1 to ${MAX_BATCH} queries, got ${MAX_BATCH + 1}`,
    );
    expect(refusal(() => validateTextBatch({ queries: [], more: 1 }, embedder)).field).toBe("more");
    expect(validateTextBatch({ queries: [ok, ok] }, embedder)).toHaveLength(2);
  });
});
