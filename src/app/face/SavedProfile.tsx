import { useState } from "react";
import { clearFaceShape, getProfile } from "@data/profile";
import { userMessage } from "@data/errors";
import { FACE_SHAPES, type FaceShape } from "@domain/face/shape";
import { useLiveQuery } from "../components/useLiveQuery";
import { necklineName, SHAPE_NAMES } from "./messages";
import { FormError } from "../components/FormError";

const isShape = (s: string): s is FaceShape => (FACE_SHAPES as readonly string[]).includes(s);

/** What is saved in the profile now (live: updates on save, in other tabs too), with a way to remove it. */
export function SavedProfile() {
  const profile = useLiveQuery(() => getProfile(), []);
  const [error, setError] = useState<string | null>(null);
  const face = profile?.faceShape;
  if (!face) return null;
  const name = isShape(face.primary) ? SHAPE_NAMES[face.primary] : face.primary;

  async function remove() {
    try {
      setError(null);
      await clearFaceShape();
    } catch (e) {
      setError(userMessage(e));
    }
  }

  return (
    <section className="face-card face-saved" aria-labelledby="face-saved-title" data-testid="face-saved">
      <h3 id="face-saved-title">In your profile</h3>
      <p>
        <strong>{name}</strong> face
        {profile.suitedNecklines.length > 0 && <> · prefers {profile.suitedNecklines.map(necklineName).join(", ")}</>}
        {profile.selfie && <> · photo kept on this device</>}
      </p>
      <button type="button" className="button button-danger" onClick={() => void remove()}>
        Remove from my profile
      </button>
      <FormError error={error} />
    </section>
  );
}
