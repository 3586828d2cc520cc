import type { Item } from "@domain/wardrobe/types";
import { modelRefLabel, readModelRef } from "@domain/vision/modelRef";

/** What the recogniser said about this photo, and whether the user confirmed it. */
export function RecognitionInfo({ item }: { item: Item }) {
  const r = item.recognition;
  if (!r) return null;
  const [best, ...rest] = r.top;
  const model = readModelRef(r.modelVersion);
  const version = model ? modelRefLabel(model) : String(r.modelVersion);
  return (
    <div className="recognition" data-testid="recognition">
      {best ? (
        <p>
          Recognised as <strong>{best.subtype}</strong> ({Math.round(best.confidence * 100)}&nbsp;% sure)
          {rest.length > 0 && (
            <span className="muted">; also possible: {rest.map((t) => `${t.subtype} ${Math.round(t.confidence * 100)}\u00a0%`).join(", ")}</span>
          )}
          .
        </p>
      ) : (
        <p>No garment was found in the photo.</p>
      )}
      <p className="muted">
        {r.confirmedByUser ? "Category confirmed by you. " : r.needsReview ? "Waiting for you to confirm. " : ""}Model: {version}.
      </p>
    </div>
  );
}
