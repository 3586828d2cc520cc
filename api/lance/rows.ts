// Catalog rows for the Lance table: the real catalog (one row per Fashion-MNIST product,
// its stored vector and its attributes), and — for measuring at scale — the same catalog
// grown to millions of products.
//
// Growing (deterministic, so a resumed or repeated build writes the same rows): product
// i >= count is a variant of real product i mod count — its vector is that product's
// plus Gaussian noise of the size of its own class-residual (so it stays inside its
// class's cluster, about as far from its source as two real garments of the class are),
// and its gender, colour and pattern are drawn for its own id. Clusters and filter
// selectivity therefore behave like the real catalog's.
import type { Catalog } from "../catalog/load";
import { CLASSES, productGender, productLook } from "../catalog/products";
import { seeded } from "../random";
import { DIM, type ProductColumns } from "./table";

function gaussian(r: () => number): number {
  const u = Math.max(r(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

/** Product i's unit vector: the catalog's for i < count, a seeded variant beyond. */
function vectorOf(c: Catalog, i: number, out: Float32Array, o: number): void {
  const n = c.manifest.count;
  const src = i % n;
  const s = c.scales[src]!;
  const co = c.labels[src]! * DIM;
  let ss = 0;
  if (i < n) {
    for (let j = 0; j < DIM; j++) {
      const x = c.centroids[co + j]! + s * c.vectors[src * DIM + j]!;
      out[o + j] = x;
      ss += x * x;
    }
  } else {
    // The residual's RMS sets the noise: a variant moves about as far as its class spreads.
    let rss = 0;
    for (let j = 0; j < DIM; j++) rss += (s * c.vectors[src * DIM + j]!) ** 2;
    const sigma = Math.sqrt(rss / DIM) * 0.6;
    const r = seeded(Math.imul(i, 0x9e3779b1) ^ 0x1405);
    for (let j = 0; j < DIM; j++) {
      const x = c.centroids[co + j]! + s * c.vectors[src * DIM + j]! + sigma * gaussian(r);
      out[o + j] = x;
      ss += x * x;
    }
  }
  const inv = ss > 0 ? 1 / Math.sqrt(ss) : 0;
  for (let j = 0; j < DIM; j++) out[o + j]! *= inv;
}

/** Rows [from, to) in batches of `batch`; attributes as describeProduct gives them (price aside: a seeded draw). */
export function* productRows(c: Catalog, from: number, to: number, batch = 16384): Generator<ProductColumns> {
  for (let start = from; start < to; start += batch) yield columnsOf(c, start, Math.min(to, start + batch) - start);
}

/** The rows of the given product ids (ascending), in batches of `batch`: one shard's rows. */
export function* productRowsOf(c: Catalog, ids: Int32Array, batch = 16384): Generator<ProductColumns> {
  for (let s = 0; s < ids.length; s += batch) {
    const part = ids.subarray(s, Math.min(ids.length, s + batch));
    yield columnsOf(c, part[0]!, part.length, part);
  }
}

/** The catalog's category and gender of product i (what the shards are split by), cheap: no vector. */
export function productShardKey(c: Catalog, i: number): { category: string; gender: string } {
  const label = c.labels[i % c.manifest.count]!;
  return { category: CLASSES[label]!.category, gender: productGender(c.manifest.dataset.split, i, label) };
}

function columnsOf(c: Catalog, start: number, n: number, ids?: Int32Array): ProductColumns {
  const split = c.manifest.dataset.split;
  const cols: ProductColumns = {
    start,
    ...(ids ? { ids } : {}),
    vectors: new Float32Array(n * DIM),
    category: new Array<string>(n),
    subtype: new Array<string>(n),
    gender: new Array<string>(n),
    colour: new Array<string>(n),
    pattern: new Array<string>(n),
    price: new Float32Array(n),
  };
  for (let k = 0; k < n; k++) {
    const i = ids ? ids[k]! : start + k;
    const label = c.labels[i % c.manifest.count]!;
    const cls = CLASSES[label]!;
    vectorOf(c, i, cols.vectors, k * DIM);
    cols.category[k] = cls.category;
    cols.subtype[k] = cls.subtype;
    cols.gender[k] = productGender(split, i, label);
    const look = productLook(split, i, label);
    cols.colour[k] = look.colour;
    cols.pattern[k] = look.pattern;
    cols.price[k] = Math.round(seeded(i ^ 0x7e1ce)() * 200 * 100) / 100 + 10;
  }
  return cols;
}
