import { describe, expect, it } from "vitest";
import { cosine, findNearDuplicate, hammingHex, isNearDuplicate, nearestItems, silhouetteHash } from "./similarity";

const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};

function blob(cx: number, cy: number, r: number): Float32Array {
  const t = new Float32Array(784);
  for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) t[y * 28 + x] = Math.hypot(x - cx, y - cy) < r ? 1 : 0;
  return t;
}

describe("similarity", () => {
  it("cosine of identical, orthogonal and opposite vectors", () => {
    expect(cosine([1, 0], [1, 0])).toBeCloseTo(1);
    expect(cosine([1, 0], [0, 1])).toBeCloseTo(0);
    expect(cosine([1, 0], [-1, 0])).toBeCloseTo(-1);
  });

  it("silhouette hash: same shape equal, different shapes far apart", () => {
    const a = silhouetteHash(blob(14, 14, 8));
    expect(a).toHaveLength(16);
    expect(hammingHex(a, silhouetteHash(blob(14, 14, 8)))).toBe(0);
    expect(hammingHex(a, silhouetteHash(blob(6, 6, 4)))).toBeGreaterThan(10);
  });

  it("nearest items ranks by embedding and skips the query itself", () => {
    const q = { id: "q", embedding: unit([1, 0, 0]), colours: [] };
    const items = [
      { id: "q", embedding: unit([1, 0, 0]), colours: [] },
      { id: "far", embedding: unit([0, 1, 0]), colours: [] },
      { id: "near", embedding: unit([0.9, 0.1, 0]), colours: [] },
      { id: "none", embedding: null, colours: [] },
    ];
    expect(nearestItems(q, items).map((n) => n.item.id)).toEqual(["near", "far"]);
  });

  it("a near-duplicate needs embedding, silhouette and main colour to agree", () => {
    const navy = [{ hex: "#1f2a44", name: "navy", share: 1 }];
    const red = [{ hex: "#b22222", name: "red", share: 1 }];
    const s = silhouetteHash(blob(14, 14, 8));
    const a = { id: "a", embedding: unit([1, 0.05, 0]), silhouette: s, colours: navy };
    const sameAgain = { id: "b", embedding: unit([1, 0.06, 0]), silhouette: s, colours: navy };
    const otherColour = { ...sameAgain, id: "c", colours: red };
    const otherShape = { ...sameAgain, id: "d", silhouette: silhouetteHash(blob(6, 6, 4)) };
    expect(isNearDuplicate(a, sameAgain)).toBe(true);
    expect(isNearDuplicate(a, otherColour)).toBe(false);
    expect(isNearDuplicate(a, otherShape)).toBe(false);
    expect(findNearDuplicate(a, [a, otherColour, sameAgain])?.id).toBe("b");
    // Boots are never a twin of sneakers, however alike the photos.
    expect(isNearDuplicate({ ...a, kind: "boots" }, { ...sameAgain, kind: "sneakers" })).toBe(false);
  });
});
