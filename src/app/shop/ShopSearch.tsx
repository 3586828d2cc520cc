import { useCallback, useId, useState, type FormEvent } from "react";
import { MAX_TEXT_CHARS, type TextSearchResponse, type TextUnderstanding } from "@api/contract";
import { searchText } from "@shop/client";
import { ProductGrid } from "./ProductGrid";
import { ShopStatus } from "./ShopStatus";
import { useShopCall } from "./useShopCall";
import "./shop.css";

/** What the service made of the words, in words: "black · ankle boots". */
export function understoodText(u: TextUnderstanding): string {
  const parts = [u.colour, u.pattern, u.gender && (u.gender === "unisex" ? "unisex" : `${u.gender}'s`), u.words].filter(Boolean);
  return parts.join(" · ");
}

function doneText(r: TextSearchResponse): string {
  const what = understoodText(r.understood);
  return r.results.length === 0 ? `No products found for ${what}.` : `${r.results.length} products found for ${what}.`;
}

/**
 * "Search the shop" by words ("black ankle boots", "navy striped shirt"): on submit,
 * the words — and nothing else — go to the shop service, whose text encoder finds the
 * products they describe.
 */
export function ShopSearch() {
  const [text, setText] = useState("");
  const ids = useId();
  const prepare = useCallback((): Promise<{ text: string; k: number }> => Promise.resolve({ text, k: 12 }), [text]);
  const { state, run, cancel } = useShopCall(prepare, searchText);
  const busy = state.phase === "embedding" || state.phase === "searching";

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!busy && text.trim()) void run();
  };

  return (
    <section className="shop" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>Search the shop</h3>
      <p className="shop-note" id={`${ids}-note`}>
        Sends only the words you type to the shop service. Colours, patterns and “women's” / “men's” narrow the results.
      </p>
      <form className="shop-search" role="search" onSubmit={submit}>
        <label htmlFor={`${ids}-q`} className="visually-hidden">
          Search the shop
        </label>
        <input
          id={`${ids}-q`}
          type="search"
          value={text}
          maxLength={MAX_TEXT_CHARS}
          placeholder="e.g. black ankle boots"
          aria-describedby={`${ids}-note`}
          autoComplete="off"
          enterKeyHint="search"
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="button button-primary" aria-disabled={busy || !text.trim()}>
          {busy ? "Searching…" : "Search"}
        </button>
        {busy && (
          <button type="button" className="button" onClick={cancel}>
            Cancel
          </button>
        )}
      </form>
      <ShopStatus state={state} done={state.phase === "done" ? doneText(state.result) : ""} onRetry={() => void run()} />
      {state.phase === "done" &&
        (state.result.results.length === 0 ? (
          <p className="shop-empty">Nothing in the catalog matches. Try fewer words, or another colour.</p>
        ) : (
          <ProductGrid hits={state.result.results} label={`Products for ${understoodText(state.result.understood)}`} />
        ))}
    </section>
  );
}
