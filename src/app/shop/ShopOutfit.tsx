import { useCallback, useId, useState } from "react";
import type { BatchSearchResponse, SearchRequest } from "@api/contract";
import type { OutfitPiece } from "@domain/outfits";
import { displayName } from "@domain/wardrobe/item";
import type { Item } from "@domain/wardrobe/types";
import { searchBatch, type ShopCallOptions } from "@shop/client";
import { embedItem, GarmentQueryError, genderFor } from "@shop/garmentQuery";
import { searchRequest } from "@shop/query";
import { ProductGrid } from "./ProductGrid";
import { ShopStatus } from "./ShopStatus";
import { useShopCall } from "./useShopCall";
import "./shop.css";

/** Products per piece: an outfit shows several grids, so each stays short. */
const PER_PIECE = 4;

interface OutfitQuery {
  /** The pieces that could be compared, in the order of `requests`. */
  items: Item[];
  requests: SearchRequest[];
  /** Pieces left out (no photo, no garment found), with why. */
  skipped: string[];
}

async function prepareOutfit(pieces: readonly OutfitPiece[], signal: AbortSignal): Promise<OutfitQuery> {
  const q: OutfitQuery = { items: [], requests: [], skipped: [] };
  // One piece at a time: the vision worker runs one model call at a time anyway.
  for (const { item } of pieces) {
    try {
      const g = await embedItem(item, signal);
      q.items.push(item);
      q.requests.push(searchRequest(g, { category: item.category, gender: await genderFor(item) }, PER_PIECE));
    } catch (e) {
      if (!(e instanceof GarmentQueryError)) throw e;
      q.skipped.push(`${displayName(item)}: ${e.message}`);
    }
  }
  if (q.requests.length === 0) throw new GarmentQueryError(`None of these pieces could be compared. ${q.skipped.join(" ")}`);
  return q;
}

interface OutfitResult {
  query: OutfitQuery;
  response: BatchSearchResponse;
}

/** One batch request for every piece (searchBatch): the pieces' answers come back in order. */
const sendOutfit = async (endpoint: string, query: OutfitQuery, opts: ShopCallOptions): Promise<OutfitResult> => ({
  query,
  response: await searchBatch(endpoint, query.requests, opts),
});

/** "Shop this outfit" under a suggested outfit: similar catalog products for each of its pieces. */
export function ShopOutfit({ pieces, label }: { pieces: readonly OutfitPiece[]; label: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const prepare = useCallback((signal: AbortSignal) => prepareOutfit(pieces, signal), [pieces]);
  const { state, run, cancel } = useShopCall(prepare, sendOutfit);
  const busy = state.phase === "embedding" || state.phase === "searching";

  const start = () => {
    setOpen(true);
    void run();
  };

  return (
    <div className="shop-outfit">
      <div className="shop-buttons">
        <button
          type="button"
          className="button"
          aria-label={`Shop this outfit (${label})`}
          aria-expanded={open}
          aria-controls={`${id}-results`}
          onClick={() => !busy && start()}
          aria-disabled={busy}
        >
          {busy ? "Finding…" : "Shop this outfit"}
        </button>
        {busy && (
          <button type="button" className="button" onClick={cancel}>
            Cancel
          </button>
        )}
        {open && !busy && (
          <button type="button" className="button" onClick={() => setOpen(false)}>
            Hide products
          </button>
        )}
      </div>
      {open && (
        <div id={`${id}-results`} className="shop-outfit-results">
          <p className="shop-note">Sends each piece's 128-number shape fingerprint, its category and gender — never the photos.</p>
          <ShopStatus
            state={state}
            done={state.phase === "done" ? `Products found for ${state.result.query.items.length} of ${pieces.length} pieces.` : ""}
            onRetry={() => void run()}
          />
          {state.phase === "done" && (
            <>
              {state.result.query.skipped.map((s) => (
                <p key={s} className="shop-empty">
                  {s}
                </p>
              ))}
              {state.result.query.items.map((item, i) => {
                const hits = state.result.response.results[i]?.results ?? [];
                const name = displayName(item);
                return (
                  <section key={item.id} className="shop-piece" aria-label={`Products like ${name}`} data-shop-item-id={item.id}>
                    <h4>Like your {name}</h4>
                    {hits.length === 0 ? (
                      <p className="shop-empty">Nothing similar in the catalog.</p>
                    ) : (
                      <ProductGrid hits={hits} label={`Products like ${name}`} />
                    )}
                  </section>
                );
              })}
            </>
          )}
        </div>
      )}
    </div>
  );
}
