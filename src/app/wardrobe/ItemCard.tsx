import { memo } from "react";
import { displayName } from "@domain/wardrobe/item";
import type { Item } from "@domain/wardrobe/types";
import { useItemThumbnail } from "./pieceThumbnails";
import { LaundryBadge } from "../outfits/LaundryMarks";

interface Props {
  item: Item;
  index: number;
  tabbable: boolean;
  onOpen: (id: string) => void;
}

/** One grid cell: thumbnail, name and the facts people scan for. */
export const ItemCard = memo(function ItemCard({ item, index, tabbable, onOpen }: Props) {
  const thumb = useItemThumbnail(item.imageId);
  const name = displayName(item);
  const meta = [item.category, item.brand].filter(Boolean).join(" · ");
  return (
    <button type="button" className="item-card" data-index={index} data-item-id={item.id} tabIndex={tabbable ? 0 : -1} onClick={() => onOpen(item.id)}>
      <span className="item-thumb">
        {thumb ? (
          <img src={thumb.url} alt="" decoding="async" draggable={false} className={thumb.cutout ? "is-cutout" : undefined} />
        ) : (
          <span className="item-thumb-placeholder" aria-hidden="true" />
        )}
        {item.favourite && (
          <span className="item-fav" aria-label="Favourite" role="img">
            ★
          </span>
        )}
        <LaundryBadge item={item} />
      </span>
      <span className="item-name">{name}</span>
      <span className="item-meta">{meta || "\u00a0"}</span>
    </button>
  );
});
