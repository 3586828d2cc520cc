import { describe, expect, it } from "vitest";
import { learnFromFeedback, scoreOutfit } from "./evaluate";
import { createLearner, LearnerStateError, parseLearnerState } from "./learner";
import { suggestOutfits } from "./search";
import { fixtureWardrobe, NOW } from "./testing/fixture-wardrobe";

const wardrobe = fixtureWardrobe();
const pick = (...ids: string[]) => ids.map((id) => wardrobe.find((i) => i.id === id)!);

describe("personal learner", () => {
  it("starts from the prior: a new learner changes nothing", () => {
    const ctx = { temperatureC: 14, now: NOW };
    const without = suggestOutfits(wardrobe, ctx).outfits;
    const fresh = suggestOutfits(wardrobe, ctx, { learner: createLearner() }).outfits;
    expect(fresh.map((o) => [o.key, o.score])).toEqual(without.map((o) => [o.key, o.score]));
    for (const o of fresh) expect(o.score).toBeCloseTo(o.prior, 12);
  });

  it("moves an outfit's score with like, wear and dislike, without mutating the state", () => {
    const outfit = pick("tee-white", "jeans", "sneakers");
    const ctx = { temperatureC: 20 };
    const s0 = createLearner();
    const before = scoreOutfit(outfit, ctx, s0).score;
    const liked = learnFromFeedback(s0, outfit, "like", ctx);
    const worn = learnFromFeedback(s0, outfit, "wear", ctx);
    const disliked = learnFromFeedback(s0, outfit, "dislike", ctx);
    expect(s0).toEqual(createLearner());
    expect(scoreOutfit(outfit, ctx, liked).score).toBeGreaterThan(before);
    // Wearing is not liking: a quiet word about taste, far less than a like (rotation.ts rests the outfit).
    expect(scoreOutfit(outfit, ctx, worn).score).toBeGreaterThanOrEqual(before);
    expect(scoreOutfit(outfit, ctx, worn).score - before).toBeLessThan((scoreOutfit(outfit, ctx, liked).score - before) / 3);
    expect(worn.disliked).toEqual([]);
    expect(scoreOutfit(outfit, ctx, disliked).score).toBeLessThan(before);
    expect(disliked.disliked).toEqual(["jeans+sneakers+tee-white"]);
    // Liking it later forgives the dislike.
    expect(learnFromFeedback(disliked, outfit, "like", ctx).disliked).toEqual([]);
    expect(scoreOutfit(outfit, ctx, s0).reasons).not.toContain("you liked similar outfits");
    expect(scoreOutfit(outfit, ctx, liked).reasons).toContain("you liked this outfit");
    expect(scoreOutfit(outfit, ctx, disliked).cautions).toContain("you disliked this outfit");
  });

  it("serialises to plain JSON and back, suggestions unchanged", () => {
    let s = createLearner();
    const ctx = { now: NOW };
    for (const o of suggestOutfits(wardrobe, ctx).outfits.slice(0, 3))
      s = learnFromFeedback(
        s,
        o.pieces.map((p) => p.item),
        "like",
        ctx,
      );
    const round = parseLearnerState(JSON.parse(JSON.stringify(s)));
    expect(round).toEqual(s);
    expect(suggestOutfits(wardrobe, ctx, { learner: round }).outfits.map((o) => o.key)).toEqual(
      suggestOutfits(wardrobe, ctx, { learner: s }).outfits.map((o) => o.key),
    );
  });

  it("rejects a damaged saved state with a clear message", () => {
    expect(() => parseLearnerState(null)).toThrow(LearnerStateError);
    expect(() => parseLearnerState({ ...createLearner(), version: 9 })).toThrow(/version 9 is not 1/);
    expect(() => parseLearnerState({ ...createLearner(), weights: { "c:navy": "a lot" } })).toThrow(/weight "c:navy" is not a finite number/);
    expect(() => parseLearnerState({ ...createLearner(), embedding: [1, null] })).toThrow(/embedding/);
    expect(() => parseLearnerState({ ...createLearner(), disliked: [3] })).toThrow(/disliked/);
  });
});

/**
 * A simulated user with a hidden taste: always dislikes navy with camel (which
 * the prior loves: it is a classic pairing), otherwise always likes outfits that
 * put teal and mustard together, and says "not today" (dislike) to a share of the
 * rest. Each round the user asks for today's 5 suggestions on one of their six
 * usual kinds of day (weather, occasion) and reacts to each of them.
 */
