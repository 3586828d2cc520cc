import { createContext, useContext } from "react";

/**
 * Settings can open a full-page view in place of its list of sections (Model
 * health). Sections reach it through this context; `returnedFrom` lets the button
 * that opened a view take the focus back when the user returns.
 */
export type SettingsView = "model-health";

export interface SettingsNav {
  open(view: SettingsView): void;
  returnedFrom: SettingsView | null;
}

export const SettingsNavContext = createContext<SettingsNav>({ open: () => {}, returnedFrom: null });

export const useSettingsNav = () => useContext(SettingsNavContext);
