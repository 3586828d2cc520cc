import { useState } from "react";
import type { SearchHit } from "@api/contract";

const CATEGORY_NAMES: Record<string, string> = {
  top: "Top",
  bottom: "Bottom",
  dress: "Dress",
  outerwear: "Outerwear",
  shoes: "Shoes",
  bag: "Bag",
  accessory: "Accessory",
};

export function formatPrice({ amount, currency }: { amount: number; currency: string }): string {
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/**
 * The score in words. A percentage misleads here: the embedder packs each kind of
 * garment tightly (two shirts score ~0.998, a shirt and a shoe ~0.16), so nearly every
 * hit would read "100 %". Measured on the catalog: the 12th nearest product of the same
 * class scores >= 0.997 for 95 % of queries, a typical pair of the same class 0.998
 * (5th percentile 0.944), a pair of different classes 0.16 (95th percentile 0.63).
 */
export function matchWords(score: number): string {
  if (score >= 0.997) return "Very close";
  if (score >= 0.94) return "Close";
  if (score >= 0.65) return "Similar";
  return "A different look";
}

/** Catalog products found for a garment: image, name, brand, price, match. */
export function ProductGrid({ hits, label }: { hits: SearchHit[]; label: string }) {
  return (
    <ul className="shop-grid" aria-label={label}>
      {hits.map((h, i) => (
        <li
          key={h.product.id}
          className="shop-card"
          data-product-id={h.product.id}
          data-category={h.product.category}
          data-subtype={h.product.subtype}
          data-gender={h.product.gender}
          data-colour={h.product.colour}
        >
          <ProductImage src={h.product.imageUrl} alt={`${h.product.name} by ${h.product.brand}`} />
          <span className="shop-name">{h.product.name}</span>
          <span className="shop-brand">
            {h.product.brand} · {CATEGORY_NAMES[h.product.category] ?? h.product.category}
            {h.product.colour && ` · ${h.product.colour}${h.product.pattern && h.product.pattern !== "plain" ? `, ${h.product.pattern}` : ""}`}
          </span>
          <span className="shop-meta">
            <span className="shop-price">{formatPrice(h.product.price)}</span>
            <span className="shop-match" title={`Similarity ${h.score.toFixed(3)}`}>
              {i === 0 ? `Best match · ${matchWords(h.score)}` : matchWords(h.score)}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}

export function ProductImage({ src, alt }: { src: string; alt: string }) {
  const [failed, setFailed] = useState(false);
  if (failed) return <span className="shop-img shop-img-missing" role="img" aria-label={`${alt} (image unavailable)`} />;
  return <img className="shop-img" src={src} alt={alt} decoding="async" onError={() => setFailed(true)} />;
}
