// The endpoint's text encoder (trained by api/text/train.py): words -> a 128-d unit
// vector in the catalog's embedding space. A mean of word and character-trigram
// embeddings, then a two-layer MLP — small enough to run in plain TypeScript in
// microseconds, so neither the Node server nor Lambda needs a native runtime for it.
// Its tokenizer must match train.py's exactly (api/text/encoder.test.ts checks the
// parity vectors train.py wrote).
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { EmbedderRef } from "../contract";

export interface TextEncoderMeta {
  name: string;
  version: number;
  dim: number;
  buckets: number;
  embedding: number;
  hidden: number;
  file: string;
  sha256: string;
  imageSpace: { embedder: EmbedderRef & { sha256?: string }; catalogSha256: string };
  vocab: string[];
  metrics: Record<string, unknown>;
  parity: { text: string; vector: number[] }[];
}

export class TextModelError extends Error {
  override name = "TextModelError";
}

/** FNV-1a, 32-bit, over UTF-8 bytes (train.py's fnv1a). */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(s)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h >>> 0;
}

/** Lower-case words of letters and digits (train.py's words_of). */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function trigrams(word: string): string[] {
  const p = `<${word}>`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= p.length; i++) out.push(p.slice(i, i + 3));
  return out;
}

/** erf from Numerical Recipes' erfc approximation (fractional error < 1.2e-7): torch's exact GELU within float32 noise. */
function erf(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y =
    1 -
    t *
      Math.exp(
        -x * x -
          1.26551223 +
          t *
            (1.00002368 +
              t *
                (0.37409196 +
                  t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
      );
  return x >= 0 ? y : -y;
}

const gelu = (x: number) => 0.5 * x * (1 + erf(x / Math.SQRT2));

export class TextEncoderModel {
  private readonly vocab: Map<string, number>;
  private readonly emb: Float32Array;
  private readonly w1: Float32Array;
  private readonly b1: Float32Array;
  private readonly w2: Float32Array;
  private readonly b2: Float32Array;

  constructor(
    readonly meta: TextEncoderMeta,
    weights: Float32Array,
  ) {
    const { vocab, buckets, embedding: E, hidden: H, dim: D } = meta;
    this.vocab = new Map(vocab.map((w, i) => [w, i]));
    const sizes = [(vocab.length + buckets) * E, H * E, H, D * H, D];
    if (weights.length !== sizes.reduce((a, b) => a + b, 0))
      throw new TextModelError(`text encoder weights hold ${weights.length} numbers, expected ${sizes.reduce((a, b) => a + b, 0)}`);
    let o = 0;
    const take = (n: number) => weights.subarray(o, (o += n));
    this.emb = take(sizes[0]!);
    this.w1 = take(sizes[1]!);
    this.b1 = take(sizes[2]!);
    this.w2 = take(sizes[3]!);
    this.b2 = take(sizes[4]!);
  }

  get ref(): string {
    return `${this.meta.name} v${this.meta.version}`;
  }

  isWord(word: string): boolean {
    return this.vocab.has(word);
  }

  /** The closest word the encoder knows, by shared character trigrams (Jaccard), or null below `min`. */
  closestWord(word: string, min = 0.4): string | null {
    if (this.vocab.has(word)) return word;
    const mine = new Set(trigrams(word));
    let best: string | null = null;
    let bestScore = min;
    for (const w of this.vocab.keys()) {
      const theirs = trigrams(w);
      const shared = theirs.filter((t) => mine.has(t)).length;
      const score = shared / (mine.size + theirs.length - shared);
      if (score >= bestScore) [best, bestScore] = [w, score];
    }
    return best;
  }

  tokens(text: string): number[] {
    const V = this.meta.vocab.length;
    const out: number[] = [];
    for (const w of wordsOf(text)) {
      const id = this.vocab.get(w);
      if (id !== undefined) out.push(id);
      for (const t of trigrams(w)) out.push(V + (fnv1a(t) % this.meta.buckets));
    }
    return out;
  }

  /** The unit vector for the words, or null when they hold no token (no letter or digit). */
  encode(text: string): Float32Array | null {
    const ids = this.tokens(text);
    if (ids.length === 0) return null;
    const { embedding: E, hidden: H, dim: D } = this.meta;
    const x = new Float64Array(E);
    for (const id of ids) for (let j = 0; j < E; j++) x[j]! += this.emb[id * E + j]!;
    for (let j = 0; j < E; j++) x[j]! /= ids.length;
    const h = new Float64Array(H);
    for (let i = 0; i < H; i++) {
      let s = this.b1[i]!;
      for (let j = 0; j < E; j++) s += this.w1[i * E + j]! * x[j]!;
      h[i] = gelu(s);
    }
    const out = new Float32Array(D);
    let ss = 0;
    for (let i = 0; i < D; i++) {
      let s = this.b2[i]!;
      for (let j = 0; j < H; j++) s += this.w2[i * H + j]! * h[j]!;
      out[i] = s;
      ss += s * s;
    }
    const inv = ss > 0 ? 1 / Math.sqrt(ss) : 0;
    for (let i = 0; i < D; i++) out[i]! *= inv;
    return out;
  }
}

/** Reads text-encoder.json and its weights from `dir`, refusing a wrong size or sha256. */
export async function loadTextEncoder(dir: string): Promise<TextEncoderModel> {
  let meta: TextEncoderMeta;
  let bytes: Buffer;
  try {
    meta = JSON.parse(await readFile(join(dir, "text-encoder.json"), "utf8")) as TextEncoderMeta;
    bytes = await readFile(join(dir, meta.file));
  } catch (e) {
    throw new TextModelError(`text encoder not found in ${dir}: ${(e as Error).message}`);
  }
  if (createHash("sha256").update(bytes).digest("hex") !== meta.sha256) throw new TextModelError(`${meta.file}: sha256 differs from text-encoder.json`);
  const weights = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return new TextEncoderModel(meta, weights);
}
