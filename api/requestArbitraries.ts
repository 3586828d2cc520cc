/**
 * fast-check arbitraries for the endpoint's request property tests
 * (validation.property.test.ts): valid single and batch searches for the shipped
 * embedder, and structural and byte-level edits that turn them into near-misses.
 */
import fc from "fast-check";
import { API_CATEGORIES, API_GENDERS, MAX_K } from "./contract";
import { catalogPresent, manifestEmbedder } from "./testkit";

export const embedder = catalogPresent ? manifestEmbedder() : { name: "", version: 0 };
const number = fc.oneof(fc.double({ min: -1, max: 1, noNaN: true }), fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(0, -0, 1e-300, 3.4e38));
export const query = fc.record(
  {
    embedding: fc.array(number, { minLength: 128, maxLength: 128 }),
    embedder: fc.constant(embedder),
    k: fc.integer({ min: 1, max: MAX_K }),
    category: fc.constantFrom(...API_CATEGORIES),
    gender: fc.constantFrom(...API_GENDERS),
  },
  { requiredKeys: ["embedding", "embedder"] },
);
export const batch = fc.record({ queries: fc.array(query, { minLength: 1, maxLength: 4 }) });

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path into a JSON value (object keys and array positions). */
export function paths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

export type Edit = { op: "replace" | "delete" | "add-key" | "grow" | "shrink"; at: number; value: Json; key: string };
export const edit: fc.Arbitrary<Edit> = fc.record({
  op: fc.constantFrom("replace", "delete", "add-key", "grow", "shrink"),
  at: fc.nat(),
  value: fc.oneof(
    fc.jsonValue() as fc.Arbitrary<Json>,
    fc.constantFrom<Json>(null, "", "NaN", 1e308, -1, 0, 51, 1.5, [], {}, "women", "shoes", { name: embedder.name, version: embedder.version + 1 }),
  ),
  key: fc.oneof(fc.constantFrom("__proto__", "constructor", "k", "embedding", "catgory", "queries", ""), fc.string({ maxLength: 12 })),
});

/** A structural change at a random place of a valid body (which often stays valid). */
export function applyEdit(body: Json, e: Edit): Json {
  const root = structuredClone(body);
  const all = paths(root);
  const path = all[e.at % all.length]!;
  if (path.length === 0) return e.op === "replace" ? e.value : root;
  const parent = path.slice(0, -1).reduce<Json>((v, k) => (v as Record<string | number, Json>)[k]!, root) as Record<string | number, Json> | Json[];
  const last = path.at(-1)!;
  const target = (parent as Record<string | number, Json>)[last]!;
  switch (e.op) {
    case "replace":
      (parent as Record<string | number, Json>)[last] = e.value;
      break;
    case "delete":
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last as string];
      break;
    case "add-key":
      if (target && typeof target === "object" && !Array.isArray(target))
        Object.defineProperty(target, e.key, { value: e.value, enumerable: true, writable: true, configurable: true });
      break;
    case "grow":
      if (Array.isArray(target)) target.push(e.value);
      break;
    case "shrink":
      if (Array.isArray(target)) target.pop();
      break;
  }
  return root;
}

export type TextEdit = { op: "truncate" | "insert" | "flip" | "number" | "bom" | "bad-utf8" | "dup-key"; at: number; text: string; byte: number };
export const textEdit: fc.Arbitrary<TextEdit> = fc.record({
  op: fc.constantFrom("truncate", "insert", "flip", "number", "bom", "bad-utf8", "dup-key"),
  at: fc.nat(),
  text: fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom("1e999", "-1e999", "NaN", "Infinity", "\u0000", "\\u0000", "\\ud800", "]", "}", ",", '"', "{", "[".repeat(2000)),
  ),
  byte: fc.integer({ min: 0, max: 255 }),
});

/** A change to the bytes of the JSON text (most of these are not JSON any more). */
export function applyTextEdit(bytes: Uint8Array, e: TextEdit): Uint8Array {
  const at = e.at % (bytes.length + 1);
  const b = Buffer.from(bytes);
  switch (e.op) {
    case "truncate":
      return b.subarray(0, at);
    case "insert":
      return Buffer.concat([b.subarray(0, at), Buffer.from(e.text, "utf8"), b.subarray(at)]);
    case "flip": {
      if (b.length) b[at % b.length] = e.byte;
      return b;
    }
    case "number":
      return Buffer.from(b.toString("latin1").replace(/-?\d+(\.\d+)?(e-?\d+)?/, e.text), "latin1");
    case "bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]);
    case "bad-utf8":
      return Buffer.concat([b.subarray(0, at), Buffer.from([0xc3, 0x28, e.byte | 0x80]), b.subarray(at)]);
    case "dup-key":
      return Buffer.from(b.toString("latin1").replace(/^\{/, `{"k":${e.byte},`), "latin1");
  }
}
