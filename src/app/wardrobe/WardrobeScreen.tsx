import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { userMessage } from "@data/errors";
import { deleteItem, purgeDeleted, restoreItem, UNDO_WINDOW_MS } from "@data/items";
import { coloursInUse, EMPTY_QUERY, kindsOf, queryWardrobe, searchText, type WardrobeQuery } from "@domain/wardrobe/filter";
import { displayName } from "@domain/wardrobe/item";
import type { Item } from "@domain/wardrobe/types";
import { useToast } from "../components/toastContext";
import { importPhotos, type ImportProgress, type ImportReport } from "@ml/import/importPhotos";
import { ImportPanel } from "./ImportPanel";
import { ItemEditor } from "./ItemEditor";
import { ModelLoadNotice } from "./ModelLoadNotice";
import { ReviewQueue } from "./ReviewQueue";
import { Toolbar } from "./Toolbar";
import { FingerprintRefresh } from "./FingerprintRefresh";
import { useWardrobeItems } from "./useWardrobeItems";
import { useSharedPhotos } from "../pwa/useSharedPhotos";
import { launch } from "../pwa/launch";
import { VirtualGrid } from "./VirtualGrid";
import { importReviewer, usePieceReview } from "./usePieceReview";
import "./wardrobe.css";

// Search text is built once per item object; edits produce new objects, so stale entries simply drop out.
const textCache = new WeakMap<Item, string>();
function cachedText(item: Item): string {
  let t = textCache.get(item);
  if (t === undefined) textCache.set(item, (t = searchText(item)));
  return t;
}

export default function WardrobeScreen() {
  const toast = useToast();
  const { items, complete } = useWardrobeItems();
  const [query, setQuery] = useState<WardrobeQuery>(EMPTY_QUERY);
  // Typing stays responsive on 10,000 items: the grid catches up a frame later.
  const deferredQuery = useDeferredValue(query);
  const [openId, setOpenId] = useState<string | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const abort = useRef<AbortController | null>(null);
  // "Found 4 pieces": the import asks here when the detector finds several garments in a photo.
  const pieceReview = usePieceReview();
  const review = pieceReview.review;

  // Photos of items deleted in an earlier session are freed once their undo window is over.
  useEffect(() => {
    void purgeDeleted().catch(() => undefined);
    // Bench/test seeding hooks, fetched only on request (?curator-debug) and only in dev and
    // test builds (`vite build --mode e2e`): Vite inlines MODE, so a production build folds the
    // condition to false and drops the import and its chunk (tools/check-production-bundle.mjs).
    if (import.meta.env.MODE !== "production" && new URLSearchParams(location.search).has("curator-debug"))
      void Promise.all([import("@data/debug"), import("./pieces/debugReview")]).then(([data, pieces]) => {
        data.install();
        pieces.install(review);
      });
  }, [review]);

  const shown = useMemo(() => (items ? queryWardrobe(items, deferredQuery, cachedText) : []), [items, deferredQuery]);
  const colours = useMemo(() => (items ? coloursInUse(items) : []), [items]);
  const kinds = useMemo(() => (items && query.category ? kindsOf(items, query.category) : []), [items, query.category]);

  /** Resolves true once the import has reported on every file (false: it could not run). */
  const onFiles = async (files: File[]): Promise<boolean> => {
    const controller = new AbortController();
    abort.current = controller;
    setReport(null);
    setProgress({ done: 0, total: files.length, current: null });
    try {
      setReport(await importPhotos(files, { onProgress: setProgress, signal: controller.signal, reviewPieces: importReviewer(pieceReview.review) }));
      return true;
    } catch (e) {
      toast.show({ message: userMessage(e), tone: "error", duration: Infinity });
      return false;
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };
  // Photos shared from another app (or opened with Curator) go through the same import.
  useSharedPhotos(onFiles, progress !== null);
  // The "Add clothes" shortcut: the Add photos button is one tap away, with the focus on it.
  const [focusAdd] = useState(() => launch.action === "add");
  useEffect(() => {
    launch.action = null; // once: coming back to the tab later is an ordinary visit
  }, []);

  const onDelete = useCallback(
    async (item: Item) => {
      setOpenId(null);
      try {
        await deleteItem(item.id);
      } catch (e) {
        toast.show({ message: userMessage(e), tone: "error" });
        return;
      }
      toast.show({
        message: `Deleted “${displayName(item)}”.`,
        duration: UNDO_WINDOW_MS - 500,
        action: {
          label: "Undo",
          onAction: () => {
            void restoreItem(item.id).then((ok) =>
              toast.show({ message: ok ? `Restored “${displayName(item)}”.` : "Too late to undo: the item was already removed." }),
            );
          },
        },
      });
      setTimeout(() => void purgeDeleted().catch(() => undefined), UNDO_WINDOW_MS + 1000);
    },
    [toast],
  );

  const total = items?.length ?? 0;
  return (
    <section className="wardrobe" aria-labelledby="wardrobe-title">
      <div className="wardrobe-head">
        <h2 id="wardrobe-title">Wardrobe</h2>
        <ImportPanel
          busy={progress !== null}
          progress={progress}
          report={report}
          onFiles={(f) => void onFiles(f)}
          focusAdd={focusAdd}
          onCancel={() => abort.current?.abort()}
          onDismissReport={() => setReport(null)}
        />
      </div>
      <ModelLoadNotice />
      <FingerprintRefresh />
      <ReviewQueue items={complete ? items : undefined} />
      {items === undefined ? (
        <p className="loading" role="status">
          Loading your wardrobe…
        </p>
      ) : total === 0 ? (
        <div className="empty-state">
          <p className="empty-title">Add your first clothes</p>
          <p>Take or choose photos of your clothes: each photo becomes an item you can describe, filter and combine. Photos stay on this device.</p>
        </div>
      ) : (
        <>
          <Toolbar query={query} colours={colours} kinds={kinds} onChange={setQuery} />
          <p className="result-count" aria-live="polite" data-testid="result-count">
            {!complete ? "Loading all items…" : shown.length === total ? `${total} ${total === 1 ? "item" : "items"}` : `${shown.length} of ${total} items`}
          </p>
          {shown.length === 0 ? (
            <p className="empty-filter">Nothing matches these filters.</p>
          ) : (
            <VirtualGrid items={shown} onOpen={setOpenId} label="Wardrobe items" />
          )}
        </>
      )}
      {pieceReview.element}
      <ItemEditor itemId={openId} onClose={() => setOpenId(null)} onDelete={(i) => void onDelete(i)} onOpen={setOpenId} />
    </section>
  );
}
