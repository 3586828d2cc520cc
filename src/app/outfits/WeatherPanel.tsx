import { useEffect, useId, useRef, useState } from "react";
import { userMessage } from "@data/errors";
import { findPlaces, setWeather, WeatherError } from "@data/weather";
import { describeForecast, dressingWeather, forecastAge, roundCoordinate, type WeatherPlace } from "@domain/outfits/weather";
import { useToast } from "../components/toastContext";
import type { Weather } from "./useWeather";
import "./weather.css";

const YOUR_LOCATION = "your location";

/** Ticks once a minute, so "updated 5 minutes ago" stays true on a screen left open. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

const GEO_ERRORS: Record<number, string> = {
  1: "Location permission was refused. Type a place instead.",
  2: "Your location is not available right now. Type a place instead.",
  3: "Finding your location took too long. Type a place instead.",
};

/**
 * "Use today's weather" on the Today view: off by default; turning it on asks for a
 * place (the browser's location, asked only on this click, or a typed place) after
 * saying where it goes. On, it shows today's forecast with its age, and what the
 * suggestions dress for; offline or failing, the last forecast with a note, or the
 * typed temperature as before.
 */
export function WeatherPanel({ weather }: { weather: Weather }) {
  const { state, forecast, busy, problem, refresh } = weather;
  const [choosing, setChoosing] = useState(false);
  const now = useNow();
  const headingId = useId();
  if (!state) return null;
  const { setting, cached } = state;
  const on = setting.enabled && setting.place !== null;

  if (choosing || (setting.enabled && !setting.place)) {
    return <PlaceChooser headingId={headingId} current={setting.place} onDone={() => setChoosing(false)} />;
  }
  if (!on) {
    return (
      <section className="weather-panel" aria-labelledby={headingId}>
        <h3 id={headingId} className="weather-title">
          Weather
        </h3>
        <p className="muted">Off: suggestions use the temperature and rain you set below.</p>
        <button type="button" className="button" onClick={() => setChoosing(true)}>
          Use today’s weather
        </button>
      </section>
    );
  }
  const place = setting.place!;
  const where = place.name === YOUR_LOCATION ? "here" : `in ${place.name}`;
  const old = cached && !forecast && cached.place.name === place.name ? cached : null;
  return (
    <section className="weather-panel" aria-labelledby={headingId} aria-busy={busy}>
      <h3 id={headingId} className="weather-title">
        Today’s weather {where}
      </h3>
      {forecast ? (
        <>
          <p className="weather-forecast" data-testid="weather-forecast">
            {describeForecast(forecast.day)}.{" "}
            <strong>
              Dressing for {dressingWeather(forecast.day).temperatureC} °C{dressingWeather(forecast.day).rain ? " and rain" : ""}.
            </strong>
          </p>
          <p className="muted" data-testid="weather-age">
            Forecast from Open-Meteo, updated {forecastAge(forecast.fetchedAt, now)}.
          </p>
        </>
      ) : (
        <p>{busy ? "Reading today’s forecast…" : "No forecast for today yet: suggestions use the temperature and rain you set below."}</p>
      )}
      {problem && !busy && (
        <p className="notice" role="status" data-testid="weather-problem">
          {problem}{" "}
          {forecast
            ? `Showing the last forecast, from ${forecastAge(forecast.fetchedAt, now)}.`
            : old
              ? `The last forecast (${old.day.date}) is not for today, so it is not used.`
              : "Set the temperature below by hand."}
        </p>
      )}
      <div className="weather-actions">
        <button type="button" className="button" onClick={refresh} disabled={busy}>
          {busy ? "Updating…" : "Update"}
        </button>
        <button type="button" className="button" onClick={() => setChoosing(true)}>
          Change place
        </button>
        <button type="button" className="button" onClick={() => void setWeather({ enabled: false })}>
          Turn off
        </button>
      </div>
    </section>
  );
}

/** Where the forecast is for: says what is sent where, then the browser's location or a typed place. */
function PlaceChooser({ headingId, current, onDone }: { headingId: string; current: WeatherPlace | null; onDone: () => void }) {
  const toast = useToast();
  const id = useId();
  const [name, setName] = useState("");
  const [places, setPlaces] = useState<WeatherPlace[] | null>(null);
  const [busy, setBusy] = useState<"locating" | "searching" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const choose = async (place: WeatherPlace) => {
    try {
      await setWeather({ enabled: true, place });
      onDone();
    } catch (e) {
      toast.show({ message: `Could not save the place: ${userMessage(e)}`, tone: "error" });
    }
  };
  const locate = () => {
    if (!("geolocation" in navigator)) return setError("This browser cannot give your location. Type a place instead.");
    setBusy("locating");
    setError(null);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setBusy(null);
        void choose({ name: YOUR_LOCATION, latitude: roundCoordinate(pos.coords.latitude), longitude: roundCoordinate(pos.coords.longitude) });
      },
      (e) => {
        setBusy(null);
        setError(GEO_ERRORS[e.code] ?? `Your location could not be read (${e.message}). Type a place instead.`);
      },
      { timeout: 15_000, maximumAge: 10 * 60_000 },
    );
  };
  const search = async () => {
    if (!name.trim()) return setError("Type a town or city first.");
    setBusy("searching");
    setError(null);
    setPlaces(null);
    try {
      const found = await findPlaces(name);
      if (found.length === 0) setError(`No place called “${name.trim()}” was found. Check the spelling or try a nearby city.`);
      else setPlaces(found);
    } catch (e) {
      setError(e instanceof WeatherError ? e.message : `The place search failed: ${userMessage(e)}`);
    } finally {
      setBusy(null);
    }
  };
  const cancel = () => {
    if (!current) void setWeather({ enabled: false });
    onDone();
  };

  return (
    <section className="weather-panel" aria-labelledby={headingId} aria-busy={busy !== null}>
      <h3 id={headingId} className="weather-title" tabIndex={-1} ref={heading}>
        Use today’s weather
      </h3>
      <p className="weather-privacy">
        To read today’s forecast, Curator sends a place to <strong>Open-Meteo</strong> (open-meteo.com, a free weather service): your location rounded to about
        1 km, or the name you type. Nothing else leaves the device, and the forecast is kept here for offline use.
      </p>
      <div className="weather-actions">
        <button type="button" className="button button-primary" onClick={locate} disabled={busy !== null}>
          {busy === "locating" ? "Finding your location…" : "Use my location"}
        </button>
      </div>
      <form
        className="weather-search field"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <label htmlFor={`${id}-place`}>Or type a place</label>
        <div className="weather-search-row">
          <input id={`${id}-place`} type="search" autoComplete="address-level2" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="button" disabled={busy !== null}>
            {busy === "searching" ? "Searching…" : "Find"}
          </button>
        </div>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {places && (
        <ul className="weather-places" aria-label="Places found">
          {places.map((p) => (
            <li key={`${p.latitude},${p.longitude}`}>
              <button type="button" className="button" onClick={() => void choose(p)}>
                {p.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="weather-actions">
        <button type="button" className="button" onClick={cancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
