import { useId } from "react";
import { NAMED_COLOURS } from "@domain/wardrobe/item";
import { CATEGORIES, GENDERS, NECKLINES, OCCASIONS, SEASONS, type Category, type Item } from "@domain/wardrobe/types";
import { KindPicker } from "./KindPicker";

export type Draft = Pick<
  Item,
  | "name"
  | "category"
  | "subtype"
  | "colours"
  | "seasons"
  | "occasions"
  | "material"
  | "brand"
  | "price"
  | "purchaseDate"
  | "gender"
  | "neckline"
  | "notes"
  | "favourite"
>;

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
}

function Checks<T extends string>({
  legend,
  options,
  value,
  onChange,
}: {
  legend: string;
  options: readonly T[];
  value: readonly T[];
  onChange: (v: T[]) => void;
}) {
  return (
    <fieldset className="checks">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o} className="chip">
          <input type="checkbox" checked={value.includes(o)} onChange={(e) => onChange(toggle(value, o, e.target.checked))} />
          {cap(o)}
        </label>
      ))}
    </fieldset>
  );
}

/** Every detail of an item, as labelled form controls. Pure view: the editor owns saving. */
export function ItemFields({ draft, onChange }: { draft: Draft; onChange: (d: Draft) => void }) {
  // Explicit label/for pairs: a wrapping <label> would fold the options' text into the name.
  const uid = useId();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => onChange({ ...draft, [k]: v });
  const colourNames = draft.colours.map((c) => c.name);
  const setColour = (name: string, on: boolean) =>
    set(
      "colours",
      on
        ? [...draft.colours.filter((c) => c.name !== name), { name, hex: NAMED_COLOURS[name] ?? "#888888", share: 0 }]
        : draft.colours.filter((c) => c.name !== name),
    );
  return (
    <div className="fields">
      <div className="field wide">
        <label htmlFor={`${uid}f-name`}>Name</label>
        <input id={`${uid}f-name`} value={draft.name} onChange={(e) => set("name", e.target.value)} placeholder="e.g. Navy linen shirt" maxLength={200} />
      </div>
      <div className="field">
        <label htmlFor={`${uid}f-category`}>Category</label>
        <select
          id={`${uid}f-category`}
          value={draft.category ?? ""}
          onChange={(e) => onChange({ ...draft, category: (e.target.value || null) as Category | null, subtype: null })}
        >
          <option value="">Not set</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {c === "dress" ? "Dress / one-piece" : cap(c)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${uid}f-type`}>Type</label>
        <KindPicker id={`${uid}f-type`} category={draft.category} value={draft.subtype} onChange={(k) => set("subtype", k)} />
      </div>
      <fieldset className="checks wide">
        <legend>Colours</legend>
        {Object.entries(NAMED_COLOURS).map(([name, hex]) => (
          <label key={name} className="chip">
            <input type="checkbox" checked={colourNames.includes(name)} onChange={(e) => setColour(name, e.target.checked)} />
            <span className="swatch" style={{ background: hex }} aria-hidden="true" />
            {cap(name)}
          </label>
        ))}
      </fieldset>
      <div className="wide">
        <Checks legend="Seasons" options={SEASONS} value={draft.seasons} onChange={(v) => set("seasons", v)} />
      </div>
      <div className="wide">
        <Checks legend="Occasions" options={OCCASIONS} value={draft.occasions} onChange={(v) => set("occasions", v)} />
      </div>
      <div className="field">
        <label htmlFor={`${uid}f-material`}>Material</label>
        <input id={`${uid}f-material`} value={draft.material} onChange={(e) => set("material", e.target.value)} placeholder="e.g. cotton" maxLength={200} />
      </div>
      <div className="field">
        <label htmlFor={`${uid}f-brand`}>Brand</label>
        <input id={`${uid}f-brand`} value={draft.brand} onChange={(e) => set("brand", e.target.value)} maxLength={200} />
      </div>
      <div className="field">
        <label htmlFor={`${uid}f-price`}>Price</label>
        <input
          id={`${uid}f-price`}
          type="number"
          inputMode="decimal"
          min={0}
          step="0.01"
          value={draft.price ?? ""}
          onChange={(e) => set("price", e.target.value === "" || !Number.isFinite(e.target.valueAsNumber) ? null : e.target.valueAsNumber)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${uid}f-purchase-date`}>Purchase date</label>
        <input id={`${uid}f-purchase-date`} type="date" value={draft.purchaseDate ?? ""} onChange={(e) => set("purchaseDate", e.target.value || null)} />
      </div>
      <div className="field">
        <label htmlFor={`${uid}f-fit`}>Fit</label>
        <select id={`${uid}f-fit`} value={draft.gender ?? ""} onChange={(e) => set("gender", (e.target.value || null) as Draft["gender"])}>
          <option value="">Not set</option>
          {GENDERS.map((g) => (
            <option key={g} value={g}>
              {cap(g)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${uid}f-neckline`}>Neckline</label>
        <select id={`${uid}f-neckline`} value={draft.neckline ?? ""} onChange={(e) => set("neckline", (e.target.value || null) as Draft["neckline"])}>
          <option value="">Not set</option>
          {NECKLINES.map((n) => (
            <option key={n} value={n}>
              {cap(n)}
            </option>
          ))}
        </select>
      </div>
      <div className="field wide">
        <label htmlFor={`${uid}f-notes`}>Notes</label>
        <textarea id={`${uid}f-notes`} value={draft.notes} rows={3} onChange={(e) => set("notes", e.target.value)} />
      </div>
      <label className="check wide">
        <input type="checkbox" checked={draft.favourite} onChange={(e) => set("favourite", e.target.checked)} />
        Favourite
      </label>
    </div>
  );
}

export function draftOf(item: Item): Draft {
  const { name, category, subtype, colours, seasons, occasions, material, brand, price, purchaseDate, gender, neckline, notes, favourite } = item;
  return { name, category, subtype, colours, seasons, occasions, material, brand, price, purchaseDate, gender, neckline, notes, favourite };
}
