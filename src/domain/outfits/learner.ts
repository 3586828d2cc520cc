/**
 * The on-device personal compatibility head: logistic regression over outfit
 * features, learned online from likes and dislikes, on top of the prior.
 *
 *   P(user likes outfit) = σ( priorLogit + squash( Σ_pairs w·φ(a,b) / (n − 1) + Σ_items w·ψ(i) / n ) )
 *
 * φ(a,b): the two pieces themselves (item pair), their looks (kind + colour: a twin
 * of a piece looks the same), colour pair, kind pair, harmony kind, and the
 * element-wise product of the two Siamese embeddings (a diagonal bilinear head).
 * ψ(i): colour, kind, the item itself. All weights start at zero, so a new user gets
 * exactly the prior. Being pairwise, the learned term plugs into the beam search.
 *
 * Proportionate: a verdict teaches each group of features at its own rate
 * (FEATURE_RATES). Specific evidence (these two pieces together, these two looks)
 * moves fast, so a dislike sinks that outfit and its close variants (sharing two
 * pieces); general taste (colours, kinds, harmony, the embedding) moves slowly, so
 * one verdict barely touches an outfit that shares nothing with it, and many
 * verdicts that agree still add up. Wearing an outfit is not a like: it teaches
 * general taste a little and never the outfit itself (rotation.ts rests it).
 * The state is plain JSON (persisted in IndexedDB by the data layer).
 */
import { FASHION_PALETTE, paletteIndexOf } from "../colour/palette";
import { colourHarmony, type HarmonyKind } from "./harmony";
import { COLOUR_CODES, NO_COLOUR, SUBTYPE_CODES, subtypeCode, type PreparedItem } from "./prepare";

export const LEARNER_VERSION = 1;
/** States learned with per-group rates carry this; older ones are rescaled when read (parseLearnerState). */
export const LEARNER_REVISION = 2;

export interface LearnerState {
  version: typeof LEARNER_VERSION;
  /** LEARNER_REVISION; absent on states learned before per-group rates. */
  revision?: typeof LEARNER_REVISION;
  /**
   * Sparse weights by readable feature name: "ip:<item id>|<item id>", "lp:shirt/navy|trousers/camel",
   * "cp:camel|navy", "sp:jeans|sneakers", "hk:classic", "c:navy", "st:jeans", "it:<item id>".
   */
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

/** Feature groups by the prefix of their names ("emb" is the embedding head). */
export type FeatureGroup = "ip" | "lp" | "it" | "cp" | "sp" | "c" | "st" | "hk" | "emb";
/**
 * How fast each group learns, relative to the learning rate. The pieces themselves
 * and their looks learn fast; general taste slowly (a single verdict moves an
 * outfit that shares only a colour or a kind by a few percent at most).
 */
export const FEATURE_RATES: Readonly<Record<FeatureGroup, number>> = { ip: 2.5, lp: 1.2, it: 0.15, cp: 0.6, sp: 0.12, c: 0.1, st: 0.06, hk: 0.01, emb: 0.03 };
/** Specific to the outfit: what wearing it does not teach. */
const SPECIFIC: ReadonlySet<FeatureGroup> = new Set(["ip", "lp", "it"]);
/**
 * How much each kind of feedback counts. A dislike is the strongest word; wearing is
 * a quiet "this is my taste", about the outfit's colours and kinds, never the outfit.
 */
const FEEDBACK = { like: { y: 1, weight: 1 }, wear: { y: 1, weight: 0.5 }, dislike: { y: 0, weight: 2 } } as const;

export const groupOf = (key: string): FeatureGroup => key.slice(0, key.indexOf(":")) as FeatureGroup;

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
  return { version: LEARNER_VERSION, revision: LEARNER_REVISION, weights: {}, embedding: [], feedbackCount: 0, disliked: [] };
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
  if (!Array.isArray(s.embedding) || !s.embedding.every((v) => typeof v === "number" && Number.isFinite(v)))
    return fail("embedding weights are not finite numbers");
  if (!Array.isArray(s.disliked) || !s.disliked.every((v) => typeof v === "string")) return fail("disliked is not a list of outfit keys");
  const feedbackCount = typeof s.feedbackCount === "number" && s.feedbackCount >= 0 ? s.feedbackCount : 0;
  if (s.revision !== undefined && s.revision !== LEARNER_REVISION) return fail(`revision ${String(s.revision)} is not ${LEARNER_REVISION}`);
  const state: LearnerState = {
    version: LEARNER_VERSION,
    weights,
    embedding: [...(s.embedding as number[])],
    feedbackCount,
    disliked: [...(s.disliked as string[])],
  };
  // Kept as stored (a backup imports as the device that made it had it); upToDate() reads an older one.
  if (s.revision === LEARNER_REVISION) state.revision = LEARNER_REVISION;
  return state;
}

const upgraded = new WeakMap<LearnerState, LearnerState>();

/**
 * The state as this version learns: one learned before per-group rates (every
 * feature moved alike, so one dislike sank every outfit sharing a harmony kind) is
 * read with each weight scaled to what its group's rate would have learned from the
 * same verdicts. The stored state changes only when the learner next learns.
 */
export function upToDate(state: LearnerState): LearnerState {
  if (state.revision === LEARNER_REVISION) return state;
  const hit = upgraded.get(state);
  if (hit) return hit;
  const weights: Record<string, number> = {};
  for (const [k, w] of Object.entries(state.weights)) weights[k] = w * (FEATURE_RATES[groupOf(k)] ?? 1);
  const next: LearnerState = { ...state, revision: LEARNER_REVISION, weights, embedding: state.embedding.map((v) => v * FEATURE_RATES.emb) };
  upgraded.set(state, next);
  return next;
}

export const colourName = (p: PreparedItem) => (p.colourCode === NO_COLOUR ? "none" : FASHION_PALETTE[p.colourCode]!.name);
const sortedPair = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
/** A piece's look: its kind and main colour ("shirt/navy"). */
export const lookName = (p: PreparedItem) => `${p.subtype}/${colourName(p)}`;
const LOOK_CODES = SUBTYPE_CODES * COLOUR_CODES;
const lookCode = (p: PreparedItem) => p.subtypeCode * COLOUR_CODES + p.colourCode;

export function pairKind(a: PreparedItem, b: PreparedItem): HarmonyKind {
  return a.dominant && b.dominant ? colourHarmony(a.dominant, b.dominant).kind : "unknown";
}

/** The sparse features of an outfit: pair features weighted 1/(items − 1), item features 1/items. */
export function outfitFeatures(ps: readonly PreparedItem[]): { sparse: Map<string, number>; emb: Float64Array | null } {
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
      add(`ip:${sortedPair(a.item.id, b.item.id)}`, 1 / pairs);
      add(`lp:${sortedPair(lookName(a), lookName(b))}`, 1 / pairs);
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
export function updateLearner(
  stored: LearnerState,
  ps: readonly PreparedItem[],
  feedback: Feedback,
  priorScore: number,
  options: LearnerOptions = {},
): LearnerState {
  const o = { ...DEFAULTS, ...options };
  if (ps.length < 2) return stored;
  const state = upToDate(stored);
  const { sparse, emb } = outfitFeatures(ps);
  const { y, weight } = FEEDBACK[feedback];
  const z = learnedLogit(state, ps);
  const p = sigmoid(priorLogit(priorScore) + squashLearned(z));
  const step = o.learningRate * weight * (y - p) * squashSlope(z);

  const weights = { ...state.weights };
  for (const [k, v] of sparse) {
    const group = groupOf(k);
    if (feedback === "wear" && SPECIFIC.has(group)) continue;
    const w = weights[k] ?? 0;
    const next = w + step * FEATURE_RATES[group] * v - o.learningRate * o.l2 * w;
    // Weights that fall back to nothing are dropped: the state stays the size of what was learned.
    if (Math.abs(next) < 1e-9) delete weights[k];
    else weights[k] = next;
  }
  let embedding = state.embedding;
  if (emb) {
    embedding = state.embedding.length === emb.length ? [...state.embedding] : new Array<number>(emb.length).fill(0);
    const rate = FEATURE_RATES.emb;
    for (let k = 0; k < emb.length; k++) embedding[k] = embedding[k]! + step * rate * emb[k]! - o.learningRate * o.l2 * embedding[k]!;
  }
  const key = outfitKey(ps.map((q) => q.item.id));
  let disliked = feedback === "wear" ? state.disliked : state.disliked.filter((d) => d !== key);
  if (feedback === "dislike") disliked = [...disliked, key].slice(-o.maxDisliked);
  return { version: LEARNER_VERSION, revision: LEARNER_REVISION, weights, embedding, feedbackCount: state.feedbackCount + 1, disliked };
}

/** The learner as fast lookup tables, for scoring thousands of pairs during search. */
export interface CompiledLearner {
  active: boolean;
  /** What it was compiled from (explanations read its weights), or null for none. */
  state: LearnerState | null;
  disliked: ReadonlySet<string>;
  unary(p: PreparedItem): number;
  pair(a: PreparedItem, b: PreparedItem, kind: HarmonyKind): number;
  /** The learned weight of a colour pair, by palette code. */
  colourPair(a: number, b: number): number;
}

export function compileLearner(stored: LearnerState | null | undefined): CompiledLearner {
  const state = stored ? upToDate(stored) : stored;
  const weights = state?.weights ?? {};
  const cp = new Float64Array(COLOUR_CODES * COLOUR_CODES);
  const sp = new Float64Array(SUBTYPE_CODES * SUBTYPE_CODES);
  const colour = new Float64Array(COLOUR_CODES);
  const subtype = new Float64Array(SUBTYPE_CODES);
  const kinds = new Map<string, number>();
  const items = new Map<string, number>();
  // Item pairs by small integer ids, look pairs by look codes: no strings built per pair in the search.
  const pairIds = new Map<string, number>();
  const pairIdOf = (id: string) => {
    let k = pairIds.get(id);
    if (k === undefined) pairIds.set(id, (k = pairIds.size));
    return k;
  };
  const itemPairsById: [number, number, number][] = [];
  const lookPairs = new Map<number, number>();
  const code = (name: string) => (name === "none" ? NO_COLOUR : paletteIndexOf(name));
  const look = (name: string) => {
    const slash = name.lastIndexOf("/");
    const st = subtypeCode(name.slice(0, slash));
    const c = code(name.slice(slash + 1));
    return st >= 0 && c >= 0 ? st * COLOUR_CODES + c : -1;
  };
  let active = false;
  for (const [k, w] of Object.entries(weights)) {
    if (w === 0) continue;
    active = true;
    const colon = k.indexOf(":");
    const kind = k.slice(0, colon);
    const rest = k.slice(colon + 1);
    const [x = "", y = ""] = rest.split("|");
    if (kind === "ip") itemPairsById.push([pairIdOf(x), pairIdOf(y), w]);
    else if (kind === "lp" && look(x) >= 0 && look(y) >= 0) {
      lookPairs.set(look(x) * LOOK_CODES + look(y), w);
      lookPairs.set(look(y) * LOOK_CODES + look(x), w);
    } else if (kind === "cp" && code(x) >= 0 && code(y) >= 0) {
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
  const n = pairIds.size;
  const itemPairs = new Map<number, number>();
  for (const [a, b, w] of itemPairsById) itemPairs.set(a < b ? a * n + b : b * n + a, w);
  const itemPair = (a: PreparedItem, b: PreparedItem): number => {
    const ia = pairIds.get(a.item.id);
    if (ia === undefined) return 0;
    const ib = pairIds.get(b.item.id);
    if (ib === undefined) return 0;
    return itemPairs.get(ia < ib ? ia * n + ib : ib * n + ia) ?? 0;
  };
  const emb = state?.embedding ?? [];
  const useEmb = emb.some((v) => v !== 0);
  return {
    active: active || useEmb,
    state: state ?? null,
    disliked: new Set(state?.disliked ?? []),
    colourPair: (a, b) => cp[a * COLOUR_CODES + b]!,
    unary: (p) => colour[p.colourCode]! + subtype[p.subtypeCode]! + (items.get(p.item.id) ?? 0),
    pair(a, b, kind) {
      let z = cp[a.colourCode * COLOUR_CODES + b.colourCode]! + sp[a.subtypeCode * SUBTYPE_CODES + b.subtypeCode]! + (kinds.get(kind) ?? 0);
      if (lookPairs.size > 0) z += lookPairs.get(lookCode(a) * LOOK_CODES + lookCode(b)) ?? 0;
      if (n > 0) z += itemPair(a, b);
      if (useEmb && a.embedding && b.embedding && a.embedding.length === emb.length && b.embedding.length === emb.length)
        for (let k = 0; k < emb.length; k++) z += emb[k]! * a.embedding[k]! * b.embedding[k]!;
      return z;
    },
  };
}
