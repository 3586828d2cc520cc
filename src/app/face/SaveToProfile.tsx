import { useState } from "react";
import type { StyleAdvice } from "@domain/face/advice";
import type { FaceShapeResult } from "@domain/face/shape";
import { saveFaceShape } from "@data/profile";
import { userMessage } from "@data/errors";
import { useToast } from "../components/toastContext";
import { SHAPE_NAMES } from "./messages";
import { photoToKeep } from "./photoToKeep";
import { FormError } from "../components/FormError";

/**
 * Saves the verdict and neckline preferences to the profile. The photo itself is only
 * stored when the box is ticked, re-encoded so camera metadata (location) is dropped.
 */
export function SaveToProfile({ shape, advice, photo }: { shape: FaceShapeResult; advice: StyleAdvice; photo: File }) {
  const toast = useToast();
  const [keepPhoto, setKeepPhoto] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function save() {
    setSaving(true);
    setError(null);
    try {
      await saveFaceShape({
        faceShape: { primary: shape.primary, secondary: shape.secondary, scores: { ...shape.scores }, clarity: shape.clarity },
        suitedNecklines: advice.suitedNecklines,
        avoidNecklines: advice.avoidNecklines,
        selfie: keepPhoto ? await photoToKeep(photo) : null,
      });
      setSaved(true);
      toast.show({ message: `Saved to your profile: ${SHAPE_NAMES[shape.primary]} face.` });
    } catch (e) {
      setError(userMessage(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="face-card face-save" aria-labelledby="face-save-title">
      <h3 id="face-save-title">Keep this result</h3>
      <p>Outfit suggestions will prefer the necklines that suit you.</p>
      <label className="face-check">
        <input type="checkbox" checked={keepPhoto} onChange={(e) => setKeepPhoto(e.target.checked)} />
        Also keep this photo on this device (otherwise it is forgotten when you leave)
      </label>
      <button type="button" className="button button-primary" onClick={() => void save()} disabled={saving}>
        {saving ? "Saving…" : saved ? "Saved ✓ — save again" : "Save to my profile"}
      </button>
      <FormError error={error} />
    </section>
  );
}
