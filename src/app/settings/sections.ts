import { lazy, type ComponentType, type LazyExoticComponent } from "react";

/**
 * The settings screen is a list of sections, one per capability. To add one
 * (models available offline, face analysis, sync), append an entry here: the
 * component is loaded lazily so settings stay light.
 */
export interface SettingsSection {
  id: string;
  title: string;
  Component: ComponentType | LazyExoticComponent<ComponentType>;
}

export const settingsSections: SettingsSection[] = [
  { id: "storage", title: "Storage on this device", Component: lazy(() => import("./StorageSection")) },
  { id: "appearance", title: "Appearance", Component: lazy(() => import("../pwa/AppearanceSection")) },
  { id: "backup", title: "Export and import", Component: lazy(() => import("./BackupSection")) },
  { id: "sync", title: "Sync", Component: lazy(() => import("./SyncSection")) },
  { id: "outfits", title: "Outfits", Component: lazy(() => import("../outfits/OutfitSettings")) },
  { id: "shop", title: "Shop the look", Component: lazy(() => import("./ShopSection")) },
  { id: "models", title: "On-device models", Component: lazy(() => import("./ModelsSection")) },
  { id: "model-health", title: "Model health", Component: lazy(() => import("./ModelHealthSection")) },
];
