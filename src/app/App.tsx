import { lazy, Suspense, useEffect } from "react";
import { useTabs } from "./components/useTabs";
import { ToastProvider } from "./components/Toasts";
import { UpdatePrompt } from "./pwa/UpdatePrompt";
import { useAutoSyncRunner } from "./sync/useAutoSync";
import { SyncBadge } from "./sync/SyncBadge";
import { showSettingsSection } from "./settings/settingsNav";
import { launch, listenForOpenedFiles, openView } from "./pwa/launch";
import { InstallPrompt } from "./pwa/InstallPrompt";
import { OfflineIndicator } from "./pwa/OfflineIndicator";
import { DownloadProgress } from "./pwa/DownloadProgress";

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
const isTab = (id: string | null): id is TabId => TAB_IDS.includes(id as TabId);

export function App() {
  // A home-screen shortcut or a share may open another tab than the Wardrobe.
  const { selected: tab, select, onKeyDown, tabProps } = useTabs<TabId>(TAB_IDS, isTab(launch.tab) ? launch.tab : "wardrobe");
  useEffect(() => {
    listenForOpenedFiles(() => select("wardrobe"));
    // A shortcut to a view inside Outfits (Today, Trips): its tab bar renders with the screen.
    if (launch.tab === "outfits" && launch.view && /^[\w-]+$/.test(launch.view)) return openView(`outfits-tab-${launch.view}`);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, at start
  }, []);
  // Syncs by itself while sync is on (the engine loads only then).
  useAutoSyncRunner();
  const current = TABS.find((t) => t.id === tab) ?? TABS[0];
  return (
    <ToastProvider>
      <UpdatePrompt />
      <InstallPrompt />
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
          <OfflineIndicator />
          <SyncBadge
            onOpen={() => {
              select("settings");
              showSettingsSection("sync");
            }}
          />
        </header>
        <DownloadProgress />
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
