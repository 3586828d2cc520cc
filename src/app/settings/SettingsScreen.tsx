import { lazy, Suspense, useMemo, useState } from "react";
import { settingsSections } from "./sections";
import { SettingsNavContext, type SettingsView } from "./settingsNav";
import "./settings.css";

const ModelHealthScreen = lazy(() => import("../monitoring/ModelHealthScreen"));

export default function SettingsScreen() {
  const [view, setView] = useState<SettingsView | null>(null);
  const [returnedFrom, setReturnedFrom] = useState<SettingsView | null>(null);
  const nav = useMemo(() => ({ open: (v: SettingsView) => setView(v), returnedFrom }), [returnedFrom]);

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
        {settingsSections.map(({ id, title, Component }) => (
          <section key={id} className="settings-section" aria-labelledby={`settings-${id}`}>
            <h3 id={`settings-${id}`}>{title}</h3>
            <Suspense fallback={<p className="loading">Loading…</p>}>
              <Component />
            </Suspense>
          </section>
        ))}
      </section>
    </SettingsNavContext.Provider>
  );
}
