import { isDeviceSetting, isKnownSetting, SETTINGS } from "../settings/registry";
import { BadRecord, record, text, time } from "./fields";
import { mergeNewer, noCounts, type Counts, type RecordKind } from "./kind";
import { settingsTable, type SettingRecord } from "./tables/settings";

export function parseSetting(raw: unknown): SettingRecord {
  const r = record(raw);
  const key = text(r.key, "key");
  if (!key) throw new BadRecord("key is empty");
  if (!("value" in r)) throw new BadRecord("value is missing");
  // A synced setting the app reads must hold a value it could have written; device
  // ones are never taken from outside anyway, and unknown ones are a newer version's.
  if (isKnownSetting(key) && SETTINGS[key].scope === "synced" && !SETTINGS[key].valid(r.value)) throw new BadRecord(`"${key}" has an impossible value`);
  return { key, value: r.value, updatedAt: time(r.updatedAt, "updatedAt") };
}

const shared = (s: SettingRecord) => !isDeviceSetting(s.key);

export const settings = {
  name: "settings",
  since: 2,
  single: false,
  tables: [settingsTable],
  counts: noCounts,
  // JSON cannot carry an undefined value (such a setting means "not set"); device-only settings never leave the device.
  read: async (db) => (await settingsTable.of(db).toArray()).filter((s) => s.value !== undefined && shared(s)),
  parse: parseSetting,
  keyOf: (s) => s.key,
  version: (s) => `s ${s.key} ${s.updatedAt}`,
  // Device-only settings never come from outside this device.
  merge: (ctx, rows) => mergeNewer(settingsTable, ctx, rows, shared),
} satisfies RecordKind<"settings", SettingRecord, Counts>;
