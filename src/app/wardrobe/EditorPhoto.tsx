import { useEffect, useState } from "react";
import { getImage, getSourcePhoto } from "@data/images";
import { displayName } from "@domain/wardrobe/item";
import type { Item } from "@domain/wardrobe/types";
import { usePiecePhotoMode } from "./pieceThumbnails";

type Shown = { imageId: string; cutout: string; original: string | null; box: readonly number[] | null; size: { width: number; height: number } | null };

/**
 * The item editor's big photo. An item cut out of a photo of several garments (issue 16)
 * can show either its cut-out or the whole photo it came from, the piece outlined on it
 * ("Cut-out / Original"); it opens as Settings → Appearance → Photos of pieces says.
 */
export function EditorPhoto({ item }: { item: Item }) {
  const mode = usePiecePhotoMode();
  const [shown, setShown] = useState<Shown | null>(null);
  const [choice, setChoice] = useState<"cutout" | "original" | null>(null);
  useEffect(() => {
    const imageId = item.imageId;
    if (!imageId) return;
    let gone = false;
    const urls: string[] = [];
    const url = (b: Blob) => {
      const u = URL.createObjectURL(b);
      urls.push(u);
      return u;
    };
    void (async () => {
      const image = await getImage(imageId);
      const source = image?.sourcePhotoId ? await getSourcePhoto(image.sourcePhotoId) : undefined;
      if (gone || !image) return;
      setShown({
        imageId,
        cutout: url(image.original),
        original: source ? url(source.blob) : null,
        box: source ? (image.sourceBox ?? null) : null,
        size: source ? { width: source.width, height: source.height } : null,
      });
    })().catch(() => undefined);
    return () => {
      gone = true;
      for (const u of urls) URL.revokeObjectURL(u);
    };
  }, [item.imageId]);

  const current = shown && shown.imageId === item.imageId ? shown : null;
  const name = displayName(item);
  if (!current) return <div className="item-thumb-placeholder" />;
  if (!current.original) return <img src={current.cutout} alt={`Photo of ${name}`} />;
  const showing = choice ?? mode;
  const box = current.box && current.size;
  return (
    <div className="editor-piece">
      <div className="editor-piece-toggle" role="group" aria-label="Show">
        <button type="button" className="chip" aria-pressed={showing === "cutout"} onClick={() => setChoice("cutout")}>
          Cut-out
        </button>
        <button type="button" className="chip" aria-pressed={showing === "original"} onClick={() => setChoice("original")}>
          Original
        </button>
      </div>
      {showing === "cutout" ? (
        <img src={current.cutout} alt={`Photo of ${name} (cut-out)`} className="is-cutout" />
      ) : (
        <div className="editor-piece-original">
          <img src={current.original} alt={`The photo ${name} was cut out of`} />
          {box && current.box && (
            <span
              className="editor-piece-box"
              aria-hidden="true"
              style={{
                left: `${(current.box[0]! / box.width) * 100}%`,
                top: `${(current.box[1]! / box.height) * 100}%`,
                width: `${((current.box[2]! - current.box[0]!) / box.width) * 100}%`,
                height: `${((current.box[3]! - current.box[1]!) / box.height) * 100}%`,
              }}
            />
          )}
        </div>
      )}
    </div>
  );
}
