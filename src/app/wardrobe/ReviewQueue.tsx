import { useMemo, useState } from "react";
import { getThumbnail } from "@data/images";
import { needingReview, resolveReview } from "@data/predictions";
import { userMessage } from "@data/errors";
import { CATEGORIES, type Category, type Item } from "@domain/wardrobe/types";
import { deleteItem, restoreItem } from "@data/items";
import { KindPicker, capitalise } from "./KindPicker";
import { useToast } from "../components/toastContext";
import { Dialog } from "../components/Dialog";
import { useObjectUrl } from "./useObjectUrl";
import "./vision.css";

const pct = (p: number) => `${Math.round(p * 100)} %`;
const cap = capitalise;

/**
 * The confirm step: photos the recogniser was not sure about (below the confidence
 * threshold) wait here until the user picks the category. Never a silent guess.
 * `items`: the wardrobe's live items, as the screen holds them (undefined until all are
 * loaded): the queue is taken from them rather than read again, since every change to
 * the wardrobe (each imported photo) would read all of it once more.
 */
export function ReviewQueue({ items }: { items: readonly Item[] | undefined }) {
  const pending = useMemo(() => items && needingReview(items), [items]);
  const [open, setOpen] = useState(false);
  // A photo dropped while more wait: its Undo sits in the dialog, since a modal dialog makes
  // the page's toasts unreachable (inert) until it closes.
  const [dropped, setDropped] = useState<string | null>(null);
  const toast = useToast();
  if (!pending || pending.length === 0) return null;
  const n = pending.length;
  const onDropped = (id: string) => {
    if (n > 1) return setDropped(id);
    setOpen(false);
    toast.show({ message: "Photo dropped.", action: { label: "Undo", onAction: () => void restoreItem(id) } });
  };
  const close = () => {
    setOpen(false);
    setDropped(null);
  };
  return (
    <div className="review-banner" role="region" aria-label="Items to confirm">
      <p>
        {n === 1 ? "1 photo needs" : `${n} photos need`} your help: Curator wasn’t sure what {n === 1 ? "it is" : "they are"}.
      </p>
      <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
        Review
      </button>
      <Dialog title="What is this?" open={open} onClose={close} className="review-dialog">
        {dropped && (
          <p className="review-dropped" role="status">
            Photo dropped.{" "}
            <button
              type="button"
              className="button"
              onClick={() => {
                void restoreItem(dropped);
                setDropped(null);
              }}
            >
              Undo
            </button>
          </p>
        )}
        {pending[0] && (
          <ReviewOne
            key={pending[0].id}
            item={pending[0]}
            left={n}
            onDone={() => {
              setDropped(null);
              if (n === 1) setOpen(false);
            }}
            onDropped={onDropped}
          />
        )}
      </Dialog>
    </div>
  );
}

function ReviewOne({ item, left, onDone, onDropped }: { item: Item; left: number; onDone: () => void; onDropped: (id: string) => void }) {
  const thumb = useObjectUrl(item.imageId, getThumbnail);
  const [category, setCategory] = useState<Category | "">("");
  const [subtype, setSubtype] = useState("");
  const [error, setError] = useState<string | null>(null);
  const top = item.recognition?.top ?? [];
  const notClothing = item.recognition?.notClothing === true;
  const [keeping, setKeeping] = useState(false);

  const choose = async (c: Category, s: string | null) => {
    try {
      await resolveReview(item.id, c, s);
      onDone();
    } catch (e) {
      setError(userMessage(e));
    }
  };

  const drop = async () => {
    try {
      await deleteItem(item.id);
      onDropped(item.id);
    } catch (e) {
      setError(userMessage(e));
    }
  };

  if (notClothing && !keeping) {
    return (
      <div className="review-one">
        {thumb ? <img src={thumb} alt="The photo to confirm" className="review-photo" /> : <div className="review-photo" aria-hidden="true" />}
        <p className="review-left">{left === 1 ? "Last one" : `${left} left`}</p>
        <p className="review-not-clothing" role="status">
          <strong>This doesn’t look like clothing.</strong> Curator did not file it. Keep it if it is something you wear, or drop the photo.
        </p>
        <div className="review-actions">
          <button type="button" className="button button-primary" onClick={() => setKeeping(true)}>
            Keep it anyway
          </button>
          <button type="button" className="button" onClick={() => void drop()}>
            Drop it
          </button>
        </div>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </div>
    );
  }

  return (
    <div className="review-one">
      {thumb ? <img src={thumb} alt="The photo to confirm" className="review-photo" /> : <div className="review-photo" aria-hidden="true" />}
      <p className="review-left">{left === 1 ? "Last one" : `${left} left`}</p>
      {top.length > 0 && (
        <fieldset className="review-choices">
          <legend>Curator’s best guesses</legend>
          {top.map((t) => (
            <button key={`${t.category}-${t.subtype}`} type="button" className="button choice" onClick={() => void choose(t.category, t.subtype)}>
              {cap(t.subtype)}{" "}
              <span className="muted">
                ({t.category}, {pct(t.confidence)})
              </span>
            </button>
          ))}
        </fieldset>
      )}
      <form
        className="review-other"
        onSubmit={(e) => {
          e.preventDefault();
          if (category) void choose(category, subtype || null);
        }}
      >
        <label>
          Something else
          <select
            value={category}
            onChange={(e) => {
              setCategory(e.target.value as Category | "");
              setSubtype("");
            }}
          >
            <option value="">Choose a category…</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {cap(c)}
              </option>
            ))}
          </select>
        </label>
        {category && (
          <label>
            Type
            <KindPicker id={`review-kind-${item.id}`} category={category} value={subtype || null} onChange={(k) => setSubtype(k ?? "")} emptyLabel="Any" />
          </label>
        )}
        <button type="submit" className="button" disabled={!category}>
          Use this
        </button>
      </form>
      <p className="review-drop">
        <button type="button" className="button link-button" onClick={() => void drop()}>
          Not something you wear? Drop the photo
        </button>
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
