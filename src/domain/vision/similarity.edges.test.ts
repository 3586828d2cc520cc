/**
 * Similarity and the personal head at their edges: cosine's common prefix and zero vectors,
 * the silhouette hash's exact bits, Hamming over unequal lengths, the near-duplicate rule's
 * early exits, the kind key, and the mean of the top-k examples that weighs a taught kind.
 */
import { describe, expect, it } from "vitest";
import { kindKey, memoryFrom, personalise, type KindProbability } from "./personal";
import { cosine, hammingHex, isNearDuplicate, nearestItems, silhouetteHash } from "./similarity";

describe("cosine", () => {
  it("is the angle's cosine whatever the lengths of the vectors", () => {
    expect(cosine([2, 0], [3, 4])).toBeCloseTo(0.6, 12);
    expect(cosine([0, 5], [3, 4])).toBeCloseTo(0.8, 12);
  });

  it("reads vectors of different sizes over their common prefix, and a zero vector as 0", () => {
    expect(cosine([1, 0, 7], [1, 0])).toBe(1);
    expect(cosine([0, 0], [1, 1])).toBe(0);
    expect(cosine([1, 1], [0, 0])).toBe(0);
    expect(cosine([], [])).toBe(0);
  });
});

describe("silhouetteHash", () => {
  const tensor = (on: (x: number, y: number) => boolean) => {
    const t = new Float32Array(784);
    for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) t[y * 28 + x] = on(x, y) ? 1 : 0;
    return t;
  };
  it("sets a bit per 8 × 8 block brighter than the blocks' mean, row by row, four bits a hex digit", () => {
    expect(silhouetteHash(tensor((x) => x < 14))).toBe("f0f0f0f0f0f0f0f0");
    expect(silhouetteHash(tensor((_x, y) => y < 14))).toBe("ffffffff00000000");
    // Only the top-left block lit: the first bit.
    expect(silhouetteHash(tensor((x, y) => x < 3 && y < 3))).toBe("8000000000000000");
    // An empty input: every block equals the mean, no bit set.
    expect(silhouetteHash(tensor(() => false))).toBe("0000000000000000");
    // Blocks are 3 or 4 pixels wide (28 = 8 blocks), so a uniform input lights the wider ones.
    expect(silhouetteHash(tensor(() => true))).toBe("aa00aa00aa00aa00");
  });
});

describe("hammingHex", () => {
  it("counts differing bits, and four for every digit one hash lacks", () => {
    expect(hammingHex("0f", "00")).toBe(4);
    expect(hammingHex("f0", "0f")).toBe(8);
    expect(hammingHex("f", "")).toBe(4);
    expect(hammingHex("", "ab")).toBe(8);
    expect(hammingHex("a", "a")).toBe(0);
  });
});

describe("near duplicates and neighbours", () => {
  const colours = [{ hex: "#1F2A44", name: "navy", share: 0.9 }];
  const item = (id: string, embedding: number[] | null) => ({ id, embedding, colours, silhouette: "f0f0f0f0f0f0f0f0" });
  it("needs both embeddings, and cosine at least the threshold", () => {
    expect(isNearDuplicate(item("a", null), item("b", [1, 0]))).toBe(false);
    expect(isNearDuplicate(item("a", [1, 0]), item("b", null))).toBe(false);
    expect(isNearDuplicate(item("a", [1, 0]), item("b", [1, 0]))).toBe(true);
    // cos = 0.96 < 0.97, everything else identical.
    expect(isNearDuplicate(item("a", [1, 0]), item("b", [0.96, Math.sqrt(1 - 0.96 ** 2)]))).toBe(false);
  });

  it("a query without an embedding has no neighbours", () => {
    expect(nearestItems(item("q", null), [item("a", [1, 0])])).toEqual([]);
    expect(nearestItems(item("q", [1, 0]), [item("a", [1, 0]), item("q", [1, 0]), item("n", null)]).map((n) => n.item.id)).toEqual(["a"]);
  });
});

describe("the personal head", () => {
  it("keys a kind by category and lower-case subtype", () => {
    expect(kindKey("top", "T-Shirt")).toBe("top/t-shirt");
    expect(kindKey(null, null)).toBe("none/");
  });

  it("keeps a zero example as it is (no division by zero)", () => {
    const m = memoryFrom([{ embedding: [0, 0], category: "top", subtype: "tee" }], 2);
    expect(m.get("top/tee")!.vectors).toEqual([[0, 0]]);
  });

  it("weighs a taught kind by the mean of its top-k similarities", () => {
    const model: KindProbability[] = [{ category: "top", subtype: "t-shirt", label: "T-shirt", p: 1 }];
    const examples = [
      { embedding: [1, 0], category: "dress" as const, subtype: "kimono" },
      { embedding: [0, 1], category: "dress" as const, subtype: "kimono" },
      { embedding: [0.6, 0.8], category: "dress" as const, subtype: "kimono" },
    ];
    const params = { temperature: 0.1, modelSimilarity: 0.95, topK: 2, maxPerKind: 10 };
    // Similarities 1, 0.6, 0 → the best two average 0.8.
    const w = Math.exp((0.8 - 1) / 0.1);
    const w0 = Math.exp((0.95 - 1) / 0.1);
    const r = personalise(model, [1, 0], examples, params, (_c, s) => `label ${s}`);
    expect(r.personalWeight).toBeCloseTo(w / (w0 + w), 12);
    expect(r.ranked.find((k) => k.subtype === "kimono")).toMatchObject({ label: "label kimono", taught: true });
    // topK larger than the examples: all three (mean 1.6 / 3).
    const all = personalise(model, [1, 0], examples, { ...params, topK: 9 });
    const wAll = Math.exp((1.6 / 3 - 1) / 0.1);
    expect(all.personalWeight).toBeCloseTo(wAll / (w0 + wAll), 12);
    // topK 0 still takes the best one.
    const one = personalise(model, [1, 0], examples, { ...params, topK: 0 });
    expect(one.personalWeight).toBeCloseTo(1 / (w0 + 1), 12);
  });

  it("with no embedding, an empty one or no examples, the classifier's ranking stands", () => {
    const model: KindProbability[] = [
      { category: "top", subtype: "a", label: "A", p: 0.3 },
      { category: "top", subtype: "b", label: "B", p: 0.7 },
    ];
    const ex = [{ embedding: [1, 0], category: "top" as const, subtype: "a" }];
    for (const r of [personalise(model, null, ex), personalise(model, [], ex), personalise(model, [1, 0], [])]) {
      expect(r.ranked.map((k) => k.subtype)).toEqual(["b", "a"]);
      expect(r.personalWeight).toBe(0);
    }
  });
});
