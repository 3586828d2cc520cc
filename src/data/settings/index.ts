import { db as appDb, type CuratorDB } from "../db";
import { asStorageError } from "../errors";
import { CONFIDENCE_RANGE, settingValue, SETTINGS, type SettingKey, type SettingValue } from "./registry";

export { HEMISPHERES, PIECE_PHOTO_CHOICES, TEMPERATURE_FEELS, type PiecePhotoChoice, type TemperatureFeelSetting } from "./registry";
export {
  BACKEND_CHOICES,
  DEFAULT_CONFIDENCE_THRESHOLD,
  DEVICE_SETTING_PREFIX,
  isDeviceSetting,
  type BackendChoice,
  type BucketTrust,
  type OrphanState,
  type RememberedKeys,
  type SettingKey,
  type SettingValue,
  type SyncConnection,
} from "./registry";

/**
 * Reading and writing settings by their registry key (./registry.ts): values come
 * back with their type, or the fallback when unset or unreadable. `store` is the
 * app's database unless a caller (sync's simulated devices in tests) gives another.
 */
export async function getSetting<K extends SettingKey>(key: K, store: CuratorDB = appDb): Promise<SettingValue<K>> {
  return settingValue(key, (await store.settings.get(key))?.value);
}

function checked<K extends SettingKey>(key: K, value: SettingValue<K>): SettingValue<K> {
  if (!SETTINGS[key].valid(value)) throw new TypeError(`Setting "${key}" cannot hold ${JSON.stringify(value)}`);
  return value;
}

async function write<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw asStorageError(e);
  }
}

export async function setSetting<K extends SettingKey>(key: K, value: SettingValue<K>, store: CuratorDB = appDb, now = Date.now()): Promise<void> {
  checked(key, value);
  await write(() => store.settings.put({ key, value, updatedAt: now }));
}

export function deleteSetting(key: SettingKey, store: CuratorDB = appDb): Promise<void> {
  return write(() => store.settings.delete(key));
}

/**
 * Read-modify-write in one transaction, so a concurrent write (another tab, an
 * automatic sync) is never lost: `change` gets the current value and returns the
 * next one, or undefined to leave it. Resolves with the value stored after.
 */
export function updateSetting<K extends SettingKey>(
  key: K,
  change: (current: SettingValue<K>) => SettingValue<K> | undefined,
  store: CuratorDB = appDb,
  now = Date.now(),
): Promise<SettingValue<K>> {
  return write(() =>
    store.transaction("rw", store.settings, async () => {
      const current = settingValue(key, (await store.settings.get(key))?.value);
      const next = change(current);
      if (next === undefined) return current;
      await store.settings.put({ key, value: checked(key, next), updatedAt: now });
      return next;
    }),
  );
}

export const getConfidenceThreshold = () => getSetting("confidenceThreshold");

export async function setConfidenceThreshold(value: number): Promise<void> {
  if (!SETTINGS.confidenceThreshold.valid(value)) {
    throw new RangeError(`The confidence threshold must be between ${CONFIDENCE_RANGE.min.toFixed(2)} and ${CONFIDENCE_RANGE.max}`);
  }
  await setSetting("confidenceThreshold", value);
}
