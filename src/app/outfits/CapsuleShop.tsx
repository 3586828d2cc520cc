import { useCallback, useId } from "react";
import type { Product } from "@api/contract";
import { catalogWants, rankCatalogProducts, type CatalogWant, type OutfitContext, type RankedProduct } from "@domain/outfits";
import type { Item } from "@domain/wardrobe/types";
import { searchTextBatch, type ShopCallOptions } from "@shop/client";
import { capsuleShopQueries, productsOf } from "@shop/capsuleQuery";
import { formatPrice, ProductImage } from "../shop/ProductGrid";
import { useShopCall } from "../shop/useShopCall";
import "../shop/shop.css";

/** Products shown: the best, and a couple of alternatives in other kinds or colours. */
const SHOWN = 3;

interface Found {
  /** No new core piece would add an outfit: nothing was sent. */
  nothingToAsk: boolean;
  asked: string[];
  /** Products the shop returned (before ranking). */
  returned: number;
  ranked: RankedProduct<Product>[];
}

const outfitsWord = (n: number) => (n === 1 ? "outfit" : "outfits");

/**
 * "Find the piece that would add the most in the shop", under the capsule's own
 * suggestion. Only on request: the kinds and colours that would add the most outfits are
 * worked out here, sent as words ("black boots", with the category and gender as
 * filters) and each product returned is scored against the capsule as a piece of the
 * wardrobe would be. Offline or with the service down, the wardrobe suggestion above
 * stays and this says why.
 */
export function CapsuleShop({ capsule, ctx }: { capsule: readonly Item[]; ctx: OutfitContext }) {
  const id = useId();
  // Worked out after "Asking…" has painted: probing every kind and colour takes a moment on a large capsule.
  const prepare = useCallback(async () => {
    await new Promise((ok) => setTimeout(ok, 16));
    return catalogWants(capsule, ctx);
  }, [capsule, ctx]);
  const send = useCallback(
    async (endpoint: string, asked: CatalogWant[], opts: ShopCallOptions): Promise<Found> => {
      if (asked.length === 0) return { nothingToAsk: true, asked: [], returned: 0, ranked: [] };
      const queries = capsuleShopQueries(asked, ctx.gender ?? null);
      const answer = await searchTextBatch(endpoint, queries, opts);
      const products = productsOf(answer.results);
      return { nothingToAsk: false, asked: queries.map((q) => q.text), returned: products.length, ranked: rankCatalogProducts(capsule, ctx, products) };
    },
    [capsule, ctx],
  );
  const { state, run, cancel } = useShopCall(prepare, send);
  const busy = state.phase === "embedding" || state.phase === "searching";

  const find = () => {
    if (!busy) void run();
  };

  const found = state.phase === "done" ? state.result : null;
  const best = found?.ranked.slice(0, SHOWN) ?? [];
  const status =
    state.phase === "embedding"
      ? "Working out which pieces would add outfits…"
      : state.phase === "searching"
        ? "Asking the shop for pieces that would add outfits…"
        : found?.nothingToAsk
          ? "No new top, bottom, dress or shoes would add an outfit to this capsule, so the shop was not asked."
          : found
            ? found.ranked.length > 0
              ? `${found.ranked.length} of ${found.returned} products found would add outfits; the best adds ${found.ranked[0]!.adds}.`
              : `None of the ${found.returned} products found would add an outfit to this capsule.`
            : "";

  return (
    <div className="capsule-shop" data-testid="capsule-shop">
      <p className="muted capsule-shop-note" id={`${id}-note`}>
        Sends only words such as “black boots”, with the category and gender, to the shop service (Settings → Shop the look) — never a photo.
      </p>
      <div className="shop-buttons">
        <button type="button" className="button" aria-disabled={busy} aria-describedby={`${id}-note`} onClick={find}>
          {busy ? "Searching the shop…" : "Find the piece that would add the most in the shop"}
        </button>
        {busy && (
          <button type="button" className="button" onClick={cancel}>
            Cancel
          </button>
        )}
      </div>
      <p role="status" aria-live="polite" className={busy ? "shop-status shop-busy" : "shop-status"}>
        {status}
      </p>
      {state.phase === "error" && (
        <div className="shop-error" role="alert">
          <p>{state.message}</p>
          <p className="shop-detail">The piece from your wardrobe above still stands.</p>
          {state.detail && <p className="shop-detail">Details: {state.detail}</p>}
          {state.retryable && (
            <button type="button" className="button" onClick={find}>
              Retry
            </button>
          )}
        </div>
      )}
      {best.length > 0 && (
        <ul className="shop-grid capsule-shop-grid" aria-label="From the shop">
          {best.map(({ product: p, adds }) => (
            <li key={p.id} className="shop-card" data-product-id={p.id} data-category={p.category} data-colour={p.colour} data-adds={adds}>
              <ProductImage src={p.imageUrl} alt={`${p.name} by ${p.brand}`} />
              <span className="shop-name">{p.name}</span>
              <span className="shop-brand">
                {p.brand}
                {p.colour && ` · ${p.colour}`}
              </span>
              <span className="shop-meta">
                <span className="shop-price">{formatPrice(p.price)}</span>
                <strong className="capsule-shop-adds">
                  +{adds} {outfitsWord(adds)}
                </strong>
              </span>
            </li>
          ))}
        </ul>
      )}
      {found && !found.nothingToAsk && <p className="muted capsule-shop-asked">Asked the shop for: {found.asked.join(", ")}.</p>}
    </div>
  );
}
