import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { settingsSections } from "./sections";
import { onSettingsSectionRequest, SettingsNavContext, type SettingsView } from "./settingsNav";
import "./settings.css";

const ModelHealthScreen = lazy(() => import("../monitoring/ModelHealthScreen"));

/** Scrolls a section's heading into view and moves the focus there (screen readers read on from it). */
function goToSection(id: string): void {
  const heading = document.getElementById(`settings-${id}`);
  if (!heading) return;
  heading.scrollIntoView({ block: "start" });
  heading.focus({ preventScroll: true });
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
