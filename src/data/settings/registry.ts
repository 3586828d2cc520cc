import { isNum, isRec } from "@domain/json";
import type { Backend } from "@ml/modelInfo";
import { isWashLimit, LAUNDRY_OFF, type LaundryRules } from "@domain/outfits/laundry";
import { isSavedTrip, type SavedTrip } from "@domain/outfits/tripSaved";
import type { Hemisphere } from "@domain/outfits/types";
import { SEASON_NAMES, type ColourSeason, type Swatch } from "@domain/face/seasons";
import { isCachedForecast, isPlace, OPEN_METEO_FORECAST, OPEN_METEO_GEOCODING, type CachedForecast, type WeatherPlace } from "@domain/outfits/weather";

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

/**
 * A bucket's keys as this device remembers them when the user asks it to: the
 * derived, non-extractable CryptoKeys (IndexedDB keeps them as they are; no script
 * can read their bytes), never the passphrase. They open only the bucket set up with
 * this salt and iteration count (and key check).
 */
export interface RememberedKeys {
  salt: string;
  iterations: number;
  check: string;
  content: CryptoKey;
  names: CryptoKey;
}

/** This device's sync connection. Credentials stay on the device; they go only to `endpoint`. */
export interface SyncConnection {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The user asked to remember the bucket's keys on this device. */
  remember?: boolean;
  /** The remembered keys, once a sync has opened the bucket. */
  keys?: RememberedKeys;
  /** Earlier versions remembered the passphrase itself: read once more, then replaced by `keys` (connection.ts). */
  passphrase?: string;
  /** The last sync's summary, written only by recordLastSync. */
  lastSync?: { at: number; text: string };
}

const CONNECTION_FIELDS = ["endpoint", "region", "bucket", "accessKeyId", "secretAccessKey"] as const;

const isKey = (v: unknown) => typeof CryptoKey !== "undefined" && v instanceof CryptoKey && !v.extractable;
const isRemembered = (v: unknown): v is RememberedKeys =>
  isRec(v) && typeof v.salt === "string" && isNum(v.iterations) && typeof v.check === "string" && isKey(v.content) && isKey(v.names);

function isConnection(v: unknown): v is SyncConnection {
  if (!isRec(v) || !CONNECTION_FIELDS.every((k) => typeof v[k] === "string")) return false;
  if (v.passphrase !== undefined && typeof v.passphrase !== "string") return false;
  if (v.remember !== undefined && typeof v.remember !== "boolean") return false;
  if (v.keys !== undefined && !isRemembered(v.keys)) return false;
  const last = v.lastSync;
  return last === undefined || (isRec(last) && isNum(last.at) && typeof last.text === "string");
}

/**
 * What this device knows of each bucket it synced with (by endpoint, bucket and
 * folder), to notice what the bucket cannot prove by itself: a copy of its key file
 * (a missing one is put back, a replaced one is refused as tampering) and the highest
 * records generation seen (an older records document put back is refused).
 */
export interface BucketTrust {
  /** keyinfo.json's parameters as first opened here (sync/crypto.ts keyInfoText). */
  keyInfo: string;
  /** True once records were read or written with it (a key file no records use may still lose a setup race). */
  confirmed: boolean;
  generation: number;
}

const isTrust = (v: unknown): v is Record<string, BucketTrust> =>
  isRec(v) && Object.values(v).every((t) => isRec(t) && typeof t.keyInfo === "string" && typeof t.confirmed === "boolean" && isNum(t.generation));

/** Photos the bucket housekeeping had seen unreferenced (earlier versions; sync now marks them in the records: sync/photos.ts). */
export interface OrphanState {
  /** Which bucket and folder the names belong to. */
  place: string;
  /** Object name → when this device first saw it unreferenced. */
  seen: Record<string, number>;
}

const isOrphanState = (v: unknown): v is OrphanState => isRec(v) && typeof v.place === "string" && isRec(v.seen) && Object.values(v.seen).every(isNum);

/** The outfit screen's laundry (domain/outfits/laundry.ts): on or off, since when, wears before the wash per kind. */
function isLaundryRules(v: unknown): v is LaundryRules {
  if (!isRec(v) || typeof v.enabled !== "boolean" || !(v.since === null || (isNum(v.since) && v.since >= 0)) || !isRec(v.limits)) return false;
  return Object.entries(v.limits).every(([k, n]) => k.length > 0 && k.length <= 40 && isWashLimit(n));
}

/** "Use today's weather": on or off, and for which place (device only: a location never leaves the device but to the weather service). */
export interface WeatherSetting {
  enabled: boolean;
  place: WeatherPlace | null;
}

/** Where the forecast and the place search are read (Open-Meteo's public API; a local stand-in in tests). */
export interface WeatherService {
  forecast: string;
  geocoding: string;
}

const isHttpUrl = (v: unknown) => typeof v === "string" && /^https?:\/\/\S+$/i.test(v) && v.length <= 500;
const isWeatherSetting = (v: unknown): v is WeatherSetting => isRec(v) && typeof v.enabled === "boolean" && (v.place === null || isPlace(v.place));
const isWeatherService = (v: unknown): v is WeatherService => isRec(v) && isHttpUrl(v.forecast) && isHttpUrl(v.geocoding);

/** The personal colour palette from the Style tab, and whether outfit suggestions may use it (opt-in). */
export interface SavedPalette {
  season: ColourSeason;
  suits: Swatch[];
  avoid: Swatch[];
  /** The user lets outfit suggestions prefer these colours near the face. */
  use: boolean;
  savedAt: number;
}

const isSwatches = (v: unknown): v is Swatch[] =>
  Array.isArray(v) &&
  v.length <= 24 &&
  v.every((x) => isRec(x) && typeof x.name === "string" && x.name.length <= 40 && typeof x.hex === "string" && /^#[0-9a-f]{6}$/i.test(x.hex));
const isSavedPalette = (v: unknown): v is SavedPalette =>
  isRec(v) &&
  (SEASON_NAMES as readonly unknown[]).includes(v.season) &&
  isSwatches(v.suits) &&
  isSwatches(v.avoid) &&
  typeof v.use === "boolean" &&
  isNum(v.savedAt);

export const HEMISPHERES = ["north", "south"] as const satisfies readonly Hemisphere[];
/** How the user feels the temperature: "cold" people feel it FEEL_SHIFT_C colder (domain/outfits). */
export const TEMPERATURE_FEELS = ["normal", "cold", "hot"] as const;
export type TemperatureFeelSetting = (typeof TEMPERATURE_FEELS)[number];

/** How a piece cut out of a shared photo is shown in the grid, outfits and similar items: its cut-out, or the photo around it. */
export const PIECE_PHOTO_CHOICES = ["cutout", "original"] as const;
export type PiecePhotoChoice = (typeof PIECE_PHOTO_CHOICES)[number];

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
  "outfits.laundry": spec<LaundryRules>({ scope: "synced", fallback: LAUNDRY_OFF, valid: isLaundryRules }),
  // With no season chosen, today's season comes from the date and this.
  "outfits.hemisphere": spec<Hemisphere>({
    scope: "synced",
    fallback: "north",
    valid: (v): v is Hemisphere => (HEMISPHERES as readonly unknown[]).includes(v),
  }),
  // The trip being packed for (domain/outfits/trip.ts): the plan and what is ticked as packed.
  "outfits.trip": spec<SavedTrip | null>({ scope: "synced", fallback: null, valid: (v): v is SavedTrip | null => v === null || isSavedTrip(v) }),
  "outfits.feel": spec<TemperatureFeelSetting>({
    scope: "synced",
    fallback: "normal",
    valid: (v): v is TemperatureFeelSetting => (TEMPERATURE_FEELS as readonly unknown[]).includes(v),
  }),
  "outfits.palette": spec<SavedPalette | null>({ scope: "synced", fallback: null, valid: (v): v is SavedPalette | null => v === null || isSavedPalette(v) }),
  "wardrobe.piecePhotos": spec<PiecePhotoChoice>({
    scope: "synced",
    fallback: "cutout",
    valid: (v): v is PiecePhotoChoice => (PIECE_PHOTO_CHOICES as readonly unknown[]).includes(v),
  }),
  "device:sync": spec<SyncConnection | null>({ scope: "device", fallback: null, valid: (v): v is SyncConnection | null => v === null || isConnection(v) }),
  "device:sync-trust": spec<Record<string, BucketTrust>>({ scope: "device", fallback: {}, valid: isTrust }),
  "device:sync-orphans": spec<OrphanState | null>({ scope: "device", fallback: null, valid: (v): v is OrphanState | null => v === null || isOrphanState(v) }),
  // Where the shop service lives: "/api" means this app's own origin, which differs from one install to another.
  "device:shopEndpoint": spec<string>({ scope: "device", fallback: "/api", valid: (v): v is string => typeof v === "string" }),
  "device:weather": spec<WeatherSetting>({ scope: "device", fallback: { enabled: false, place: null }, valid: isWeatherSetting }),
  // The last forecast read, with its time: what is shown offline or when the service fails.
  "device:weather-cache": spec<CachedForecast | null>({
    scope: "device",
    fallback: null,
    valid: (v): v is CachedForecast | null => v === null || isCachedForecast(v),
  }),
  "device:weather-service": spec<WeatherService>({
    scope: "device",
    fallback: { forecast: OPEN_METEO_FORECAST, geocoding: OPEN_METEO_GEOCODING },
    valid: isWeatherService,
  }),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K]["fallback"];

export const isKnownSetting = (key: string): key is SettingKey => Object.hasOwn(SETTINGS, key);

/** The value as the app may use it: a stored value that is not one it could have written reads as the fallback. */
export function settingValue<K extends SettingKey>(key: K, stored: unknown): SettingValue<K> {
  const s: SettingSpec<unknown> = SETTINGS[key];
  return (stored !== undefined && s.valid(stored) ? stored : s.fallback) as SettingValue<K>;
}
