import { useCallback, useEffect, useId, useState } from "react";
import type { Gender, Item } from "@domain/wardrobe/types";
import { embedItem, genderFor } from "@shop/garmentQuery";
import { searchRequest } from "@shop/query";
import { ProductGrid } from "./ProductGrid";
import { searchSimilar, searchText } from "@shop/client";
import { API_COLOURS, type ApiColour, type SearchResponse } from "@api/contract";
import { ShopStatus } from "./ShopStatus";
import { useShopCall } from "./useShopCall";
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

function doneText(r: SearchResponse): string {
  return r.results.length === 0 ? "No similar products found." : `${r.results.length} similar products found.`;
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
  const { state, run, cancel } = useShopCall(prepare, searchSimilar);
  const [colour, setColour] = useState<ApiColour>("red");
  // "Like this, but in red": the item's embedding and the colour word, nothing else.
  const prepareColour = useCallback(
    async (signal: AbortSignal) => {
      const q = searchRequest(await embedItem(item, signal), { category, gender });
      return { text: colour, like: { embedding: q.embedding, embedder: q.embedder }, k: q.k ?? 12, ...(q.category ? { category: q.category } : {}) };
    },
    [item, category, gender, colour],
  );
  const inColour = useShopCall(prepareColour, searchText);
  const busy = state.phase === "embedding" || state.phase === "searching" || inColour.state.phase === "embedding" || inColour.state.phase === "searching";

  return (
    <section className="shop" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>Shop the look</h3>
      <p className="shop-note">
        Sends this garment's 128-number shape fingerprint and the filters below (and, for another colour, the colour's name) to the shop service — never the
        photo.
      </p>
      <div className="shop-controls">
        <label className="shop-check">
          <input type="checkbox" checked={sameCategory} disabled={item.category === null || busy} onChange={(e) => setSameCategory(e.target.checked)} />
          {item.category ? `Same category (${CATEGORY_PLURAL[item.category] ?? item.category} only)` : "Same category (set the item's category first)"}
        </label>
        {gender && <span className="shop-gender">For {gender === "unisex" ? "anyone (unisex)" : `${gender} (and unisex)`}</span>}
      </div>
      <div className="shop-buttons">
        {/* aria-disabled, not disabled: a disabled button drops the keyboard focus to the page. */}
        <button type="button" className="button button-primary" onClick={() => !busy && void run()} aria-disabled={busy}>
          {busy ? "Finding…" : state.phase === "done" ? "Search again" : "Find similar products"}
        </button>
        {busy && (
          <button type="button" className="button" onClick={cancel}>
            Cancel
          </button>
        )}
      </div>
      <ShopStatus state={state} done={state.phase === "done" ? doneText(state.result) : ""} onRetry={() => void run()} />
      {state.phase === "done" &&
        (state.result.results.length === 0 ? (
          <p className="shop-empty">Nothing in the catalog matches these filters. Try turning off the category filter.</p>
        ) : (
          <ProductGrid hits={state.result.results} label="Similar products" />
        ))}
      <div className="shop-colour-row">
        <label htmlFor={`${ids}-colour`}>Like this, but in</label>
        <select id={`${ids}-colour`} value={colour} disabled={busy} onChange={(e) => setColour(e.target.value as ApiColour)}>
          {API_COLOURS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <button type="button" className="button" onClick={() => !busy && void inColour.run()} aria-disabled={busy}>
          Find it in {colour}
        </button>
      </div>
      {inColour.state.phase !== "idle" && (
        <ShopStatus
          state={inColour.state}
          done={inColour.state.phase === "done" ? `${inColour.state.result.results.length} products like this in ${colour} found.` : ""}
          onRetry={() => void inColour.run()}
        />
      )}
      {inColour.state.phase === "done" && inColour.state.result.results.length > 0 && (
        <ProductGrid hits={inColour.state.result.results} label={`Like this, in ${colour}`} />
      )}
    </section>
  );
}
