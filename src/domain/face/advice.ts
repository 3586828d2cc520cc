import type { Neckline } from "../wardrobe/types";
import { ADVICE } from "./advice-table";
import type { ClarityLabel, FaceShape } from "./shape";

export type AdviceTopic = "necklines" | "eyewear" | "earrings" | "hair";

export interface AdviceLine {
  topic: AdviceTopic;
  /** The topic in the user's words ("Necklines & collars"). */
  title: string;
  advice: string;
  /** One line: why this suits the face shape. */
  reason: string;
}

export interface StyleAdvice {
  shape: FaceShape;
  lines: AdviceLine[];
  /** Necklines to prefer, best first; saved to the profile for outfit suggestions. */
  suitedNecklines: Neckline[];
  avoidNecklines: Neckline[];
}

const TITLES: Record<AdviceTopic, string> = {
  necklines: "Necklines & collars",
  eyewear: "Glasses & sunglasses",
  earrings: "Earrings",
  hair: "Hair length",
};

const TOPICS: AdviceTopic[] = ["necklines", "eyewear", "earrings", "hair"];

export interface ShapeVerdict {
  primary: FaceShape;
  secondary: FaceShape | null;
  clarityLabel: ClarityLabel;
}

/**
 * Advice for the primary shape. When the result is not clear-cut, the runner-up shape is
 * plausible too, so necklines it should avoid are not recommended, and its "avoid" list
 * is kept unless the primary shape positively suits the neckline.
 */
export function styleAdviceFor(verdict: ShapeVerdict): StyleAdvice {
  const main = ADVICE[verdict.primary];
  const blend = verdict.secondary !== null && verdict.clarityLabel !== "clear" ? ADVICE[verdict.secondary] : null;

  const avoid = new Set<Neckline>(main.avoid);
  if (blend) for (const n of blend.avoid) if (!main.suited.includes(n)) avoid.add(n);
  const suited = main.suited.filter((n) => !avoid.has(n) && !(blend?.avoid.includes(n) ?? false));

  return {
    shape: verdict.primary,
    lines: TOPICS.map((topic) => ({ topic, title: TITLES[topic], ...main[topic] })),
    suitedNecklines: suited,
    avoidNecklines: [...avoid],
  };
}
