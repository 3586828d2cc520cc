import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { ReadyResponse } from "@api/contract";
import { checkCatalog, ShopError } from "@shop/client";
import { DEFAULT_SHOP_ENDPOINT, getShopEndpoint, setShopEndpoint } from "@shop/endpoint";
import { CHAMPION_EMBEDDER } from "@shop/garmentQuery";
import { ShopSearch } from "../shop/ShopSearch";
import "../shop/shop.css";

type Status = { kind: "busy" } | { kind: "ok"; ready: ReadyResponse } | { kind: "error"; text: string; detail: string | null } | null;

function catalogText(r: ReadyResponse): string {
  const { products, embedder } = r.catalog;
  return `Connected: ${products.toLocaleString()} products, built with ${embedder.name} v${embedder.version}.`;
}

/**
 * Settings → Shop the look: where the catalog-search service is, a connection test,
 * and a plain statement of what a search sends. Nothing is sent until the user presses
 * "Find similar products" on an item (or "Test connection" here).
 */
export default function ShopSection() {
  const [url, setUrl] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const abort = useRef<AbortController | null>(null);
  const id = useId();

  useEffect(() => {
    let live = true;
    void getShopEndpoint().then((u) => {
      if (!live) return;
      setUrl(u);
      setSaved(u);
    });
    return () => {
      live = false;
      abort.current?.abort();
    };
  }, []);

  const save = async (value: string): Promise<string | null> => {
    try {
      const v = await setShopEndpoint(value);
      setSaved(v);
      setUrl(v);
      return v;
    } catch (e) {
      setStatus({ kind: "error", text: e instanceof Error ? e.message : String(e), detail: e instanceof ShopError ? (e.detail ?? null) : null });
      return null;
    }
  };

  const test = async (e?: FormEvent) => {
    e?.preventDefault();
    if (url === null || status?.kind === "busy") return;
    setStatus({ kind: "busy" });
    const endpoint = await save(url);
    if (endpoint === null) return;
    abort.current?.abort();
    const ac = new AbortController();
    abort.current = ac;
    try {
      const ready = await checkCatalog(endpoint, { signal: ac.signal });
      setStatus({ kind: "ok", ready });
    } catch (err) {
      if (ac.signal.aborted) return;
      setStatus({ kind: "error", text: err instanceof Error ? err.message : String(err), detail: err instanceof ShopError ? (err.detail ?? null) : null });
    }
  };

  const mismatch =
    status?.kind === "ok" &&
    CHAMPION_EMBEDDER &&
    (status.ready.catalog.embedder.name !== CHAMPION_EMBEDDER.name || status.ready.catalog.embedder.version !== CHAMPION_EMBEDDER.version);

  return (
    <>
      <form className="shop-settings" onSubmit={test}>
        <p className="shop-note">
          “Find similar products” on an item asks a shop service for catalog products that look like it. It sends only the garment's 128-number shape
          fingerprint (computed on this device) and the chosen filters (category, gender) — never the photo — and only when you press the button.
        </p>
        <label className="shop-field" htmlFor={`${id}-url`}>
          Shop service address
        </label>
        <input
          id={`${id}-url`}
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-hint`}
          value={url ?? ""}
          disabled={url === null}
          onChange={(e) => setUrl(e.target.value)}
          onBlur={() => url !== null && url.trim() !== saved && void save(url)}
        />
        <p id={`${id}-hint`} className="shop-hint">
          “{DEFAULT_SHOP_ENDPOINT}” is this app's own server. Another address must allow requests from this app (CORS) and send Cross-Origin-Resource-Policy for
          its images.
        </p>
        <div className="shop-buttons">
          <button type="submit" className="button" aria-disabled={url === null || status?.kind === "busy"}>
            {status?.kind === "busy" ? "Testing…" : "Test connection"}
          </button>
          {saved !== DEFAULT_SHOP_ENDPOINT && saved !== null && (
            <button type="button" className="button" onClick={() => void save(DEFAULT_SHOP_ENDPOINT).then(() => setStatus(null))}>
              Use the default
            </button>
          )}
        </div>
        <div aria-live="polite" className="shop-test-result">
          {status?.kind === "ok" && (
            <p className="shop-ok" data-testid="shop-connection">
              {catalogText(status.ready)}
              {CHAMPION_EMBEDDER && !mismatch && ` It matches this app's model (v${CHAMPION_EMBEDDER.version}).`}
              {status.ready.images?.status === "unavailable" && " Product photos are not available from this server: results show without pictures."}
            </p>
          )}
          {mismatch && CHAMPION_EMBEDDER && (
            <p className="shop-error">
              The catalog was built for another model version (this app uses {CHAMPION_EMBEDDER.name} v{CHAMPION_EMBEDDER.version}): searches will be refused
              until the app or the catalog is updated.
            </p>
          )}
        </div>
        {status?.kind === "error" && (
          <div className="shop-error" role="alert" data-testid="shop-connection-error">
            <p>{status.text}</p>
            {status.detail && <p className="shop-detail">Details: {status.detail}</p>}
          </div>
        )}
      </form>
      <ShopSearch />
    </>
  );
}
