/**
 * Recognition that learns from the user, on the device: a nearest-prototype head over
 * the Siamese embeddings of the items the user confirmed or corrected, blended with the
 * classifier.
 *
 * Each kind the user has examples of gets a weight from how close the new photo is to
 * them, w_k = exp((s_k − 1) / τ) with s_k the mean cosine similarity of the `topK`
 * nearest examples of that kind. The classifier counts as one more voice of fixed
 * weight w_0 = exp((s_0 − 1) / τ):
 *
 *     p(k) = (w_0 · p_model(k) + w_k) / (w_0 + Σ_j w_j)
 *
 * With no examples this is the classifier unchanged. An example much closer than s_0
 * outweighs the model (a look-alike of a garment the user corrected is filed as the
 * user said); far examples change nothing. Kinds the model does not know (a "kimono"
 * the user taught from three photos) have p_model = 0 and are reachable only through
 * their examples. τ and s_0 are fitted on held-out *validation* styles by
 * models/training/personal.py (the same formula), never on test.
 *
 * Pure: no DOM, no storage. Examples are derived from items (src/data), so they travel
 * with backup and sync without a record of their own.
 */
import type { Category } from "../wardrobe/types";

export interface PersonalExample {
  embedding: readonly number[];
  category: Category;
  subtype: string;
}

/** One candidate answer: a kind of the model's (or one the user taught), with its probability. */
export interface KindProbability {
  category: Category | null;
  subtype: string | null;
  label: string;
  p: number;
  /** A kind the classifier does not have (taught by the user). */
  taught?: boolean;
}

export interface PersonalParams {
  /** τ: how fast an example's weight falls with distance (cosine). */
  temperature: number;
  /** s_0: the similarity at which an example weighs as much as the classifier. */
  modelSimilarity: number;
  /** Mean of this many nearest examples per kind. */
  topK: number;
  /** At most this many examples per kind are kept (the most recent). */
  maxPerKind: number;
}

export const PERSONAL_DEFAULTS: PersonalParams = { temperature: 0.05, modelSimilarity: 0.9, topK: 1, maxPerKind: 50 };

export interface Personalised {
  ranked: KindProbability[];
  /** Share of the answer that came from the user's examples (0 = the classifier alone). */
  personalWeight: number;
}

export function kindKey(category: Category | null, subtype: string | null): string {
  return `${category ?? "none"}/${(subtype ?? "").toLowerCase()}`;
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

function unit(v: readonly number[]): number[] {
  const n = Math.sqrt(dot(v, v));
  return n > 0 ? v.map((x) => x / n) : [...v];
}

/** Groups examples by kind, unit-normalised, newest last, capped per kind. Examples of another dimension are dropped. */
export function memoryFrom(
  examples: readonly PersonalExample[],
  dim: number,
  maxPerKind = PERSONAL_DEFAULTS.maxPerKind,
): Map<string, { category: Category; subtype: string; vectors: number[][] }> {
  const byKind = new Map<string, { category: Category; subtype: string; vectors: number[][] }>();
  for (const e of examples) {
    if (e.embedding.length !== dim || !e.subtype) continue;
    const key = kindKey(e.category, e.subtype);
    const entry = byKind.get(key) ?? { category: e.category, subtype: e.subtype, vectors: [] };
    entry.vectors.push(unit(e.embedding));
    if (entry.vectors.length > maxPerKind) entry.vectors.shift();
    byKind.set(key, entry);
  }
  return byKind;
}

function kindSimilarity(q: readonly number[], vectors: readonly number[][], topK: number): number {
  const sims = vectors.map((v) => dot(q, v)).sort((a, b) => b - a);
  const k = Math.max(1, Math.min(topK, sims.length));
  let s = 0;
  for (let i = 0; i < k; i++) s += sims[i]!;
  return s / k;
}

/**
 * The classifier's distribution (`model`, every kind it knows, summing to ~1) blended with
 * the user's examples. Returns every kind, most probable first.
 */
export function personalise(
  model: readonly KindProbability[],
  embedding: readonly number[] | null,
  examples: readonly PersonalExample[],
  params: PersonalParams = PERSONAL_DEFAULTS,
  labelOf: (category: Category, subtype: string) => string = (_c, s) => s,
): Personalised {
  const sorted = [...model].sort((a, b) => b.p - a.p);
  if (!embedding || embedding.length === 0 || examples.length === 0) return { ranked: sorted, personalWeight: 0 };
  const q = unit(embedding);
  const memory = memoryFrom(examples, q.length, params.maxPerKind);
  if (memory.size === 0) return { ranked: sorted, personalWeight: 0 };
  const w0 = Math.exp((params.modelSimilarity - 1) / params.temperature);
  const weights = new Map<string, number>();
  let total = 0;
  for (const [key, kind] of memory) {
    const w = Math.exp((kindSimilarity(q, kind.vectors, params.topK) - 1) / params.temperature);
    weights.set(key, w);
    total += w;
  }
  const z = w0 + total;
  const out = new Map<string, KindProbability>();
  for (const m of model) out.set(kindKey(m.category, m.subtype), { ...m, p: (w0 * m.p) / z });
  for (const [key, kind] of memory) {
    const w = weights.get(key)! / z;
    const known = out.get(key);
    if (known) known.p += w;
    else out.set(key, { category: kind.category, subtype: kind.subtype, label: labelOf(kind.category, kind.subtype), p: w, taught: true });
  }
  return { ranked: [...out.values()].sort((a, b) => b.p - a.p), personalWeight: total / z };
}
