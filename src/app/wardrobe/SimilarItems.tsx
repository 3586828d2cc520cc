import { nearestItems } from "@domain/vision/similarity";
import { displayName } from "@domain/wardrobe/item";
import type { Item } from "@domain/wardrobe/types";
import { useItemThumbnail } from "./pieceThumbnails";
import { useWardrobeItems } from "./useWardrobeItems";

/** "Similar in your wardrobe": nearest items by the Siamese embedding. */
export function SimilarItems({ item, onOpen }: { item: Item; onOpen: (id: string) => void }) {
  const { items: all, complete } = useWardrobeItems();
  if (!item.embedding) return null;
  const near = all && complete ? nearestItems(item, all, 6) : [];
  return (
    <section className="similar" aria-labelledby="similar-title">
      <h3 id="similar-title">Similar in your wardrobe</h3>
      {!all || !complete ? (
        <p className="loading">Looking…</p>
      ) : near.length === 0 ? (
        <p className="muted">Nothing similar yet.</p>
      ) : (
        <ul className="similar-list">
          {near.map(({ item: other, similarity }) => (
            <li key={other.id}>
              <SimilarCard item={other} similarity={similarity} onOpen={onOpen} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SimilarCard({ item, similarity, onOpen }: { item: Item; similarity: number; onOpen: (id: string) => void }) {
  const thumb = useItemThumbnail(item.imageId);
  const name = displayName(item);
  return (
    <button type="button" className="similar-card" onClick={() => onOpen(item.id)} aria-label={`${name}, ${Math.round(similarity * 100)} % similar`}>
      {thumb ? <img src={thumb.url} alt="" className={thumb.cutout ? "is-cutout" : undefined} /> : <span className="similar-placeholder" aria-hidden="true" />}
      <span className="similar-name">{name}</span>
      <span className="muted">{Math.round(similarity * 100)} %</span>
    </button>
  );
}
