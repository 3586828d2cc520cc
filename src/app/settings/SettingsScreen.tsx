import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { settingsSections } from "./sections";
import { onSettingsSectionRequest, SettingsNavContext, type SettingsView } from "./settingsNav";
import "./settings.css";

const ModelHealthScreen = lazy(() => import("../monitoring/ModelHealthScreen"));

/** How long a jump keeps its heading in place while the sections above it finish loading. */
const SETTLE_MS = 2000;
let settling: (() => void) | null = null;

/**
 * Scrolls a section's heading into view and moves the focus there (screen readers read on
 * from it). The sections above load lazily and can change height just after the jump
 * (sizes measured, settings read): until they settle, the heading is put back at the top
 * whenever the list changes size, unless the user scrolls, types or touches first.
 */
function goToSection(id: string): void {
  const heading = document.getElementById(`settings-${id}`);
  if (!heading) return;
  settling?.();
  heading.scrollIntoView({ block: "start" });
  heading.focus({ preventScroll: true });
  const list = heading.closest(".settings");
  if (!list || typeof ResizeObserver === "undefined") return;
  const keep = new ResizeObserver(() => heading.scrollIntoView({ block: "start" }));
  const userEvents = ["wheel", "touchstart", "keydown", "pointerdown"] as const;
  const stop = () => {
    keep.disconnect();
    clearTimeout(timer);
    for (const e of userEvents) window.removeEventListener(e, stop, true);
    if (settling === stop) settling = null;
  };
  const timer = setTimeout(stop, SETTLE_MS);
  for (const e of userEvents) window.addEventListener(e, stop, true);
  keep.observe(list);
  settling = stop;
}

export default function SettingsScreen() {
  const [view, setView] = useState<SettingsView | null>(null);
  const [returnedFrom, setReturnedFrom] = useState<SettingsView | null>(null);
  const nav = useMemo(() => ({ open: (v: SettingsView) => setView(v), returnedFrom }), [returnedFrom]);
  useEffect(
    () =>
      onSettingsSectionRequest((id) => {
        setView(null);
        // After the list has rendered (a full-page view may have been open).
        requestAnimationFrame(() => goToSection(id));
      }),
    [],
  );

  if (view === "model-health") {
    return (
      <Suspense fallback={<p className="loading">Loading…</p>}>
        <ModelHealthScreen
          onBack={() => {
            setReturnedFrom(view);
            setView(null);
          }}
        />
      </Suspense>
    );
  }
  return (
    <SettingsNavContext.Provider value={nav}>
      <section className="settings" aria-labelledby="settings-title">
        <h2 id="settings-title">Settings</h2>
        <nav className="settings-jump" aria-label="Settings sections">
          <ul>
            {settingsSections.map(({ id, title }) => (
              <li key={id}>
                <a
                  href={`#settings-${id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    goToSection(id);
                  }}
                >
                  {title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {settingsSections.map(({ id, title, Component }) => (
          <section key={id} className="settings-section" aria-labelledby={`settings-${id}`}>
            <h3 id={`settings-${id}`} tabIndex={-1}>
              {title}
            </h3>
            <Suspense fallback={<p className="loading">Loading…</p>}>
              <Component />
            </Suspense>
          </section>
        ))}
      </section>
    </SettingsNavContext.Provider>
  );
}
