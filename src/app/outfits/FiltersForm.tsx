import { useId } from "react";
import { seasonOf, type Hemisphere } from "@domain/outfits";
import { GENDERS, OCCASIONS, SEASONS, type Gender, type Occasion, type Season } from "@domain/wardrobe/types";
import { noonOf, useToday } from "./useToday";
import { MAX_NOT_WORN_DAYS, TEMPERATURE_RANGE, type FilterProblems, type OutfitFilters } from "./filters";

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const GENDER_LABELS: Record<Gender, string> = { women: "Women", men: "Men", unisex: "Unisex only" };

/** The day's filters. Every change applies at once and is remembered for next time. */
export function FiltersForm({
  filters,
  problems,
  hemisphere,
  forecastInUse = false,
  onChange,
}: {
  filters: OutfitFilters;
  problems: FilterProblems;
  /** Where the user lives: names today's season in the Season list. */
  hemisphere: Hemisphere;
  /** Today's forecast gives the temperature and rain (WeatherPanel says which): their fields step aside. */
  forecastInUse?: boolean;
  onChange: (f: OutfitFilters) => void;
}) {
  const uid = useId();
  const today = useToday();
  const set = <K extends keyof OutfitFilters>(k: K, v: OutfitFilters[K]) => onChange({ ...filters, [k]: v });
  const id = (name: string) => `${uid}-${name}`;
  return (
    <form className="outfit-filters" aria-label="Today’s filters" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={id("occasion")}>Occasion</label>
        <select id={id("occasion")} value={filters.occasion} onChange={(e) => set("occasion", e.target.value as Occasion | "")}>
          <option value="">Any occasion</option>
          {OCCASIONS.map((o) => (
            <option key={o} value={o}>
              {cap(o)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id("season")}>Season</label>
        <select id={id("season")} value={filters.season} onChange={(e) => set("season", e.target.value as Season | "" | "any")}>
          <option value="">Today’s ({seasonOf(noonOf(today), hemisphere)})</option>
          {SEASONS.map((s) => (
            <option key={s} value={s}>
              {cap(s)}
            </option>
          ))}
          <option value="any">Any season</option>
        </select>
      </div>
      {!forecastInUse && (
        <div className="field">
          <label htmlFor={id("temp")}>Temperature (°C)</label>
          <input
            id={id("temp")}
            type="number"
            inputMode="decimal"
            step="any"
            min={TEMPERATURE_RANGE.min}
            max={TEMPERATURE_RANGE.max}
            placeholder="Not set"
            value={filters.temperature}
            aria-invalid={problems.temperature ? true : undefined}
            aria-describedby={problems.temperature ? id("temp-error") : undefined}
            onChange={(e) => set("temperature", e.target.value)}
          />
          {problems.temperature && (
            <span className="field-error" id={id("temp-error")}>
              {problems.temperature}
            </span>
          )}
        </div>
      )}
      <div className="field">
        <label htmlFor={id("gender")}>Gender / fit</label>
        <select id={id("gender")} value={filters.gender} onChange={(e) => set("gender", e.target.value as Gender | "")}>
          <option value="">Anyone</option>
          {GENDERS.map((g) => (
            <option key={g} value={g}>
              {GENDER_LABELS[g]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id("days")}>Not worn in last (days)</label>
        <input
          id={id("days")}
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_NOT_WORN_DAYS}
          step={1}
          placeholder="Off"
          value={filters.notWornDays}
          aria-invalid={problems.notWornDays ? true : undefined}
          aria-describedby={problems.notWornDays ? id("days-error") : undefined}
          onChange={(e) => set("notWornDays", e.target.value)}
        />
        {problems.notWornDays && (
          <span className="field-error" id={id("days-error")}>
            {problems.notWornDays}
          </span>
        )}
      </div>
      {!forecastInUse && (
        <label className="check rain-check">
          <input type="checkbox" checked={filters.rain} onChange={(e) => set("rain", e.target.checked)} />
          Rain today
        </label>
      )}
    </form>
  );
}
