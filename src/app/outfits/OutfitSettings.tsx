import { useId } from "react";
import { userMessage } from "@data/errors";
import { getSetting, HEMISPHERES, setSetting, TEMPERATURE_FEELS, type TemperatureFeelSetting } from "@data/settings";
import { FEEL_SHIFT_C, seasonOf, type Hemisphere } from "@domain/outfits";
import { useToast } from "../components/toastContext";
import { useLiveQuery } from "../components/useLiveQuery";
import { LaundrySettings } from "./LaundrySettings";
import { LearnerPanel } from "./LearnerPanel";
import { noonOf, useToday } from "./useToday";
import { WeatherSettings } from "./WeatherSettings";
import "./laundry.css";
import "./weather.css";

const HEMISPHERE_LABELS: Record<Hemisphere, string> = { north: "Northern hemisphere", south: "Southern hemisphere" };
const FEEL_LABELS: Record<TemperatureFeelSetting, string> = {
  normal: "As the thermometer says",
  cold: `I run cold (dress as if ${FEEL_SHIFT_C} °C colder)`,
  hot: `I run hot (dress as if ${FEEL_SHIFT_C} °C warmer)`,
};
const loadHemisphere = () => getSetting("outfits.hemisphere");
const loadFeel = () => getSetting("outfits.feel");

/** Settings → Outfits: where you live (today's season), how you feel the cold, laundry, and what the suggestions learned. */
export default function OutfitSettings() {
  const hemisphere = useLiveQuery(loadHemisphere, []);
  const feel = useLiveQuery(loadFeel, []);
  const toast = useToast();
  const id = useId();
  const today = useToday();
  const save = <K extends "outfits.hemisphere" | "outfits.feel">(key: K, value: K extends "outfits.hemisphere" ? Hemisphere : TemperatureFeelSetting) =>
    void setSetting(key, value as never).catch((e) => toast.show({ message: `Could not save: ${userMessage(e)}`, tone: "error" }));

  return (
    <div className="outfit-settings">
      <fieldset className="settings-choice">
        <legend>Where you live</legend>
        {HEMISPHERES.map((h) => (
          <label key={h} className="check">
            <input type="radio" name={`${id}-hemisphere`} value={h} checked={hemisphere === h} onChange={() => save("outfits.hemisphere", h)} />
            {HEMISPHERE_LABELS[h]}
          </label>
        ))}
        {hemisphere && (
          <p className="muted settings-hint">With no season chosen, suggestions take today’s season from the date: {seasonOf(noonOf(today), hemisphere)}.</p>
        )}
      </fieldset>
      <fieldset className="settings-choice">
        <legend>How you feel the temperature</legend>
        {TEMPERATURE_FEELS.map((f) => (
          <label key={f} className="check">
            <input type="radio" name={`${id}-feel`} value={f} checked={feel === f} onChange={() => save("outfits.feel", f)} />
            {FEEL_LABELS[f]}
          </label>
        ))}
      </fieldset>
      <fieldset className="settings-choice">
        <legend>Weather</legend>
        <WeatherSettings />
      </fieldset>
      <fieldset className="settings-choice">
        <legend>Laundry</legend>
        <LaundrySettings />
      </fieldset>
      <LearnerPanel />
    </div>
  );
}
