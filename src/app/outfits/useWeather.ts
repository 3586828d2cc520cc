import { useCallback, useEffect, useRef, useState } from "react";
import { userMessage } from "@data/errors";
import { loadWeather, refreshForecast, WeatherError, type WeatherState } from "@data/weather";
import { FORECAST_FRESH_MS, forecastForToday, type CachedForecast } from "@domain/outfits/weather";
import { useLiveQuery } from "../components/useLiveQuery";
import { useOnline } from "../components/useOnline";
import { useToday } from "./useToday";

export interface Weather {
  /** The setting, the last forecast kept and the service addresses; undefined while loading. */
  state: WeatherState | undefined;
  /** Today's forecast for the chosen place, fresh or kept from earlier; null when there is none (or weather is off). */
  forecast: CachedForecast | null;
  /** True while the forecast is being read. */
  busy: boolean;
  /** Why the last read failed (offline, unreachable, …), in words; null when it worked or was not tried. */
  problem: string | null;
  online: boolean;
  refresh: () => void;
}

/**
 * "Use today's weather": reads today's forecast when it is on, the view opens and the
 * kept one is older than an hour (or for another day or place), and again when the
 * connection comes back. A failed read keeps the last forecast and says why.
 */
export function useWeather(): Weather {
  const state = useLiveQuery(loadWeather, []);
  const today = useToday();
  const online = useOnline();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const tried = useRef<string | null>(null);
  const running = useRef<AbortController | null>(null);
  const setting = state?.setting;
  const place = setting?.enabled ? setting.place : null;
  const forecast = forecastForToday(state?.cached ?? null, place, today);

  const refresh = useCallback(() => {
    if (!place) return;
    running.current?.abort();
    const ctl = new AbortController();
    running.current = ctl;
    setBusy(true);
    refreshForecast(place, { signal: ctl.signal })
      .then(() => setProblem(null))
      .catch((e: unknown) => {
        if (ctl.signal.aborted) return;
        setProblem(e instanceof WeatherError ? e.message : `The forecast could not be read: ${userMessage(e)}`);
      })
      .finally(() => {
        if (running.current === ctl) {
          running.current = null;
          setBusy(false);
        }
      });
  }, [place]);

  // Once per place, day and connection: a failure is not retried in a loop, only when something changes or on Update.
  const key = place && online ? `${place.latitude},${place.longitude}@${today}` : null;
  useEffect(() => {
    if (!key || tried.current === key) return;
    // After the render that found it due, not inside it.
    const t = setTimeout(() => {
      tried.current = key;
      if (!forecast || Date.now() - forecast.fetchedAt > FORECAST_FRESH_MS) refresh();
    }, 0);
    return () => clearTimeout(t);
  }, [key, forecast, refresh]);
  // Back online: try again.
  useEffect(() => {
    if (!online) tried.current = null;
  }, [online]);
  useEffect(() => () => running.current?.abort(), []);

  return { state, forecast, busy, problem: !place ? null : online ? problem : "You are offline.", online, refresh };
}
