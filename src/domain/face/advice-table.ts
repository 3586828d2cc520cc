import type { Neckline } from "../wardrobe/types";
import type { FaceShape } from "./shape";

/**
 * What stylists recommend per face shape. One principle runs through all of it
 * (the "balance" rule of face-shape guides): add the line the face lacks — length to a
 * round face, width to a long one, softness to an angular one, width low down to a
 * face that narrows to the chin — and avoid repeating the face's own dominant line next
 * to it (round necklines under a round face, deep Vs under a pointed chin).
 */
export interface ShapeAdvice {
  /** Necklines that suit, in order of preference (used to prefer items in outfit suggestions). */
  suited: Neckline[];
  /** Necklines that repeat or exaggerate the face's dominant line. */
  avoid: Neckline[];
  necklines: { advice: string; reason: string };
  eyewear: { advice: string; reason: string };
  earrings: { advice: string; reason: string };
  hair: { advice: string; reason: string };
}

export const ADVICE: Record<FaceShape, ShapeAdvice> = {
  oval: {
    suited: ["v-neck", "scoop", "boat", "crew", "square", "sweetheart", "collared"],
    avoid: [],
    necklines: { advice: "Almost any neckline works; pick by occasion.", reason: "Balanced proportions need no correcting." },
    eyewear: {
      advice: "Most frames suit; keep them about as wide as your cheekbones.",
      reason: "Frames wider or narrower than the face throw off its balance.",
    },
    earrings: { advice: "Studs, hoops and drops all work.", reason: "No width or length needs adding." },
    hair: { advice: "Any length; keep the face visible.", reason: "Covering the face hides its even proportions." },
  },
  round: {
    suited: ["v-neck", "sweetheart", "collared", "square"],
    avoid: ["crew", "turtleneck", "boat"],
    necklines: {
      advice: "V-necks, sweetheart and open collars; square necklines too.",
      reason: "A V draws the eye down and makes the face look longer; angles offset curves.",
    },
    eyewear: {
      advice: "Angular or rectangular frames, wider than they are tall.",
      reason: "Straight lines contrast with soft curves and add definition.",
    },
    earrings: {
      advice: "Long, linear drops rather than big round studs or hoops.",
      reason: "Vertical lines lengthen; circles repeat the roundness.",
    },
    hair: {
      advice: "Below the chin, with some height at the crown.",
      reason: "Length and height stretch the face; chin-length cuts widen it.",
    },
  },
  square: {
    suited: ["scoop", "sweetheart", "v-neck", "off-shoulder"],
    avoid: ["square", "turtleneck", "crew"],
    necklines: {
      advice: "Scoop, sweetheart and soft V-necks.",
      reason: "Curves under a strong jaw soften it; square necklines echo its angles.",
    },
    eyewear: {
      advice: "Round or oval frames with thin rims.",
      reason: "Curves balance a strong, angular jawline.",
    },
    earrings: { advice: "Hoops and curved drops.", reason: "Round shapes soften the jaw corners." },
    hair: {
      advice: "Soft layers or waves falling past the jaw.",
      reason: "Blunt, jaw-length cuts put a horizontal line right at the widest jaw.",
    },
  },
  heart: {
    suited: ["scoop", "sweetheart", "boat", "off-shoulder", "collared"],
    avoid: ["v-neck", "halter"],
    necklines: {
      advice: "Scoop, sweetheart and boat necks; collars add width near the jaw.",
      reason: "Width low down balances a wider forehead; deep Vs repeat the pointed chin.",
    },
    eyewear: {
      advice: "Frames wider at the bottom, or light rimless ones.",
      reason: "Heavy top lines (cat-eye, browline) widen the forehead further.",
    },
    earrings: {
      advice: "Teardrops and chandeliers that widen towards the bottom.",
      reason: "They add width beside a narrow chin.",
    },
    hair: {
      advice: "Chin to shoulder length with volume at the jaw; a side fringe.",
      reason: "Fullness low down and a softened forehead even out the taper.",
    },
  },
  oblong: {
    suited: ["boat", "crew", "square", "turtleneck", "off-shoulder"],
    avoid: ["v-neck", "halter"],
    necklines: {
      advice: "Boat, crew, square and high necklines.",
      reason: "Horizontal lines add width; deep Vs make a long face look longer.",
    },
    eyewear: {
      advice: "Deep or oversized frames with detail on the sides.",
      reason: "Tall frames break up the length; small narrow frames emphasise it.",
    },
    earrings: { advice: "Studs, buttons and short, wide shapes.", reason: "Long drops add more length." },
    hair: {
      advice: "Medium length with volume at the sides; a fringe.",
      reason: "Side volume widens, a fringe shortens; long straight hair lengthens.",
    },
  },
  diamond: {
    suited: ["sweetheart", "scoop", "boat", "v-neck", "collared"],
    avoid: ["halter", "turtleneck"],
    necklines: {
      advice: "Sweetheart, scoop and boat necks; open collars.",
      reason: "They add width below narrow jaws; halters and high necks narrow it further.",
    },
    eyewear: {
      advice: "Oval, cat-eye or rimless frames with a strong top line.",
      reason: "Detail at the brow widens a narrow forehead; curves soften cheekbones.",
    },
    earrings: { advice: "Studs or drops that widen at the bottom.", reason: "They fill out the narrow jaw line." },
    hair: {
      advice: "Chin-length volume or a full fringe.",
      reason: "Fullness at forehead and jaw balances wide cheekbones.",
    },
  },
  triangle: {
    suited: ["boat", "off-shoulder", "v-neck", "scoop"],
    avoid: ["crew", "turtleneck", "halter"],
    necklines: {
      advice: "Boat, off-shoulder and open V or scoop necklines.",
      reason: "Width at the shoulders balances a wider jaw; high round necks frame it.",
    },
    eyewear: {
      advice: "Top-heavy frames: cat-eye, browline, bold upper rims.",
      reason: "They widen the narrower forehead.",
    },
    earrings: {
      advice: "Small studs or narrow drops; skip wide chandeliers.",
      reason: "Width at jaw level adds to the widest part.",
    },
    hair: {
      advice: "Volume at the crown and temples; length past the jaw.",
      reason: "Fullness up top balances the jaw; chin-length cuts end at its widest point.",
    },
  },
};
