import { useState } from "react";
import "./pwa.css";
import { PiecePhotosSetting } from "../wardrobe/PiecePhotosSetting";
import { setThemeChoice, themeChoice, THEME_CHOICES, type ThemeChoice } from "./theme";

const LABELS: Record<ThemeChoice, string> = { system: "Same as this device", light: "Light", dark: "Dark" };

/** Settings → Appearance: the colour theme for this device, and how pieces cut out of a shared photo are shown. */
export default function AppearanceSection() {
  const [choice, setChoice] = useState<ThemeChoice>(themeChoice);
  return (
    <>
      <fieldset className="appearance">
        <legend>Theme</legend>
        {THEME_CHOICES.map((c) => (
          <label key={c} className="appearance-choice">
            <input
              type="radio"
              name="theme"
              value={c}
              checked={choice === c}
              onChange={() => {
                setThemeChoice(c);
                setChoice(c);
              }}
            />
            {LABELS[c]}
          </label>
        ))}
        <p className="settings-hint">“Same as this device” follows the light or dark setting of your phone or computer. Kept on this device only.</p>
      </fieldset>
      <PiecePhotosSetting />
    </>
  );
}
