import { describe, expect, it } from "vitest";
import { mulberry32 } from "../colour/kmeans";
import type { Item } from "../wardrobe/types";
import { learnFromFeedback, scoreOutfit } from "./evaluate";
import { createLearner, LearnerStateError, parseLearnerState, type LearnerState } from "./learner";
import { suggestOutfits } from "./search";
import { fixtureWardrobe, NOW } from "./testing/fixture-wardrobe";
import { syntheticWardrobe } from "./testing/synthetic-wardrobe";
import type { OutfitContext } from "./types";

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
describe("simulated user", () => {
  const COLOURS = ["black", "white", "grey", "navy", "camel", "denim blue", "red", "teal", "mustard", "pink", "emerald", "burgundy"];
  const items = syntheticWardrobe(150, { seed: 7, colourNames: COLOURS, now: NOW });
  const LIKED: [string, string] = ["teal", "mustard"];
  const DISLIKED: [string, string] = ["navy", "camel"];
  const hasPair = (its: readonly Item[], [a, b]: [string, string]) => {
    const names = its.map((i) => i.colours[0]?.name);
    return names.includes(a) && names.includes(b);
  };
  const wouldLike = (its: readonly Item[]) => hasPair(its, LIKED) && !hasPair(its, DISLIKED);
  const days: OutfitContext[] = [
    { occasion: "casual", temperatureC: 20 },
    { occasion: "work", temperatureC: 12 },
    { temperatureC: 5, rain: true },
    { occasion: "party", temperatureC: 22 },
    { temperatureC: 28 },
    { occasion: "casual", temperatureC: 15, rain: true },
  ];

  function topFive(learner: LearnerState) {
    let liked = 0;
    let disliked = 0;
    let shown = 0;
    let repeatedDislikes = 0;
    const dislikedKeys = new Set(learner.disliked);
    for (const c of days)
      for (const o of suggestOutfits(items, { ...c, now: NOW }, { learner, count: 5 }).outfits) {
        const its = o.pieces.map((p) => p.item);
        shown++;
        if (wouldLike(its)) liked++;
        if (hasPair(its, DISLIKED)) disliked++;
        if (dislikedKeys.has(o.key)) repeatedDislikes++;
      }
    return { precisionAt5: liked / shown, dislikedShare: disliked / shown, repeatedDislikes };
  }

  /** AUC of the final score over 400 random valid outfits (not only those the search shows). */
  function auc(learner: LearnerState) {
    const rand = mulberry32(99);
    const by = (c: string) => items.filter((i) => i.category === c);
    const [tops, bottoms, shoes, dresses] = [by("top"), by("bottom"), by("shoes"), by("dress")];
    const any = (xs: Item[]) => xs[Math.floor(rand() * xs.length)]!;
    const ctx = { occasion: "casual" as const, temperatureC: 18 };
    const scored = Array.from({ length: 400 }, () => {
      const o = rand() < 0.25 ? [any(dresses), any(shoes)] : [any(tops), any(bottoms), any(shoes)];
      return { s: scoreOutfit(o, ctx, learner).score, y: wouldLike(o) };
    });
    const pos = scored.filter((x) => x.y);
    const neg = scored.filter((x) => !x.y);
    let wins = 0;
    for (const p of pos) for (const n of neg) wins += p.s > n.s ? 1 : p.s === n.s ? 0.5 : 0;
    return { auc: wins / (pos.length * neg.length), positives: pos.length };
  }

  it.each([
    { notToday: 0.5, minGain: 0.5 },
    { notToday: 0.25, minGain: 0.25 },
  ])("learns the hidden taste (user says 'not today' to $notToday of the rest)", ({ notToday, minGain }) => {
    const rand = mulberry32(5);
    let learner = createLearner();
    const before = { ...topFive(learner), ...auc(learner) };
    const rounds = 18;
    const feedback = { like: 0, dislike: 0, notToday: 0 };
    for (let r = 0; r < rounds; r++) {
      const ctx = { ...days[r % days.length], now: NOW };
      for (const o of suggestOutfits(items, ctx, { learner }).outfits) {
        const its = o.pieces.map((p) => p.item);
        if (hasPair(its, DISLIKED)) {
          learner = learnFromFeedback(learner, its, "dislike", ctx);
          feedback.dislike++;
        } else if (hasPair(its, LIKED)) {
          learner = learnFromFeedback(learner, its, "like", ctx);
          feedback.like++;
        } else if (rand() < notToday) {
          learner = learnFromFeedback(learner, its, "dislike", ctx);
          feedback.notToday++;
        }
      }
    }
    const after = { ...topFive(learner), ...auc(learner) };
    console.log(
      `[simulated user, "not today" ${notToday}] ${rounds} rounds × 5 suggestions, feedback ${JSON.stringify(feedback)}, state ${JSON.stringify(learner).length} bytes of JSON\n` +
        `  precision@5 (teal+mustard, 6 days × top 5):  ${before.precisionAt5.toFixed(3)} → ${after.precisionAt5.toFixed(3)}\n` +
        `  top-5 share with navy+camel (disliked):     ${before.dislikedShare.toFixed(3)} → ${after.dislikedShare.toFixed(3)}\n` +
        `  AUC, 400 random outfits (${after.positives} liked):        ${before.auc.toFixed(3)} → ${after.auc.toFixed(3)}`,
    );
    expect(before.dislikedShare).toBeGreaterThan(0.1); // the prior alone does show the disliked pairing
    expect(after.precisionAt5).toBeGreaterThanOrEqual(before.precisionAt5 + minGain);
    expect(after.auc).toBeGreaterThan(before.auc + 0.3);
    expect(after.dislikedShare).toBe(0);
    expect(after.repeatedDislikes).toBe(0);
  });
});
