import { useState, type FormEvent } from "react";
import { userMessage } from "@data/errors";
import { getItem, updateItem } from "@data/items";
import { resolveReview } from "@data/predictions";
import { displayName } from "@domain/wardrobe/item";
import type { Item } from "@domain/wardrobe/types";
import { Dialog } from "../components/Dialog";
import { useToast } from "../components/toastContext";
import { useLiveQuery } from "../components/useLiveQuery";
import { draftOf, ItemFields, type Draft } from "./ItemFields";
import { EditorPhoto } from "./EditorPhoto";
import { RecognitionInfo } from "./RecognitionInfo";
import { SimilarItems } from "./SimilarItems";
import { ShopTheLook } from "../shop/ShopTheLook";
import { LaundryControl } from "../outfits/LaundryMarks";
import { FormError } from "../components/FormError";

/** The item detail dialog: the photo, every field, Save, "Worn today" and Delete. */
export function ItemEditor({
  itemId,
  onClose,
  onDelete,
  onOpen,
}: {
  itemId: string | null;
  onClose: () => void;
  onDelete: (item: Item) => void;
  /** Open another item (from "Similar in your wardrobe"). */
  onOpen?: (id: string) => void;
}) {
  const item = useLiveQuery(() => (itemId ? getItem(itemId) : Promise.resolve(undefined)), [itemId]);
  const title = item ? displayName(item) : "Item";
  return (
    <Dialog title={title} open={itemId !== null} onClose={onClose} className="editor-dialog">
      {item && item.deletedAt === null ? (
        <EditorBody key={item.id} item={item} onClose={onClose} onDelete={onDelete} onOpen={onOpen} />
      ) : (
        <p className="loading">Loading…</p>
      )}
    </Dialog>
  );
}

function EditorBody({ item, onClose, onDelete, onOpen }: { item: Item; onClose: () => void; onDelete: (item: Item) => void; onOpen?: (id: string) => void }) {
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(() => draftOf(item));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      // A new kind for a recognised item is a correction: logged against the prediction and
      // learned from (personal recognition), exactly like an answer in the confirm step.
      const kindChanged = draft.category !== item.category || draft.subtype !== item.subtype;
      if (item.recognition && draft.category && kindChanged) await resolveReview(item.id, draft.category, draft.subtype);
      await updateItem(item.id, draft);
      toast.show({ message: `Saved “${displayName({ ...item, ...draft })}”.` });
      onClose();
    } catch (err) {
      setError(userMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const wornToday = async () => {
    try {
      await updateItem(item.id, { wearCount: item.wearCount + 1, lastWornAt: Date.now() });
      toast.show({ message: `Marked as worn (${item.wearCount + 1}×).` });
    } catch (err) {
      setError(userMessage(err));
    }
  };

  return (
    <form className="editor" onSubmit={save}>
      <div className="editor-photo">
        <EditorPhoto item={item} />
        <p className="editor-wear">
          Worn {item.wearCount} {item.wearCount === 1 ? "time" : "times"}
          {item.lastWornAt ? `, last on ${new Date(item.lastWornAt).toLocaleDateString()}` : ""}.
        </p>
        <button type="button" className="button" onClick={wornToday}>
          Worn today
        </button>
        <LaundryControl item={item} />
        <RecognitionInfo item={item} />
        {onOpen && <SimilarItems item={item} onOpen={onOpen} />}
      </div>
      <ItemFields draft={draft} onChange={setDraft} />
      <ShopTheLook item={item} />
      <FormError error={error} />
      <div className="editor-actions">
        <button type="button" className="button button-danger" onClick={() => onDelete(item)}>
          Delete
        </button>
        <span className="spacer" />
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? "Saving…" : "Save"}
        </button>
      </div>
    </form>
  );
}
