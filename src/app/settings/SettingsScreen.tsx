import { Suspense } from "react";
import { settingsSections } from "./sections";
import "./settings.css";

export default function SettingsScreen() {
  return (
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
  );
}
