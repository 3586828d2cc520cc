import { isNum, isRec } from "@domain/json";
import type { Backend } from "@ml/modelInfo";

/**
 * Every setting the app keeps, by its stored key: its type, its value when unset
 * (or unreadable), whether it syncs, and what a value must look like. Reading a
 * setting returns its type or its fallback, never a cast of whatever was stored; a
 * backup or a bucket carrying an impossible value of a synced setting is refused.
 *
 * - synced: the user's preferences, carried by export files and sync;
 * - device: this device's own (the sync connection and its keys, where the shop
 *   service lives, the bucket housekeeping's memory): never exported or synced, and
 *   never taken from outside. Their keys start with DEVICE_SETTING_PREFIX, so that
 *   even a key this version does not know is recognised as one.
 */
export const DEVICE_SETTING_PREFIX = "device:";
export const isDeviceSetting = (key: string) => key.startsWith(DEVICE_SETTING_PREFIX);

export interface SettingSpec<T> {
  scope: "synced" | "device";
  fallback: T;
  /** True for a value the app could have written. */
  valid(v: unknown): v is T;
}

const spec = <T>(s: SettingSpec<T>) => s;

/** Below this calibrated confidence the app asks instead of guessing. */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.93;
export const CONFIDENCE_RANGE = { min: 0.5, max: 0.999 } as const;

export const BACKEND_CHOICES = ["auto", "webgpu", "wasm-threads", "wasm"] as const satisfies readonly (Backend | "auto")[];
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** This device's sync connection. Credentials stay on the device; they go only to `endpoint`. */
export interface SyncConnection {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Only when the user asked to remember it on this device. */
  passphrase?: string;
  /** The last sync's summary, written only by recordLastSync. */
  lastSync?: { at: number; text: string };
}

const CONNECTION_FIELDS = ["endpoint", "region", "bucket", "accessKeyId", "secretAccessKey"] as const;

function isConnection(v: unknown): v is SyncConnection {
  if (!isRec(v) || !CONNECTION_FIELDS.every((k) => typeof v[k] === "string")) return false;
  if (v.passphrase !== undefined && typeof v.passphrase !== "string") return false;
  const last = v.lastSync;
  return last === undefined || (isRec(last) && isNum(last.at) && typeof last.text === "string");
}

/** Photos the bucket housekeeping has seen unreferenced (see sync/gc.ts). */
export interface OrphanState {
  /** Which bucket and folder the names belong to. */
  place: string;
  /** Object name → when this device first saw it unreferenced. */
  seen: Record<string, number>;
}

const isOrphanState = (v: unknown): v is OrphanState => isRec(v) && typeof v.place === "string" && isRec(v.seen) && Object.values(v.seen).every(isNum);

export const SETTINGS = {
  // The range setConfidenceThreshold accepts.
  confidenceThreshold: spec<number>({
    scope: "synced",
    fallback: DEFAULT_CONFIDENCE_THRESHOLD,
    valid: (v): v is number => isNum(v) && v >= CONFIDENCE_RANGE.min && v <= CONFIDENCE_RANGE.max,
  }),
  backend: spec<BackendChoice>({ scope: "synced", fallback: "auto", valid: (v): v is BackendChoice => (BACKEND_CHOICES as readonly unknown[]).includes(v) }),
  // The outfit screen's "today" filters. Kept as stored and checked field by field by
  // the screen (app/outfits/filters.ts): an older or damaged value loses only the
  // fields that no longer make sense, so any value is acceptable here.
  "outfits.filters": spec<unknown>({ scope: "synced", fallback: null, valid: (_v): _v is unknown => true }),
  "device:sync": spec<SyncConnection | null>({ scope: "device", fallback: null, valid: (v): v is SyncConnection | null => v === null || isConnection(v) }),
  "device:sync-orphans": spec<OrphanState | null>({ scope: "device", fallback: null, valid: (v): v is OrphanState | null => v === null || isOrphanState(v) }),
  // Where the shop service lives: "/api" means this app's own origin, which differs from one install to another.
  "device:shopEndpoint": spec<string>({ scope: "device", fallback: "/api", valid: (v): v is string => typeof v === "string" }),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K]["fallback"];

export const isKnownSetting = (key: string): key is SettingKey => Object.hasOwn(SETTINGS, key);

/** The value as the app may use it: a stored value that is not one it could have written reads as the fallback. */
export function settingValue<K extends SettingKey>(key: K, stored: unknown): SettingValue<K> {
  const s: SettingSpec<unknown> = SETTINGS[key];
  return (stored !== undefined && s.valid(stored) ? stored : s.fallback) as SettingValue<K>;
}
