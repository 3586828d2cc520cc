/**
 * The on-device personal compatibility head: logistic regression over outfit
 * features, learned online from like / dislike / wear-today, on top of the prior.
 *
 *   P(user likes outfit) = σ( priorLogit + squash( Σ_pairs w·φ(a,b) / (n − 1) + Σ_items w·ψ(i) / n ) )
 *
 * φ(a,b): colour-pair bucket, subtype pair, harmony kind, and the element-wise
 * product of the two Siamese embeddings (a diagonal bilinear head). ψ(i): colour,
 * subtype, the item itself. All weights start at zero, so a new user gets exactly
 * the prior. Being pairwise, the learned term plugs into the beam search as is.
 * The state is plain JSON (persisted in IndexedDB by the data layer).
 */
import { FASHION_PALETTE, paletteIndexOf } from "../colour/palette";
import { colourHarmony, type HarmonyKind } from "./harmony";
import { COLOUR_CODES, NO_COLOUR, SUBTYPE_CODES, subtypeCode, type PreparedItem } from "./prepare";

export const LEARNER_VERSION = 1;

export interface LearnerState {
  version: typeof LEARNER_VERSION;
  /** Sparse weights by readable feature name: "cp:camel|navy", "sp:jeans|sneakers", "hk:classic", "c:navy", "st:jeans", "it:<item id>". */
  weights: Record<string, number>;
  /** Diagonal bilinear weights over the embeddings (Σ w_k a_k b_k); empty until feedback on items with embeddings. */
  embedding: number[];
  feedbackCount: number;
  /** Exact combinations the user disliked (outfit keys), never suggested again. Newest last. */
  disliked: string[];
}

export type Feedback = "like" | "dislike" | "wear";

export interface LearnerOptions {
  learningRate?: number;
  /** L2 shrinkage towards the prior, applied to the features an update touches. */
  l2?: number;
  /** Disliked combinations remembered (oldest forgotten first). */
  maxDisliked?: number;
}

const DEFAULTS: Required<LearnerOptions> = { learningRate: 1.5, l2: 0.01, maxDisliked: 500 };
/** How much each kind of feedback counts: wearing an outfit is the strongest "yes". */
const FEEDBACK = { like: { y: 1, weight: 1 }, wear: { y: 1, weight: 1.5 }, dislike: { y: 0, weight: 2 } } as const;

/** Prior score (0–1) → logit. The centre is a typical suggestion's prior, so feedback on it moves weights both ways. */
export const PRIOR_CENTRE = 0.7;
export const PRIOR_SCALE = 8;
export const priorLogit = (prior: number): number => PRIOR_SCALE * (prior - PRIOR_CENTRE);
/**
 * The learned term saturates (a scaled tanh), asymmetrically. Upwards at +3: taste
 * can lift an outfit a long way, but among outfits the user would like the day's
 * fit (a coat in the rain) still decides. Downwards at −8: a disliked look stays
 * down whatever the prior thinks of it. Saturation also keeps weights bounded.
 */
export const LEARNED_CAP_UP = 3;
export const LEARNED_CAP_DOWN = 8;
const capFor = (z: number) => (z >= 0 ? LEARNED_CAP_UP : LEARNED_CAP_DOWN);
export const squashLearned = (z: number): number => capFor(z) * Math.tanh(z / capFor(z));
/** d squash / dz. */
const squashSlope = (z: number): number => 1 - Math.tanh(z / capFor(z)) ** 2;
export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export function createLearner(): LearnerState {
  return { version: LEARNER_VERSION, weights: {}, embedding: [], feedbackCount: 0, disliked: [] };
}

/** Stable id of a combination of items. */
export function outfitKey(itemIds: readonly string[]): string {
  return [...itemIds].sort().join("+");
}

export class LearnerStateError extends Error {
  override name = "LearnerStateError";
  /** What is wrong, without the sentence around it (an import names the record itself). */
  constructor(readonly why: string) {
    super(`Saved outfit preferences are unreadable: ${why}`);
  }
}

/** Validate a stored state (JSON from IndexedDB or an import). Throws LearnerStateError saying what is wrong. */
export function parseLearnerState(json: unknown): LearnerState {
  const fail = (why: string): never => {
    throw new LearnerStateError(why);
  };
  if (typeof json !== "object" || json === null) return fail("not an object");
  const s = json as Record<string, unknown>;
  if (s.version !== LEARNER_VERSION) return fail(`version ${String(s.version)} is not ${LEARNER_VERSION}`);
  if (typeof s.weights !== "object" || s.weights === null || Array.isArray(s.weights)) return fail("weights missing");
  const weights: Record<string, number> = {};
  for (const [k, v] of Object.entries(s.weights)) {
    if (typeof v !== "number" || !Number.isFinite(v)) return fail(`weight "${k}" is not a finite number`);
    weights[k] = v;
  }
  if (!Array.isArray(s.embedding) || !s.embedding.every((v) => typeof v === "number" && Number.isFinite(v))) return fail("embedding weights are not finite numbers");
  if (!Array.isArray(s.disliked) || !s.disliked.every((v) => typeof v === "string")) return fail("disliked is not a list of outfit keys");
  const feedbackCount = typeof s.feedbackCount === "number" && s.feedbackCount >= 0 ? s.feedbackCount : 0;
  return { version: LEARNER_VERSION, weights, embedding: [...(s.embedding as number[])], feedbackCount, disliked: [...(s.disliked as string[])] };
}

const colourName = (p: PreparedItem) => (p.colourCode === NO_COLOUR ? "none" : FASHION_PALETTE[p.colourCode]!.name);
const sortedPair = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export function pairKind(a: PreparedItem, b: PreparedItem): HarmonyKind {
  return a.dominant && b.dominant ? colourHarmony(a.dominant, b.dominant).kind : "unknown";
}

/** The sparse features of an outfit: pair features weighted 1/(items − 1), item features 1/items. */
function outfitFeatures(ps: readonly PreparedItem[]): { sparse: Map<string, number>; emb: Float64Array | null } {
  const sparse = new Map<string, number>();
  const add = (k: string, v: number) => sparse.set(k, (sparse.get(k) ?? 0) + v);
  // Pair features count once per pair, divided by pairs per item (n − 1): a mean over
  // all pairs would dilute one disliked pair in a six-piece outfit fifteenfold.
  const pairs = ps.length - 1;
  const dim = ps.find((p) => p.embedding)?.embedding?.length ?? 0;
  let emb: Float64Array | null = null;
  for (let i = 0; i < ps.length; i++) {
    const a = ps[i]!;
    add(`c:${colourName(a)}`, 1 / ps.length);
    add(`st:${a.subtype}`, 1 / ps.length);
    add(`it:${a.item.id}`, 1 / ps.length);
    for (let j = i + 1; j < ps.length; j++) {
      const b = ps[j]!;
      add(`cp:${sortedPair(colourName(a), colourName(b))}`, 1 / pairs);
      add(`sp:${sortedPair(a.subtype, b.subtype)}`, 1 / pairs);
      add(`hk:${pairKind(a, b)}`, 1 / pairs);
      if (a.embedding && b.embedding && a.embedding.length === dim && b.embedding.length === dim) {
        emb ??= new Float64Array(dim);
        for (let k = 0; k < dim; k++) emb[k] = emb[k]! + (a.embedding[k]! * b.embedding[k]!) / pairs;
      }
    }
  }
  return { sparse, emb };
}

/** The learned part of an outfit's logit, before squashing. */
export function learnedLogit(state: LearnerState, ps: readonly PreparedItem[]): number {
  const { sparse, emb } = outfitFeatures(ps);
  let z = 0;
  for (const [k, v] of sparse) z += (state.weights[k] ?? 0) * v;
  if (emb && state.embedding.length === emb.length) for (let k = 0; k < emb.length; k++) z += state.embedding[k]! * emb[k]!;
  return z;
}

/**
 * One step of online logistic regression on the user's verdict about an outfit
 * (use `learnFromFeedback` from an app; this is its core). `priorScore` is the
 * outfit's prior (0–1, before personalisation). Returns a new state; the input is
 * not modified.
 */
export function updateLearner(state: LearnerState, ps: readonly PreparedItem[], feedback: Feedback, priorScore: number, options: LearnerOptions = {}): LearnerState {
  const o = { ...DEFAULTS, ...options };
  if (ps.length < 2) return state;
  const { sparse, emb } = outfitFeatures(ps);
  const { y, weight } = FEEDBACK[feedback];
  const z = learnedLogit(state, ps);
  const p = sigmoid(priorLogit(priorScore) + squashLearned(z));
  const step = o.learningRate * weight * (y - p) * squashSlope(z);

  const weights = { ...state.weights };
  for (const [k, v] of sparse) {
    const w = weights[k] ?? 0;
    weights[k] = w + step * v - o.learningRate * o.l2 * w;
  }
  let embedding = state.embedding;
  if (emb) {
    embedding = state.embedding.length === emb.length ? [...state.embedding] : new Array<number>(emb.length).fill(0);
    for (let k = 0; k < emb.length; k++) embedding[k] = embedding[k]! + step * emb[k]! - o.learningRate * o.l2 * embedding[k]!;
  }
  const key = outfitKey(ps.map((q) => q.item.id));
  let disliked = state.disliked.filter((d) => d !== key);
  if (feedback === "dislike") disliked = [...disliked, key].slice(-o.maxDisliked);
  return { version: LEARNER_VERSION, weights, embedding, feedbackCount: state.feedbackCount + 1, disliked };
}

/** The learner as fast lookup tables, for scoring thousands of pairs during search. */
export interface CompiledLearner {
  active: boolean;
  disliked: ReadonlySet<string>;
  unary(p: PreparedItem): number;
  pair(a: PreparedItem, b: PreparedItem, kind: HarmonyKind): number;
  /** The learned weight of a colour pair, by palette code. */
  colourPair(a: number, b: number): number;
}

export function compileLearner(state: LearnerState | null | undefined): CompiledLearner {
  const weights = state?.weights ?? {};
  const cp = new Float64Array(COLOUR_CODES * COLOUR_CODES);
  const sp = new Float64Array(SUBTYPE_CODES * SUBTYPE_CODES);
  const colour = new Float64Array(COLOUR_CODES);
  const subtype = new Float64Array(SUBTYPE_CODES);
  const kinds = new Map<string, number>();
  const items = new Map<string, number>();
  const code = (name: string) => (name === "none" ? NO_COLOUR : paletteIndexOf(name));
  let active = false;
  for (const [k, w] of Object.entries(weights)) {
    if (w === 0) continue;
    active = true;
    const colon = k.indexOf(":");
    const kind = k.slice(0, colon);
    const rest = k.slice(colon + 1);
    const [x = "", y = ""] = rest.split("|");
    if (kind === "cp" && code(x) >= 0 && code(y) >= 0) {
      cp[code(x) * COLOUR_CODES + code(y)] = w;
      cp[code(y) * COLOUR_CODES + code(x)] = w;
    } else if (kind === "sp" && subtypeCode(x) >= 0 && subtypeCode(y) >= 0) {
      sp[subtypeCode(x) * SUBTYPE_CODES + subtypeCode(y)] = w;
      sp[subtypeCode(y) * SUBTYPE_CODES + subtypeCode(x)] = w;
    } else if (kind === "hk") kinds.set(rest, w);
    else if (kind === "c" && code(rest) >= 0) colour[code(rest)] = w;
    else if (kind === "st" && subtypeCode(rest) >= 0) subtype[subtypeCode(rest)] = w;
    else if (kind === "it") items.set(rest, w);
  }
  const emb = state?.embedding ?? [];
  const useEmb = emb.some((v) => v !== 0);
  return {
    active: active || useEmb,
    disliked: new Set(state?.disliked ?? []),
    colourPair: (a, b) => cp[a * COLOUR_CODES + b]!,
    unary: (p) => colour[p.colourCode]! + subtype[p.subtypeCode]! + (items.get(p.item.id) ?? 0),
    pair(a, b, kind) {
      let z = cp[a.colourCode * COLOUR_CODES + b.colourCode]! + sp[a.subtypeCode * SUBTYPE_CODES + b.subtypeCode]! + (kinds.get(kind) ?? 0);
      if (useEmb && a.embedding && b.embedding && a.embedding.length === emb.length && b.embedding.length === emb.length)
        for (let k = 0; k < emb.length; k++) z += emb[k]! * a.embedding[k]! * b.embedding[k]!;
      return z;
    },
  };
}
