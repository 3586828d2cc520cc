// The statistical half of the learner's tests (a simulated user over 18 rounds of
// suggestions on a 150-piece wardrobe): left out of mutation runs like the other
// *.accuracy.test.ts files (minutes per mutant under instrumentation); in npm test.
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../colour/kmeans";
import type { Item } from "../wardrobe/types";
import { learnFromFeedback, scoreOutfit } from "./evaluate";
import { createLearner, type LearnerState } from "./learner";
import { suggestOutfits } from "./search";
import { NOW } from "./testing/fixture-wardrobe";
import { syntheticWardrobe } from "./testing/synthetic-wardrobe";
import type { OutfitContext } from "./types";
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
