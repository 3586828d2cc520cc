import { useId, useState } from "react";
import { userMessage } from "@data/errors";
import { loadWeather, setWeather, setWeatherService, type WeatherService } from "@data/weather";
import { OPEN_METEO_FORECAST, OPEN_METEO_GEOCODING } from "@domain/outfits/weather";
import { useLiveQuery } from "../components/useLiveQuery";
import { useToast } from "../components/toastContext";

const OPEN_METEO: WeatherService = { forecast: OPEN_METEO_FORECAST, geocoding: OPEN_METEO_GEOCODING };

/** Settings → Outfits → Weather: on or off, the place, and where forecasts are read (Open-Meteo, or a compatible server). */
export function WeatherSettings() {
  const state = useLiveQuery(loadWeather, []);
  const toast = useToast();
  const id = useId();
  const [draft, setDraft] = useState<WeatherService | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!state) return null;
  const service = draft ?? state.service;
  const save = async (next: WeatherService) => {
    setError(null);
    try {
      await setWeatherService({ forecast: next.forecast.trim(), geocoding: next.geocoding.trim() });
      setDraft(null);
      toast.show({ message: "Weather service saved." });
    } catch (e) {
      setError(userMessage(e));
    }
  };
  const { enabled, place } = state.setting;
  return (
    <div className="weather-settings">
      <p className="muted settings-hint">
        {enabled && place
          ? `On: today’s forecast for ${place.name} sets the temperature and rain of Outfits → Today.`
          : "Off. Turn it on from Outfits → Today → Use today’s weather."}
      </p>
      {enabled && (
        <button type="button" className="button" onClick={() => void setWeather({ enabled: false, place: null })}>
          Turn off and forget the place
        </button>
      )}
      <form
        className="weather-service"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save(service);
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-forecast`}>Forecast address</label>
          <input id={`${id}-forecast`} type="url" value={service.forecast} onChange={(e) => setDraft({ ...service, forecast: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-geocoding`}>Place search address</label>
          <input id={`${id}-geocoding`} type="url" value={service.geocoding} onChange={(e) => setDraft({ ...service, geocoding: e.target.value })} />
        </div>
        <p className="muted settings-hint">Open-Meteo’s public API by default; any server that answers in its format will do.</p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="weather-actions">
          <button type="submit" className="button" disabled={draft === null}>
            Save addresses
          </button>
          <button type="button" className="button" onClick={() => void save(OPEN_METEO)}>
            Use Open-Meteo
          </button>
        </div>
      </form>
    </div>
  );
}
