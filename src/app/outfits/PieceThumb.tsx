import { getThumbnail } from "@data/images";
import { displayName } from "@domain/wardrobe/item";
import type { Item } from "@domain/wardrobe/types";
import { useObjectUrl } from "../wardrobe/useObjectUrl";

/** An item's thumbnail; the alt text is its name, unless a caption next to it already says it. */
export function PieceThumb({ item, size = "m", captioned = false }: { item: Item; size?: "s" | "m"; captioned?: boolean }) {
  const url = useObjectUrl(item.imageId, getThumbnail);
  const alt = captioned ? "" : displayName(item);
  return (
    <span className={`piece-thumb piece-thumb-${size}`}>
      {url ? (
        <img src={url} alt={alt} decoding="async" draggable={false} />
      ) : (
        <span className="item-thumb-placeholder" role={alt ? "img" : undefined} aria-label={alt || undefined} aria-hidden={alt ? undefined : true} />
      )}
    </span>
  );
}
