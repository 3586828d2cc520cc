import { useId } from "react";
import { userMessage } from "@data/errors";
import { PIECE_PHOTO_CHOICES, type PiecePhotoChoice } from "@data/settings";
import { useToast } from "../components/toastContext";
import { choosePiecePhotos, usePiecePhotoMode } from "./pieceThumbnails";

const LABELS: Record<PiecePhotoChoice, string> = { cutout: "Cut-out (default)", original: "As photographed" };

/**
 * Settings → Appearance: how an item cut out of a photo of several garments shows in the
 * wardrobe, outfits and similar items — its cut-out, or the photo around it.
 */
export function PiecePhotosSetting() {
  const choice = usePiecePhotoMode();
  const toast = useToast();
  const id = useId();
  return (
    <fieldset className="appearance piece-photos-setting" aria-describedby={`${id}-hint`}>
      <legend>Photos of pieces</legend>
      {PIECE_PHOTO_CHOICES.map((c) => (
        <label key={c} className="appearance-choice">
          <input
            type="radio"
            name={`${id}-piece-photos`}
            value={c}
            checked={choice === c}
            onChange={() => void choosePiecePhotos(c).catch((e) => toast.show({ message: `Could not save: ${userMessage(e)}`, tone: "error" }))}
          />
          {LABELS[c]}
        </label>
      ))}
      <p className="settings-hint" id={`${id}-hint`}>
        For items cut out of a photo of several garments: show the cut-out on a plain background, or the photo around the piece as you took it.
      </p>
    </fieldset>
  );
}
