// The k best (score, product) pairs seen so far, as a binary min-heap: the root is the
// weakest kept hit, so most of a 60,000-product scan is one comparison with it.
// Ties go to the lower product index, so exact and IVF scans (which visit products in
// different orders) rank equal scores the same way.

export interface Hit {
  index: number;
  score: number;
}

export class TopK {
  private readonly scores: Float64Array;
  private readonly ids: Int32Array;
  size = 0;

  constructor(readonly k: number) {
    this.scores = new Float64Array(k);
    this.ids = new Int32Array(k);
  }

  /** Would (score, id) be kept? Cheap enough to call for every product. */
  admits(score: number, id: number): boolean {
    if (this.size < this.k) return true;
    const s0 = this.scores[0]!;
    return score > s0 || (score === s0 && id < this.ids[0]!);
  }

  push(score: number, id: number): void {
    if (!this.admits(score, id)) return;
    if (this.size < this.k) {
      this.scores[this.size] = score;
      this.ids[this.size] = id;
      this.siftUp(this.size++);
    } else {
      this.scores[0] = score;
      this.ids[0] = id;
      this.siftDown(0);
    }
  }

  /** Best first. */
  sorted(): Hit[] {
    const out: Hit[] = [];
    for (let i = 0; i < this.size; i++) out.push({ index: this.ids[i]!, score: this.scores[i]! });
    return out.sort((a, b) => b.score - a.score || a.index - b.index);
  }

  /** a ranks below b. */
  private weaker(a: number, b: number): boolean {
    const sa = this.scores[a]!;
    const sb = this.scores[b]!;
    return sa < sb || (sa === sb && this.ids[a]! > this.ids[b]!);
  }

  private swap(a: number, b: number): void {
    const s = this.scores[a]!;
    this.scores[a] = this.scores[b]!;
    this.scores[b] = s;
    const i = this.ids[a]!;
    this.ids[a] = this.ids[b]!;
    this.ids[b] = i;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.weaker(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.weaker(l, m)) m = l;
      if (r < this.size && this.weaker(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
