import { useMemo } from "react";
import { userMessage } from "@data/errors";
import { deleteSavedOutfit, deleteWear, localDate, logWear, recordFeedback, saveOutfit, type SavedOutfit, type WearLogEntry } from "@data/outfits";
import type { OutfitContext } from "@domain/outfits";
import { useToast } from "../components/toastContext";
import { dateOf } from "./calendar";
import { longDate } from "./format";

/**
 * The outfit screens' writes, each reporting back in a toast: success in a
 * sentence (with Undo where one exists), failure with the repository's message.
 * Each resolves to the result, or null when the write failed (nothing was changed).
 */
export function useOutfitActions() {
  const toast = useToast();
  return useMemo(() => {
    const fail = (e: unknown) => {
      toast.show({ message: userMessage(e), tone: "error", duration: 8000 });
      return null;
    };
    const dayText = (date: string) => (date === localDate(Date.now()) ? "today" : `on ${longDate(dateOf(date))}`);
    return {
      async feedback(itemIds: readonly string[], verdict: "like" | "dislike", context: OutfitContext): Promise<true | null> {
        try {
          await recordFeedback(itemIds, verdict, context);
        } catch (e) {
          return fail(e);
        }
        toast.show({
          message: verdict === "like" ? "Liked: new suggestions lean towards outfits like this." : "Disliked: this combination will not be suggested again.",
        });
        return true;
      },
      async wear(itemIds: readonly string[], date: string, context: OutfitContext, outfitId: string | null = null): Promise<WearLogEntry | null> {
        let entry: WearLogEntry;
        try {
          entry = await logWear({ itemIds, date, context, outfitId });
        } catch (e) {
          return fail(e);
        }
        toast.show({
          message: `Logged as worn ${dayText(date)}.`,
          action: {
            label: "Undo",
            onAction: () => void deleteWear(entry.id).then(() => toast.show({ message: "Wear removed." }), fail),
          },
        });
        return entry;
      },
      async removeWear(entry: WearLogEntry): Promise<true | null> {
        try {
          await deleteWear(entry.id);
        } catch (e) {
          return fail(e);
        }
        toast.show({ message: `Removed from ${longDate(dateOf(entry.date))}.` });
        return true;
      },
      async save(itemIds: readonly string[], name: string, score: number): Promise<SavedOutfit | null> {
        try {
          const saved = await saveOutfit({ itemIds, name, score });
          toast.show({ message: `Saved “${saved.name}”.` });
          return saved;
        } catch (e) {
          return fail(e);
        }
      },
      async deleteSaved(outfit: SavedOutfit): Promise<true | null> {
        try {
          await deleteSavedOutfit(outfit.id);
        } catch (e) {
          return fail(e);
        }
        toast.show({ message: `Deleted “${outfit.name}”.` });
        return true;
      },
    };
  }, [toast]);
}
