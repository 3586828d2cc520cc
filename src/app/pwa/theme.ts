// The colour theme: the system's (prefers-color-scheme) unless Settings → Appearance
// chose one for this device. Stored in localStorage, not the synced settings: a
// phone may be dark while the laptop is light, and public/theme.js must read it
// synchronously before the first paint.
import { THEME_COLOURS } from "./themeColours";

export type ThemeChoice = "system" | "light" | "dark";
export const THEME_CHOICES: readonly ThemeChoice[] = ["system", "light", "dark"];
const KEY = "curator:theme";

export function themeChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === "light" || v === "dark" ? v : "system";
  } catch {
    return "system";
  }
}

/** Applies a choice now (the page's colours and the browser's theme-color) and remembers it. */
export function setThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === "system") localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    /* storage blocked: applies for this visit */
  }
  const root = document.documentElement;
  if (choice === "system") root.removeAttribute("data-theme");
  else root.setAttribute("data-theme", choice);
  // Two metas, one per scheme (index.html): a fixed choice makes both say the same.
  for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
    const scheme = meta.media.includes("dark") ? "dark" : "light";
    meta.content = THEME_COLOURS[choice === "system" ? scheme : choice];
  }
}
