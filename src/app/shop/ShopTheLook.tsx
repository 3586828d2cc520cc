import { useCallback, useEffect, useId, useState } from "react";
import type { Gender, Item } from "../../domain/wardrobe/types";
import { embedItem, genderFor, searchRequest } from "./garmentQuery";
import { ProductGrid } from "./ProductGrid";
import { useShopSearch, type ShopSearchState } from "./useShopSearch";
import "./shop.css";

const CATEGORY_PLURAL: Record<string, string> = {
  top: "tops",
  bottom: "bottoms",
  dress: "dresses",
  outerwear: "outerwear",
  shoes: "shoes",
  bag: "bags",
  accessory: "accessories",
};

function statusText(s: ShopSearchState): string {
  switch (s.phase) {
    case "embedding":
      return "Reading the garment's shape on this device…";
    case "searching":
      return "Searching the catalog…";
    case "done":
      return s.response.results.length === 0 ? "No similar products found." : `${s.response.results.length} similar products found.`;
    default:
      return "";
  }
}

/**
 * "Shop the look" in the item dialog: on an explicit press, the item's embedding is
 * computed on the device and sent (with the filters, never the photo) to the shop
 * service, which answers with visually similar catalog products.
 */
export function ShopTheLook({ item }: { item: Item }) {
  const [sameCategory, setSameCategory] = useState(item.category !== null);
  const [gender, setGender] = useState<Gender | null>(item.gender);
  const ids = useId();

  useEffect(() => {
    let live = true;
    void genderFor(item).then((g) => live && setGender(g));
    return () => {
      live = false;
    };
  }, [item]);

  const category = sameCategory ? item.category : null;
  const prepare = useCallback(async (signal: AbortSignal) => searchRequest(await embedItem(item, signal), { category, gender }), [item, category, gender]);
  const { state, run, cancel } = useShopSearch(prepare);
  const busy = state.phase === "embedding" || state.phase === "searching";

  return (
    <section className="shop" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>Shop the look</h3>
      <p className="shop-note">Sends this garment's 128-number shape fingerprint and the filters below to the shop service — never the photo.</p>
      <div className="shop-controls">
        <label className="shop-check">
          <input type="checkbox" checked={sameCategory} disabled={item.category === null || busy} onChange={(e) => setSameCategory(e.target.checked)} />
          {item.category ? `Only ${CATEGORY_PLURAL[item.category] ?? item.category}` : "Same category (set the category first)"}
        </label>
        {gender && <span className="shop-gender">For {gender === "unisex" ? "anyone (unisex)" : `${gender} (and unisex)`}</span>}
      </div>
      <div className="shop-buttons">
        <button type="button" className="button button-primary" onClick={() => void run()} disabled={busy}>
          {busy ? "Finding…" : state.phase === "done" ? "Search again" : "Find similar products"}
        </button>
        {busy && (
          <button type="button" className="button" onClick={cancel}>
            Cancel
          </button>
        )}
      </div>
      <p role="status" aria-live="polite" className={busy ? "shop-status shop-busy" : "shop-status"}>
        {statusText(state)}
      </p>
      {state.phase === "error" && (
        <div className="shop-error" role="alert">
          <p>{state.message}</p>
          {state.detail && <p className="shop-detail">Details: {state.detail}</p>}
          <button type="button" className="button" onClick={() => void run()}>
            Retry
          </button>
        </div>
      )}
      {state.phase === "done" &&
        (state.response.results.length === 0 ? (
          <p className="shop-empty">Nothing in the catalog matches these filters. Try turning off the category filter.</p>
        ) : (
          <ProductGrid hits={state.response.results} label="Similar products" />
        ))}
    </section>
  );
}
