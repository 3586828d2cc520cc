// The simulated users of models/training/personal.py, run through the app's own code
// (src/domain/vision/personal.ts): a user is one held-out style family; after k
// corrections per kind, is the next photo right? Examples are picked by the same fixed
// hash order as the Python, so both give the same figures on the same outputs.
import type { Category } from "../src/domain/wardrobe/types";
import { type KindProbability, type PersonalParams, personalise } from "../src/domain/vision/personal";

export interface SimLabels {
  category: Category | null;
  subtype: string | null;
  label: string;
}

export interface SimData {
  probs: Float64Array[]; // calibrated, per image
  emb: Float32Array[]; // unit, per image
  y: Uint8Array;
  instance: number[];
  family: number[];
}

export function pick(pool: readonly number[], k: number): number[] {
  const key = (i: number) => (i * 2654435761) % 4294967296;
  return [...pool].sort((a, b) => key(a) - key(b) || a - b).slice(0, k);
}

function users(d: SimData, nc: number, skip: readonly number[]) {
  const out = new Map<number, Map<number, Map<number, number[]>>>();
  d.y.forEach((y, i) => {
    if (y === nc || skip.includes(d.family[i]!)) return;
    const kinds = out.get(d.family[i]!) ?? new Map<number, Map<number, number[]>>();
    const drawings = kinds.get(y) ?? new Map<number, number[]>();
    drawings.set(d.instance[i]!, [...(drawings.get(d.instance[i]!) ?? []), i]);
    kinds.set(y, drawings);
    out.set(d.family[i]!, kinds);
  });
  return out;
}

function top1(d: SimData, labels: readonly SimLabels[], i: number, examples: number[], params: PersonalParams): number {
  const model: KindProbability[] = labels.map((l, j) => ({ ...l, p: d.probs[i]![j]! }));
  const ex = examples.map((e) => ({ embedding: Array.from(d.emb[e]!), category: labels[d.y[e]!]!.category!, subtype: labels[d.y[e]!]!.subtype! }));
  const best = personalise(model, Array.from(d.emb[i]!), ex, params).ranked[0]!;
  return labels.findIndex((l) => l.category === best.category && l.subtype === best.subtype);
}

/** { k: { other, lookalike: { kind_accuracy, category_accuracy, n } } } as personal.simulate. */
export function simulate(d: SimData, labels: readonly SimLabels[], params: PersonalParams, ks = [0, 1, 3, 5], skip: number[] = []) {
  const nc = labels.findIndex((l) => l.category === null);
  const kmax = Math.max(...ks);
  const res: Record<number, Record<"other" | "lookalike", { kind_accuracy: number; category_accuracy: number; n: number }>> = {};
  for (const k of ks) {
    const t = { other: [0, 0, 0], lookalike: [0, 0, 0] };
    for (const kinds of users(d, nc, skip).values()) {
      for (const [kind, drawings] of kinds) {
        for (const [dr, idx] of drawings) {
          for (const proto of ["other", "lookalike"] as const) {
            let own: number[];
            let targets: number[];
            if (proto === "other") {
              const pool = [...drawings].filter(([o]) => o !== dr).flatMap(([, ii]) => ii);
              if (pool.length === 0) continue;
              own = pick(pool, k);
              targets = idx;
            } else {
              if (idx.length <= kmax) continue;
              own = idx.slice(0, k);
              targets = idx.slice(kmax);
            }
            const ex = [...own];
            if (k) for (const [kk, dd] of kinds) if (kk !== kind) ex.push(...pick([...dd.values()].flat(), k));
            for (const i of targets) {
              const p = top1(d, labels, i, ex, params);
              const tt = t[proto];
              tt[0]! += p === d.y[i] ? 1 : 0;
              tt[1]! += labels[p]?.category === labels[d.y[i]!]!.category ? 1 : 0;
              tt[2]! += 1;
            }
          }
        }
      }
    }
    res[k] = {
      other: { kind_accuracy: t.other[0]! / Math.max(1, t.other[2]!), category_accuracy: t.other[1]! / Math.max(1, t.other[2]!), n: t.other[2]! },
      lookalike: {
        kind_accuracy: t.lookalike[0]! / Math.max(1, t.lookalike[2]!),
        category_accuracy: t.lookalike[1]! / Math.max(1, t.lookalike[2]!),
        n: t.lookalike[2]!,
      },
    };
  }
  return res;
}
