import { isDeviceSetting } from "../../settings/registry";
import { table } from "./table";

/** One setting as stored: a key of the settings registry (or one a newer version knows), its value and when it was set. */
export interface SettingRecord {
  key: string;
  value: unknown;
  updatedAt: number;
}

// A change to a device-only setting (the sync connection, its last-sync note) is not one to sync.
export const settingsTable = table<SettingRecord>()("settings", "key", { 2: "key" }, { syncs: (key) => !isDeviceSetting(String(key)) });
