import { SORT_KEYS, SORT_LABELS, type SortKey, type WardrobeQuery } from "../../domain/wardrobe/filter";
import { CATEGORIES, OCCASIONS, SEASONS } from "../../domain/wardrobe/types";

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface Props {
  query: WardrobeQuery;
  colours: string[];
  onChange: (q: WardrobeQuery) => void;
}

/** Search, filters and sort. Every control has a visible or accessible label. */
export function Toolbar({ query, colours, onChange }: Props) {
  const set = <K extends keyof WardrobeQuery>(key: K, value: WardrobeQuery[K]) => onChange({ ...query, [key]: value });
  const filtered = query.category || query.colour || query.season || query.occasion || query.favouritesOnly || query.text;
  return (
    <div className="toolbar" role="search" aria-label="Search and filter the wardrobe">
      <input
        type="search"
        className="search"
        placeholder="Search name, brand, notes…"
        aria-label="Search the wardrobe"
        value={query.text}
        onChange={(e) => set("text", e.target.value)}
      />
      <div className="filters">
        <label>
          <span className="visually-hidden">Category</span>
          <select aria-label="Category" value={query.category ?? ""} onChange={(e) => set("category", (e.target.value || null) as WardrobeQuery["category"])}>
            <option value="">All categories</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {cap(c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="visually-hidden">Colour</span>
          <select aria-label="Colour" value={query.colour ?? ""} onChange={(e) => set("colour", e.target.value || null)}>
            <option value="">All colours</option>
            {colours.map((c) => (
              <option key={c} value={c}>
                {cap(c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="visually-hidden">Season</span>
          <select aria-label="Season" value={query.season ?? ""} onChange={(e) => set("season", (e.target.value || null) as WardrobeQuery["season"])}>
            <option value="">All seasons</option>
            {SEASONS.map((s) => (
              <option key={s} value={s}>
                {cap(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="visually-hidden">Occasion</span>
          <select aria-label="Occasion" value={query.occasion ?? ""} onChange={(e) => set("occasion", (e.target.value || null) as WardrobeQuery["occasion"])}>
            <option value="">All occasions</option>
            {OCCASIONS.map((o) => (
              <option key={o} value={o}>
                {cap(o)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={query.favouritesOnly} onChange={(e) => set("favouritesOnly", e.target.checked)} />
          Favourites
        </label>
        <label>
          <span className="visually-hidden">Sort by</span>
          <select aria-label="Sort by" value={query.sort} onChange={(e) => set("sort", e.target.value as SortKey)}>
            {SORT_KEYS.map((k) => (
              <option key={k} value={k}>
                {SORT_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        {filtered && (
          <button type="button" className="button link-button" onClick={() => onChange({ ...query, text: "", category: null, colour: null, season: null, occasion: null, favouritesOnly: false })}>
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}
