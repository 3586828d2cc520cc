import { useState } from "react";
import type { SearchHit } from "../../../api/contract";

const CATEGORY_NAMES: Record<string, string> = {
  top: "Top",
  bottom: "Bottom",
  dress: "Dress",
  outerwear: "Outerwear",
  shoes: "Shoes",
  bag: "Bag",
  accessory: "Accessory",
};

function price({ amount, currency }: { amount: number; currency: string }): string {
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** Cosine similarity shown as a match percentage (negative means unlike: 0 %). */
export const matchPercent = (score: number) => Math.round(Math.max(0, Math.min(1, score)) * 100);

/** Catalog products found for a garment: image, name, brand, price, match. */
export function ProductGrid({ hits, label }: { hits: SearchHit[]; label: string }) {
  return (
    <ul className="shop-grid" aria-label={label}>
      {hits.map((h) => (
        <li key={h.product.id} className="shop-card" data-product-id={h.product.id} data-category={h.product.category} data-gender={h.product.gender}>
          <ProductImage src={h.product.imageUrl} alt={`${h.product.name} by ${h.product.brand}`} />
          <span className="shop-name">{h.product.name}</span>
          <span className="shop-brand">
            {h.product.brand} · {CATEGORY_NAMES[h.product.category] ?? h.product.category}
          </span>
          <span className="shop-meta">
            <span className="shop-price">{price(h.product.price)}</span>
            <span className="shop-match">{matchPercent(h.score)} % match</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

function ProductImage({ src, alt }: { src: string; alt: string }) {
  const [failed, setFailed] = useState(false);
  if (failed) return <span className="shop-img shop-img-missing" role="img" aria-label={`${alt} (image unavailable)`} />;
  return <img className="shop-img" src={src} alt={alt} decoding="async" onError={() => setFailed(true)} />;
}
