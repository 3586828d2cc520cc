/**
 * The learner explaining itself, in the user's words: why an outfit moved ("you
 * liked this outfit", "you disliked “Navy shirt” with “Green trousers” before",
 * "you tend to like navy with camel"), and a summary of everything it learned for
 * the settings screen. Reads the state's weights; only run for what is shown.
 */
import { CATEGORIES, type Item } from "../wardrobe/types";
import { groupOf, outfitFeatures, upToDate, type FeatureGroup, type LearnerState } from "./learner";
import type { PreparedItem } from "./prepare";
import { label } from "./rotation";

/** A learned logit this large is worth a sentence (specific evidence needs more before it speaks for the whole outfit). */
const SPEAKS = { whole: 0.15, pieces: 0.4, look: 0.4, taste: 0.4 } as const;

export interface LearnedWords {
  reasons: string[];
  cautions: string[];
}

type Contribution = { key: string; group: FeatureGroup; z: number };

/** Each feature's share of the outfit's learned logit (before squashing). */
function contributions(state: LearnerState, ps: readonly PreparedItem[]): { parts: Contribution[]; embedding: number } {
  const { sparse, emb } = outfitFeatures(ps);
  const parts: Contribution[] = [];
  for (const [key, v] of sparse) {
    const w = state.weights[key];
    if (w) parts.push({ key, group: groupOf(key), z: w * v });
  }
  let embedding = 0;
  if (emb && state.embedding.length === emb.length) for (let k = 0; k < emb.length; k++) embedding += state.embedding[k]! * emb[k]!;
  return { parts, embedding };
}

const sum = (xs: readonly Contribution[]) => xs.reduce((s, c) => s + c.z, 0);
const strongest = (xs: readonly Contribution[], sign: 1 | -1) => [...xs].filter((c) => sign * c.z > 0).sort((a, b) => sign * (b.z - a.z))[0];

/** Why the learner moved this outfit, if it clearly did. */
export function explainLearned(state: LearnerState | null, ps: readonly PreparedItem[]): LearnedWords {
  const out: LearnedWords = { reasons: [], cautions: [] };
  if (!state || ps.length < 2) return out;
  const { parts, embedding } = contributions(state, ps);
  if (parts.length === 0 && embedding === 0) return out;
  const byId = new Map(ps.map((p) => [p.item.id, p] as const));
  const pieces = parts.filter((c) => c.group === "ip");
  const looks = parts.filter((c) => c.group === "lp");
  const taste = parts.filter((c) => c.group !== "ip" && c.group !== "lp");
  const pairsTotal = (ps.length * (ps.length - 1)) / 2;
  let spoken = 0;

  const piecesZ = sum(pieces);
  const sign0 = piecesZ > 0 ? 1 : -1;
  // Every pair of its pieces judged, and on balance one way: the user said so about this very outfit (however well it
  // already scored). A liked close variant of a disliked outfit keeps the shared pair's dislike, and is still "liked".
  const whole = pieces.length === pairsTotal && Math.abs(piecesZ) >= SPEAKS.whole;
  if (whole || Math.abs(piecesZ) >= SPEAKS.pieces) {
    const sign = sign0;
    const all = whole;
    const best = strongest(pieces, sign)!;
    // In the outfit's own order (top before bottom), not the key's.
    const [a, b] = best.key
      .slice(3)
      .split("|")
      .map((id) => byId.get(id)!)
      .sort((x, y) => ps.indexOf(x) - ps.indexOf(y));
    const pair = `${label(a!)} with ${label(b!)}`;
    if (sign > 0) out.reasons.push(all ? "you liked this outfit" : `you liked ${pair}`);
    else out.cautions.push(all ? "you disliked this outfit" : `you disliked ${pair} before`);
    spoken = sign;
  }
  const looksZ = sum(looks);
  if (Math.abs(looksZ) >= SPEAKS.look && spoken !== Math.sign(looksZ)) {
    const sign = looksZ > 0 ? 1 : -1;
    const [x, y] = strongest(looks, sign)!.key.slice(3).split("|") as [string, string];
    const pair = `${lookWords(x, true)} with ${lookWords(y, false)}`;
    if (sign > 0) out.reasons.push(`you liked ${pair}`);
    else out.cautions.push(`close to an outfit you disliked (${pair})`);
    spoken ||= sign;
  }
  const tasteZ = sum(taste) + embedding;
  if (Math.abs(tasteZ) >= SPEAKS.taste && spoken !== Math.sign(tasteZ)) {
    const sign = tasteZ > 0 ? 1 : -1;
    const words = tasteWords(
      strongest(
        taste.filter((c) => c.group === "cp" || c.group === "sp"),
        sign,
      ),
    );
    if (sign > 0) out.reasons.push(words ? `you tend to like ${words}` : "you liked similar outfits");
    else out.cautions.push(words ? `you tend to dislike ${words}` : "similar to outfits you disliked");
  }
  return out;
}

/** "shirt/navy" → "a navy shirt" (or "navy shirt"); a taught kind's look is its category's. */
function lookWords(look: string, article: boolean): string {
  const slash = look.lastIndexOf("/");
  const kind = look.slice(0, slash);
  const colour = look.slice(slash + 1);
  const noun = `${colour === "none" ? "" : `${colour} `}${kind}`;
  if (!article || /s$/.test(kind)) return noun;
  return `${/^[aeiou]/.test(noun) ? "an" : "a"} ${noun}`;
}

function tasteWords(c: Contribution | undefined): string | null {
  if (!c) return null;
  const [x, y] = c.key.slice(c.key.indexOf(":") + 1).split("|") as [string, string];
  if (c.group === "cp") return x === "none" || y === "none" ? null : x === y ? `all ${x}` : `${x} with ${y}`;
  return x === y ? `two ${plural(x)} together` : `${plural(x)} with ${plural(y)}`;
}

const plural = (kind: string) => (/(s|ss)$/.test(kind) ? kind : /y$/.test(kind) ? `${kind.slice(0, -1)}ies` : `${kind}s`);

export interface LearnerSummary {
  /** Likes and dislikes given (wears included). */
  feedbackCount: number;
  /** Exact outfits never suggested again. */
  disliked: number;
  /** What it learned most strongly, in words, strongest first. */
  likes: string[];
  dislikes: string[];
}

/**
 * Everything the learner knows, for the settings screen: its strongest lessons about
 * pieces worn together (by name when the items are given), looks, colours and kinds.
 */
export function describeLearner(stored: LearnerState, items: ReadonlyMap<string, Pick<Item, "name" | "category">> = new Map(), limit = 5): LearnerSummary {
  const state = upToDate(stored);
  const facts: { text: string; w: number }[] = [];
  const seen = new Set<string>();
  const named = (id: string) => {
    const name = items.get(id)?.name.trim();
    return name ? `"${name}"` : null;
  };
  // Tops before bottoms before shoes, as an outfit is read.
  const order = (id: string) => CATEGORIES.indexOf(items.get(id)?.category ?? "accessory");
  for (const [key, w] of Object.entries(state.weights)) {
    const group = groupOf(key);
    const [x = "", y = ""] = key.slice(key.indexOf(":") + 1).split("|");
    let text: string | null = null;
    // Scaled to what one outfit would feel: specific groups speak sooner.
    let strength = Math.abs(w);
    if (group === "ip") {
      const [a, b] = [x, y].sort((p, q) => order(p) - order(q)).map(named);
      text = a && b ? `${a} with ${b}` : null;
    } else if (group === "lp") text = `${lookWords(x, false)} with ${lookWords(y, false)}`;
    else if (group === "cp" || group === "sp") {
      text = tasteWords({ key, group, z: w });
      strength *= 2;
    }
    if (!text || seen.has(`${Math.sign(w)}${text}`) || strength < 0.15) continue;
    seen.add(`${Math.sign(w)}${text}`);
    facts.push({ text, w: Math.sign(w) * strength });
  }
  const likes = facts.filter((f) => f.w > 0).sort((a, b) => b.w - a.w);
  const dislikes = facts.filter((f) => f.w < 0).sort((a, b) => a.w - b.w);
  return {
    feedbackCount: state.feedbackCount,
    disliked: state.disliked.length,
    likes: likes.slice(0, limit).map((f) => f.text),
    dislikes: dislikes.slice(0, limit).map((f) => f.text),
  };
}
