// The text encoder and search by words: TypeScript inference matches train.py's parity
// vectors, the query parser finds colours, patterns and genders, and the endpoint
// answers "black ankle boots" with black boots, validates like /v1/search does, and
// combines an item with a colour ("like this, but in red").
import { describe, expect, it } from "vitest";
import { API_CATEGORIES } from "../contract";
import type { ApiErrorBody, TextSearchResponse, BatchTextSearchResponse } from "../contract";
import { createHandler } from "../handler";
import { CLASSES } from "../catalog/products";
import { loadCatalog } from "../catalog/load";
import { catalogPresent, CATALOG_DIR, catalogVector, manifestEmbedder, options } from "../testkit";
import { loadTextEncoder } from "./encoder";
import { parseQuery } from "./query";

describe("text encoder", () => {
  it("matches train.py's vectors (parity, 1e-4)", async () => {
    const model = await loadTextEncoder("api/text");
    expect(model.meta.parity.length).toBeGreaterThan(3);
    for (const p of model.meta.parity) {
      const v = model.encode(p.text)!;
      p.vector.forEach((x, j) => expect(Math.abs(v[j]! - x), `${p.text}[${j}]`).toBeLessThan(1e-4));
    }
  });

  it("puts each kind's words nearest that kind, synonyms and misspellings included", async () => {
    const model = await loadTextEncoder("api/text");
    const kinds = ["t-shirt", "trousers", "sweater", "dress", "coat", "sandals", "shirt", "sneakers", "bag", "ankle boots"];
    const probe = (text: string) => {
      const v = model.encode(text)!;
      const centres = kinds.map((k) => model.encode(`a photo of a ${k}`)!);
      const sims = centres.map((c) => c.reduce((s, x, j) => s + x * v[j]!, 0));
      return kinds[sims.indexOf(Math.max(...sims))];
    };
    expect(probe("jeans")).toBe("trousers");
    expect(probe("trainers")).toBe("sneakers");
    expect(probe("snekers")).toBe("sneakers");
    expect(probe("pumps")).toBe("sandals");
    expect(probe("jumper")).toBe("sweater");
    expect(probe("tote")).toBe("bag");
  });
});

describe("parseQuery", () => {
  it("takes colour, pattern and gender words out as filters, leaving the garment words", () => {
    expect(parseQuery("Black ankle boots")).toEqual({ colour: "black", words: "ankle boots" });
    expect(parseQuery("navy striped shirt for men")).toEqual({ colour: "navy", pattern: "striped", gender: "men", words: "shirt" });
    expect(parseQuery("women's light blue polka dot dress")).toEqual({ colour: "blue", pattern: "dotted", gender: "women", words: "dress" });
    expect(parseQuery("gray plaid coat")).toEqual({ colour: "grey", pattern: "checked", words: "coat" });
    expect(parseQuery("like this, but in red")).toEqual({ colour: "red", words: "" });
  });
});

describe("attribute filter alone (the comparison of the model card)", () => {
  it("picks a word's category, which holds its kind's products only 60 % of the time (vs 0.97 for the encoder's top 10)", () => {
    const perCategory = new Map<string, number>();
    for (const c of CLASSES) perCategory.set(c.category, (perCategory.get(c.category) ?? 0) + 1);
    // Fashion-MNIST has 6,000 of each kind: a category's share of one kind is 1 / its kinds.
    const precision = CLASSES.reduce((s, c) => s + 1 / perCategory.get(c.category)!, 0) / CLASSES.length;
    expect(precision).toBeCloseTo(0.6, 5);
  });
});

describe.skipIf(!catalogPresent)("POST /v1/search/text", () => {
  const api = createHandler(options({ textModelDir: "api/text" }));
  const post = async (path: string, body: unknown) => {
    const res = await api.handle(
      new Request(`http://x${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    );
    return { status: res.status, body: (await res.json()) as unknown };
  };

  it("black ankle boots -> boots, all black", async () => {
    await api.service.ready;
    const r = await post("/v1/search/text", { text: "black ankle boots", k: 10 });
    expect(r.status).toBe(200);
    const body = r.body as TextSearchResponse;
    expect(body.understood).toEqual({ colour: "black", words: "ankle boots" });
    expect(body.results).toHaveLength(10);
    for (const h of body.results) {
      expect(h.product.colour).toBe("black");
      expect(h.product.subtype).toBe("boots");
    }
  });

  it("red dress -> red dresses (colour precision in the top 10), navy striped shirt for men -> men's or unisex navy striped shirts", async () => {
    const red = (await post("/v1/search/text", { text: "red dress", k: 10 })).body as TextSearchResponse;
    expect(red.results.filter((h) => h.product.colour === "red" && h.product.subtype === "dress")).toHaveLength(10);
    const shirts = (await post("/v1/search/text", { text: "navy striped shirt for men", k: 5 })).body as TextSearchResponse;
    for (const h of shirts.results) {
      expect(h.product).toMatchObject({ colour: "navy", pattern: "striped", subtype: "shirt" });
      expect(["men", "unisex"]).toContain(h.product.gender);
    }
  });

  it("like this, but in red: the item's kind, in red", async () => {
    const catalog = await loadCatalog(CATALOG_DIR);
    const item = [...catalog.labels].indexOf(7); // a sneaker
    const r = await post("/v1/search/text", { text: "red", like: { embedding: catalogVector(catalog, item), embedder: manifestEmbedder() }, k: 8 });
    expect(r.status).toBe(200);
    const body = r.body as TextSearchResponse;
    expect(body.understood.colour).toBe("red");
    for (const h of body.results) expect(h.product).toMatchObject({ colour: "red", subtype: "sneakers" });
  });

  it("answers a batch in order, each as the single search", async () => {
    const r = await post("/v1/search/text/batch", {
      queries: [
        { text: "jeans", k: 3 },
        { text: "white trainers", k: 3, category: "shoes" },
      ],
    });
    expect(r.status).toBe(200);
    const b = r.body as BatchTextSearchResponse;
    expect(b.results.map((x) => x.results.map((h) => h.product.id))).toEqual([
      ((await post("/v1/search/text", { text: "jeans", k: 3 })).body as TextSearchResponse).results.map((h) => h.product.id),
      ((await post("/v1/search/text", { text: "white trainers", k: 3, category: "shoes" })).body as TextSearchResponse).results.map((h) => h.product.id),
    ]);
    expect(API_CATEGORIES).toContain(b.results[1]!.results[0]!.product.category);
  });

  const refusals: [string, unknown, number, string][] = [
    ["no text", { k: 3 }, 400, "text"],
    ["text not a string", { text: 3 }, 400, "text"],
    ["empty text", { text: "   " }, 400, "text"],
    ["too long", { text: "boots ".repeat(40) }, 400, "text"],
    ["no letters", { text: "?!" }, 400, "text"],
    ["control characters", { text: "boots\u0000" }, 400, "text"],
    ["unknown words only", { text: "qwzx vbnm" }, 400, "text"],
    ["unknown field", { text: "boots", colour: "red" }, 400, "colour"],
    ["k out of range", { text: "boots", k: 51 }, 400, "k"],
    ["bad category", { text: "boots", category: "hats" }, 400, "category"],
    ["like without embedder", { text: "red", like: { embedding: Array(128).fill(0.1) } }, 400, "like.embedder"],
    [
      "like from another model",
      { text: "red", like: { embedding: Array(128).fill(0.1), embedder: { name: "garment-embedder", version: 999 } } },
      409,
      "like.embedder",
    ],
    ["like weight out of range", { text: "red", like: { embedding: Array(128).fill(0.1), embedder: manifestEmbedder(), weight: 2 } }, 400, "like.weight"],
    ["like zero vector", { text: "red", like: { embedding: Array(128).fill(0), embedder: manifestEmbedder() } }, 400, "like.embedding"],
  ];
  it.each(refusals)("refuses %s with a contract error naming the field", async (_, body, status, field) => {
    const r = await post("/v1/search/text", body);
    expect(r.status).toBe(status);
    expect((r.body as ApiErrorBody).error.field).toBe(field);
  });

  it("names the query of a batch that is wrong", async () => {
    const r = await post("/v1/search/text/batch", { queries: [{ text: "boots" }, { text: "" }] });
    expect(r.status).toBe(400);
    expect((r.body as ApiErrorBody).error.field).toBe("queries[1].text");
  });

  it("is 503 not_ready, saying why, when the server has no text encoder", async () => {
    const bare = createHandler(options({ textModelDir: "/nonexistent" }));
    await bare.service.ready;
    const res = await bare.handle(
      new Request("http://x/v1/search/text", { method: "POST", headers: { "content-type": "application/json" }, body: '{"text":"boots"}' }),
    );
    expect(res.status).toBe(503);
    expect(((await res.json()) as ApiErrorBody).error.message).toMatch(/unavailable/);
  });
});
