import { useState } from "react";
import { userMessage } from "@data/errors";
import { markClean, putInWash } from "@data/laundry";
import { laundryWords } from "@domain/outfits/laundry";
import { displayName } from "@domain/wardrobe/item";
import type { Item } from "@domain/wardrobe/types";
import { useToast } from "../components/toastContext";
import { useLaundry } from "./useLaundry";
import "./laundry.css";

/** "In the wash" on a wardrobe card (part of the card's name for screen readers); nothing when laundry is off or the item is clean. */
export function LaundryBadge({ item }: { item: Item }) {
  const status = useLaundry()?.status(item);
  if (!status?.inWash) return null;
  return <span className="wash-badge">In the wash</span>;
}

/** The item editor's laundry line: its state in words and the one action that changes it. */
export function LaundryControl({ item }: { item: Item }) {
  const laundry = useLaundry();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const status = laundry?.status(item);
  if (!status) return null;
  const name = displayName(item);
  const act = async () => {
    setBusy(true);
    try {
      if (status.inWash) await markClean([item.id]);
      else await putInWash(item.id);
      toast.show({ message: status.inWash ? `“${name}” is clean again.` : `“${name}” is in the wash: it will not be suggested until it is clean.` });
    } catch (e) {
      toast.show({ message: userMessage(e), tone: "error", duration: 8000 });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="wash-control" data-testid="laundry-control">
      <p className={status.inWash ? "wash-state in-wash" : "wash-state"}>
        <strong>{status.inWash ? "In the wash" : "Clean"}</strong>: {laundryWords(status)}.
      </p>
      <button type="button" className="button" disabled={busy} onClick={() => void act()}>
        {status.inWash ? "Mark clean" : "Put in the wash"}
      </button>
    </div>
  );
}
