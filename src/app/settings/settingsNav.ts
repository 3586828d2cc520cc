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

/**
 * Another screen asking for one section (the header's sync badge asks for "sync"):
 * remembered for a Settings screen that is still loading, and announced to one
 * already open.
 */
let pendingSection: string | null = null;
const SECTION_EVENT = "curator:settings-section";

export function showSettingsSection(id: string): void {
  pendingSection = id;
  window.dispatchEvent(new CustomEvent(SECTION_EVENT));
}

/** Calls `show` with a requested section id now (if one is pending) and whenever one is requested. */
export function onSettingsSectionRequest(show: (id: string) => void): () => void {
  const take = () => {
    const id = pendingSection;
    pendingSection = null;
    if (id) show(id);
  };
  take();
  window.addEventListener(SECTION_EVENT, take);
  return () => window.removeEventListener(SECTION_EVENT, take);
}
