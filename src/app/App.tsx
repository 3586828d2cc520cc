import { lazy, Suspense } from "react";
import { useTabs } from "./components/useTabs";
import { ToastProvider } from "./components/Toasts";
import { UpdatePrompt } from "./pwa/UpdatePrompt";
import { useAutoSyncRunner } from "./sync/useAutoSync";
import { SyncBadge } from "./sync/SyncBadge";
import { showSettingsSection } from "./settings/settingsNav";

// Each tab is one capability's screen, loaded on demand so the shell stays small.
const WardrobeScreen = lazy(() => import("./wardrobe/WardrobeScreen"));
const OutfitsScreen = lazy(() => import("./outfits/OutfitsScreen"));
const StyleScreen = lazy(() => import("./face/StyleScreen"));
const SettingsScreen = lazy(() => import("./settings/SettingsScreen"));

const TABS = [
  { id: "wardrobe", label: "Wardrobe", Screen: WardrobeScreen },
  { id: "outfits", label: "Outfits", Screen: OutfitsScreen },
  { id: "style", label: "Style", Screen: StyleScreen },
  { id: "settings", label: "Settings", Screen: SettingsScreen },
] as const;

type TabId = (typeof TABS)[number]["id"];
const TAB_IDS = TABS.map((t) => t.id);

export function App() {
  const { selected: tab, select, onKeyDown, tabProps } = useTabs<TabId>(TAB_IDS, "wardrobe");
  // Syncs by itself while sync is on (the engine loads only then).
  useAutoSyncRunner();
  const current = TABS.find((t) => t.id === tab) ?? TABS[0];
  return (
    <ToastProvider>
      <UpdatePrompt />
      <div className="app">
        <header className="app-header">
          <h1 className="brand">Curator</h1>
          <nav aria-label="Main">
            <ul className="tabs" role="tablist" onKeyDown={onKeyDown}>
              {TABS.map((t, i) => (
                <li key={t.id} role="presentation">
                  <button {...tabProps(t.id, i)} id={`tab-${t.id}`} aria-controls="tabpanel" className="tab">
                    {t.label}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <SyncBadge
            onOpen={() => {
              select("settings");
              showSettingsSection("sync");
            }}
          />
        </header>
        {/* The page's main landmark holds the selected tab's panel (a tabpanel role on
          <main> itself would replace the landmark). */}
        <main id="main">
          <div id="tabpanel" role="tabpanel" aria-labelledby={`tab-${current.id}`}>
            <Suspense
              fallback={
                <p className="loading" role="status">
                  Loading…
                </p>
              }
            >
              <current.Screen />
            </Suspense>
          </div>
        </main>
      </div>
    </ToastProvider>
  );
}
