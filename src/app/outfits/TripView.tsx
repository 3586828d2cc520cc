import { useId, useState } from "react";
import { userMessage } from "@data/errors";
import { getSetting, setSetting, updateSetting } from "@data/settings";
import { planTrip, saveTrip, tripDates, tripDateWords, tripText, type SavedTrip, type TripRequest } from "@domain/outfits";
import { displayName } from "@domain/wardrobe/item";
import { OCCASIONS, type Item, type Occasion } from "@domain/wardrobe/types";
import { useToast } from "../components/toastContext";
import { useLiveQuery } from "../components/useLiveQuery";
import { PieceThumb } from "./PieceThumb";
import { useLaundry } from "./useLaundry";
import type { OutfitsData } from "./useOutfitsData";
import "./trip.css";
import { OutfitNotes } from "./OutfitNotes";
import { FormError } from "../components/FormError";

const loadTrip = () => getSetting("outfits.trip");
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const LAUNDRY_CHOICES = [null, 2, 3, 4, 5, 7] as const;
const MAX_DAYS = 30;

function tomorrow(): string {
  return tripDates(new Date().toISOString().slice(0, 10), 2)[1]!;
}

/** Outfits → Trip: dates, occasions, temperature and laundry → the fewest pieces to pack, a checklist, each day's outfit. */
export function TripView({ data }: { data: OutfitsData }) {
  const trip = useLiveQuery(loadTrip, []);
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  if (trip === undefined || !data.items) {
    return (
      <p className="loading" role="status">
        Loading…
      </p>
    );
  }
  const byId = new Map(data.items.map((i) => [i.id, i] as const));
  if (!trip || editing) {
    return (
      <TripForm
        data={data}
        items={data.items}
        previous={trip}
        onCancel={trip ? () => setEditing(false) : undefined}
        onPlanned={async (next) => {
          try {
            await setSetting("outfits.trip", next);
            setEditing(false);
          } catch (e) {
            toast.show({ message: `Could not save the trip: ${userMessage(e)}`, tone: "error" });
          }
        }}
      />
    );
  }
  return <TripChecklist trip={trip} byId={byId} onEdit={() => setEditing(true)} />;
}

function TripForm({
  data,
  items,
  previous,
  onPlanned,
  onCancel,
}: {
  data: OutfitsData;
  items: Item[];
  previous: SavedTrip | null;
  onPlanned: (t: SavedTrip) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const [start, setStart] = useState(previous?.days[0]?.date ?? tomorrow());
  const [count, setCount] = useState(String(previous?.days.length ?? 7));
  const [temperature, setTemperature] = useState(String(previous?.days[0]?.temperatureC ?? 18));
  const [rain, setRain] = useState(Boolean(previous?.days[0]?.rain));
  const [every, setEvery] = useState<number | null>(previous?.laundryEveryDays ?? null);
  const laundry = useLaundry();
  const [occasions, setOccasions] = useState<(Occasion | null)[]>(previous?.days.map((d) => d.occasion as Occasion | null) ?? []);
  const [error, setError] = useState<string | null>(null);
  const days = Math.min(MAX_DAYS, Math.max(1, Math.floor(Number(count)) || 1));
  const dates = /^\d{4}-\d{2}-\d{2}$/.test(start) ? tripDates(start, days) : [];
  const occasionOf = (k: number): Occasion | null => (k < occasions.length ? occasions[k]! : "casual");

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const n = Number(count);
    const t = Number(temperature);
    if (dates.length === 0) return setError("Choose the first day of the trip.");
    if (!Number.isInteger(n) || n < 1 || n > MAX_DAYS) return setError(`A trip is 1 to ${MAX_DAYS} days.`);
    if (temperature.trim() === "" || !Number.isFinite(t) || t < -40 || t > 50) return setError("Give the expected temperature in °C (−40 to 50).");
    setError(null);
    const req: TripRequest = {
      days: dates.map((date, k) => ({ date, occasion: occasionOf(k), temperatureC: t, rain })),
      laundryEveryDays: every,
      gender: data.filters?.gender || null,
      hemisphere: data.hemisphere,
      feel: data.fullContext?.feel ?? null,
      washLimits: laundry?.rules.limits,
    };
    const plan = planTrip(items, req);
    onPlanned(saveTrip(req, plan));
  };

  return (
    <form className="trip-form laundry-card" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>Plan a trip</h3>
      <p className="muted settings-hint">Curator packs the fewest pieces that dress every day, repeats planned. Everything stays on this device.</p>
      <div className="trip-fields">
        <label className="field">
          First day
          <input type="date" value={start} onChange={(e) => setStart(e.target.value)} required />
        </label>
        <label className="field">
          Days
          <input type="number" inputMode="numeric" min={1} max={MAX_DAYS} value={count} onChange={(e) => setCount(e.target.value)} required />
        </label>
        <label className="field">
          Expected temperature (°C)
          <input type="number" inputMode="decimal" value={temperature} onChange={(e) => setTemperature(e.target.value)} required />
        </label>
        <label className="field">
          Laundry on the trip
          <select value={every ?? ""} onChange={(e) => setEvery(e.target.value === "" ? null : Number(e.target.value))}>
            {LAUNDRY_CHOICES.map((n) => (
              <option key={n ?? "none"} value={n ?? ""}>
                {n === null ? "None" : `Every ${n} days`}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={rain} onChange={(e) => setRain(e.target.checked)} />
          Rain expected
        </label>
      </div>
      <fieldset className="trip-days">
        <legend>Occasion each day</legend>
        {dates.map((date, k) => (
          <label key={date} className="field">
            {tripDateWords(date)}
            <select
              value={occasionOf(k) ?? ""}
              onChange={(e) => {
                const next = dates.map((_, j) => occasionOf(j));
                next[k] = (e.target.value || null) as Occasion | null;
                setOccasions(next);
              }}
            >
              <option value="">Any</option>
              {OCCASIONS.map((o) => (
                <option key={o} value={o}>
                  {cap(o)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </fieldset>
      <FormError error={error} />
      <div className="trip-actions">
        <button type="submit" className="button button-primary">
          Plan the trip
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function TripChecklist({ trip, byId, onEdit }: { trip: SavedTrip; byId: Map<string, Item>; onEdit: () => void }) {
  const toast = useToast();
  const id = useId();
  const nameOf = (itemId: string) => {
    const item = byId.get(itemId);
    return item ? displayName(item) : "(a piece no longer in the wardrobe)";
  };
  // Ticks show at once; they hold until the trip read back changes (a failed save puts them back).
  const [ticks, setTicks] = useState<{ over: SavedTrip; packed: string[] } | null>(null);
  const current = ticks && ticks.over === trip ? ticks.packed : trip.packed;
  const packed = new Set(current);
  const toggled = (list: readonly string[], itemId: string, on: boolean) =>
    on ? [...list.filter((x) => x !== itemId), itemId] : list.filter((x) => x !== itemId);
  const tick = (itemId: string, on: boolean) => {
    setTicks({ over: trip, packed: toggled(current, itemId, on) });
    updateSetting("outfits.trip", (t) => (t ? { ...t, packed: toggled(t.packed, itemId, on) } : t)).catch((e) => {
      setTicks(null);
      toast.show({ message: `Could not save: ${userMessage(e)}`, tone: "error" });
    });
  };
  const share = async () => {
    const text = tripText(trip, nameOf);
    try {
      if (navigator.share) await navigator.share({ title: "Packing list", text });
      else {
        await navigator.clipboard.writeText(text);
        toast.show({ message: "Packing list copied as text." });
      }
    } catch (e) {
      if ((e as Error).name !== "AbortError") toast.show({ message: `Could not share: ${userMessage(e)}`, tone: "error" });
    }
  };
  const clear = () => void setSetting("outfits.trip", null).catch((e) => toast.show({ message: `Could not clear: ${userMessage(e)}`, tone: "error" }));
  const first = trip.days[0]!.date;
  const last = trip.days.at(-1)!.date;

  return (
    <div className="trip">
      <section className="laundry-card" aria-labelledby={`${id}-list`}>
        <h3 id={`${id}-list`}>
          Pack {trip.items.length} {trip.items.length === 1 ? "piece" : "pieces"} for {tripDateWords(first)}
          {last !== first ? ` – ${tripDateWords(last)}` : ""}
        </h3>
        <p className="muted" data-testid="trip-progress" aria-live="polite">
          {packed.size} of {trip.items.length} packed
          {trip.laundryEveryDays ? ` · laundry every ${trip.laundryEveryDays} days` : " · no laundry"}
        </p>
        <ul className="trip-checklist" aria-label="Packing list">
          {trip.items.map((itemId) => {
            const item = byId.get(itemId);
            return (
              <li key={itemId} data-item-id={itemId}>
                <label className="check">
                  <input type="checkbox" checked={packed.has(itemId)} onChange={(e) => tick(itemId, e.target.checked)} />
                  {item && <PieceThumb item={item} size="s" captioned />}
                  <span>{nameOf(itemId)}</span>
                </label>
              </li>
            );
          })}
        </ul>
        <OutfitNotes notes={trip.notes} />
        <div className="trip-actions">
          <button type="button" className="button button-primary" onClick={() => void share()}>
            Share as text
          </button>
          <button type="button" className="button" onClick={onEdit}>
            Change the trip
          </button>
          <button type="button" className="button button-danger" onClick={clear}>
            Clear the trip
          </button>
        </div>
      </section>
      <section className="laundry-card" aria-labelledby={`${id}-days`}>
        <h3 id={`${id}-days`}>Day by day</h3>
        <ol className="trip-days-list">
          {trip.days.map((d, k) => (
            <li key={d.date} data-date={d.date}>
              <strong>{tripDateWords(d.date)}</strong>
              <span className="muted">
                {" "}
                {[d.occasion, d.temperatureC === null ? null : `${d.temperatureC} °C`, d.rain ? "rain" : null].filter(Boolean).join(" · ")}
              </span>
              <div className="trip-outfit">
                {trip.outfits[k]!.map((itemId) => {
                  const item = byId.get(itemId);
                  return (
                    <span key={itemId} className="trip-piece">
                      {item && <PieceThumb item={item} size="s" captioned />}
                      {nameOf(itemId)}
                    </span>
                  );
                })}
              </div>
              {trip.missing[k]!.map((m) => (
                <p key={m.slot} className="caution">
                  Nothing for the {m.slot}: add {m.advice}.
                </p>
              ))}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
