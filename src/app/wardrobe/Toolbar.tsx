import { SORT_KEYS, SORT_LABELS, type SortKey, type WardrobeQuery } from "@domain/wardrobe/filter";
import { CATEGORIES, OCCASIONS, SEASONS } from "@domain/wardrobe/types";

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface FilterSelectProps<T extends string> {
  label: string;
  /** The first option, meaning "no filter". */
  all: string;
  options: readonly T[];
  value: T | null;
  onChange: (value: T | null) => void;
}

/** One "All …" filter: the empty value means no filter. */
function FilterSelect<T extends string>({ label, all, options, value, onChange }: FilterSelectProps<T>) {
  return (
    <label>
      <span className="visually-hidden">{label}</span>
      <select aria-label={label} value={value ?? ""} onChange={(e) => onChange((e.target.value || null) as T | null)}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {cap(o)}
          </option>
        ))}
      </select>
    </label>
  );
}

interface Props {
  query: WardrobeQuery;
  colours: string[];
  /** The chosen category's kinds (built-in and taught); empty when no category is chosen. */
  kinds: string[];
  onChange: (q: WardrobeQuery) => void;
}

/** Search, filters and sort. Every control has a visible or accessible label. */
export function Toolbar({ query, colours, kinds, onChange }: Props) {
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
        <FilterSelect
          label="Category"
          all="All categories"
          options={CATEGORIES}
          value={query.category}
          onChange={(v) => onChange({ ...query, category: v, kind: null })}
        />
        {query.category && kinds.length > 0 && (
          <FilterSelect label="Kind" all="All kinds" options={kinds} value={query.kind ?? null} onChange={(v) => set("kind", v)} />
        )}
        <FilterSelect label="Colour" all="All colours" options={colours} value={query.colour} onChange={(v) => set("colour", v)} />
        <FilterSelect label="Season" all="All seasons" options={SEASONS} value={query.season} onChange={(v) => set("season", v)} />
        <FilterSelect label="Occasion" all="All occasions" options={OCCASIONS} value={query.occasion} onChange={(v) => set("occasion", v)} />
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
          <button
            type="button"
            className="button link-button"
            onClick={() => onChange({ ...query, text: "", category: null, kind: null, colour: null, season: null, occasion: null, favouritesOnly: false })}
          >
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}
