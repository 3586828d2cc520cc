import { displayName } from "@domain/wardrobe/item";
import type { Item } from "@domain/wardrobe/types";
import { useItemThumbnail } from "../wardrobe/pieceThumbnails";

/** An item's thumbnail; the alt text is its name, unless a caption next to it already says it. */
export function PieceThumb({ item, size = "m", captioned = false }: { item: Item; size?: "s" | "m"; captioned?: boolean }) {
  const thumb = useItemThumbnail(item.imageId);
  const alt = captioned ? "" : displayName(item);
  return (
    <span className={`piece-thumb piece-thumb-${size}`}>
      {thumb ? (
        <img src={thumb.url} alt={alt} decoding="async" draggable={false} className={thumb.cutout ? "is-cutout" : undefined} />
      ) : (
        <span className="item-thumb-placeholder" role={alt ? "img" : undefined} aria-label={alt || undefined} aria-hidden={alt ? undefined : true} />
      )}
    </span>
  );
}
