import { db } from "./db";
import { asStorageError } from "./errors";

/** Below this calibrated confidence the app asks instead of guessing. */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.93;

export async function getSetting<T>(key: string, fallback: T): Promise<T> {
  const rec = await db.settings.get(key);
  return rec === undefined ? fallback : (rec.value as T);
}

/**
 * Settings that belong to this device only (e.g. the sync connection and its keys):
 * never sent by sync, never written to an export file.
 */
export const DEVICE_SETTING_PREFIX = "device:";
export const isDeviceSetting = (key: string) => key.startsWith(DEVICE_SETTING_PREFIX);

export async function deleteSetting(key: string): Promise<void> {
  try {
    await db.settings.delete(key);
  } catch (e) {
    throw asStorageError(e);
  }
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  try {
    await db.settings.put({ key, value, updatedAt: Date.now() });
  } catch (e) {
    throw asStorageError(e);
  }
}

export const getConfidenceThreshold = () => getSetting("confidenceThreshold", DEFAULT_CONFIDENCE_THRESHOLD);

export async function setConfidenceThreshold(value: number): Promise<void> {
  if (!Number.isFinite(value) || value < 0.5 || value > 0.999) {
    throw new RangeError("The confidence threshold must be between 0.50 and 0.999");
  }
  await setSetting("confidenceThreshold", value);
}
