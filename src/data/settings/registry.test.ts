// Each setting's check, value by value: what the app could have written is read back as it
// is, and anything else (a damaged backup, a value from another version, a bucket written by
// someone else) reads as the setting's fallback.
import { describe, expect, it } from "vitest";
import { isKnownSetting, SETTINGS, settingValue, type SettingKey } from "./registry";

/** settingValue keeps `v` (true) or falls back (false). */
const kept = (key: SettingKey, v: unknown) => settingValue(key, v) === v;

const place = { name: "Bergen", latitude: 60.39, longitude: 5.32 };
const swatch = { name: "navy", hex: "#1F2B52" };
const palette = { season: "deep winter", suits: [swatch], avoid: [], use: true, savedAt: 5 };
const connection = { endpoint: "https://s3.example.com", region: "eu", bucket: "b", accessKeyId: "id", secretAccessKey: "secret" };

describe("settings read as written, or as their fallback", () => {
  it("knows its keys, and nothing inherited", () => {
    expect(isKnownSetting("backend")).toBe(true);
    expect(isKnownSetting("device:sync")).toBe(true);
    expect(isKnownSetting("toString")).toBe(false);
    expect(isKnownSetting("nope")).toBe(false);
    expect(settingValue("backend", undefined)).toBe("auto");
  });

  it("the confidence threshold: a number from 0.5 to 0.999, ends included", () => {
    for (const v of [0.5, 0.93, 0.999]) expect(kept("confidenceThreshold", v), String(v)).toBe(true);
    for (const v of [0.4999, 0.9991, 1, NaN, "0.9"]) expect(kept("confidenceThreshold", v), String(v)).toBe(false);
    expect(settingValue("confidenceThreshold", 2)).toBe(0.93);
  });

  it("choices: backend, hemisphere, feel, piece photos", () => {
    for (const [key, good, bad] of [
      ["backend", "wasm-threads", "cuda"],
      ["outfits.hemisphere", "south", "east"],
      ["outfits.feel", "cold", "freezing"],
      ["wardrobe.piecePhotos", "original", "both"],
    ] as const) {
      expect(kept(key, good), key).toBe(true);
      expect(kept(key, bad), key).toBe(false);
      expect(settingValue(key, bad), key).toBe(SETTINGS[key].fallback);
    }
  });

  it("laundry: on or off, a non-negative start, and 0–30 wears per named kind", () => {
    const ok = { enabled: true, since: 0, limits: { shirt: 2, ["x".repeat(40)]: 30, jeans: 0 } };
    expect(kept("outfits.laundry", ok)).toBe(true);
    expect(kept("outfits.laundry", { ...ok, since: null })).toBe(true);
    for (const bad of [
      { ...ok, enabled: "yes" },
      { ...ok, since: -1 },
      { ...ok, since: "today" },
      { ...ok, limits: null },
      { ...ok, limits: { "": 2 } },
      { ...ok, limits: { ["x".repeat(41)]: 2 } },
      { ...ok, limits: { shirt: 31 } },
      { ...ok, limits: { shirt: 1.5 } },
      null,
    ])
      expect(kept("outfits.laundry", bad), JSON.stringify(bad)).toBe(false);
  });

  it("the palette: a known season, up to 24 named #rrggbb swatches each side, the opt-in and its time", () => {
    expect(kept("outfits.palette", palette)).toBe(true);
    expect(kept("outfits.palette", null)).toBe(true);
    expect(kept("outfits.palette", { ...palette, suits: new Array(24).fill(swatch) })).toBe(true);
    for (const bad of [
      { ...palette, season: "monsoon" },
      { ...palette, suits: new Array(25).fill(swatch) },
      { ...palette, suits: "navy" },
      { ...palette, avoid: [{ name: "navy", hex: "#1F2B5" }] },
      { ...palette, avoid: [{ name: "navy", hex: "x#1F2B52" }] },
      { ...palette, avoid: [{ name: "navy", hex: "#1F2B52x" }] },
      { ...palette, avoid: [{ name: "n".repeat(41), hex: "#1F2B52" }] },
      { ...palette, avoid: [{ name: 5, hex: "#1F2B52" }] },
      { ...palette, avoid: ["navy"] },
      { ...palette, use: "yes" },
      { ...palette, savedAt: "now" },
    ])
      expect(kept("outfits.palette", bad), JSON.stringify(bad)).toBe(false);
  });

  it("the sync connection: five texts, and optional fields only of their own kind", () => {
    expect(kept("device:sync", connection)).toBe(true);
    expect(kept("device:sync", { ...connection, remember: true, passphrase: "p", lastSync: { at: 3, text: "ok" } })).toBe(true);
    for (const field of ["endpoint", "region", "bucket", "accessKeyId", "secretAccessKey"])
      expect(kept("device:sync", { ...connection, [field]: 5 }), field).toBe(false);
    for (const bad of [
      { ...connection, remember: "yes" },
      { ...connection, passphrase: 5 },
      { ...connection, keys: { salt: "s", iterations: 1, check: "c", content: "k", names: "k" } },
      { ...connection, lastSync: { at: "then", text: "ok" } },
      { ...connection, lastSync: { at: 3, text: 5 } },
      { ...connection, lastSync: "yesterday" },
    ])
      expect(kept("device:sync", bad), JSON.stringify(bad)).toBe(false);
  });

  it("bucket trust and the old orphan list: every entry of the right shape", () => {
    const trust = { a: { keyInfo: "k", confirmed: true, generation: 3 }, b: { keyInfo: "k2", confirmed: false, generation: 0 } };
    expect(kept("device:sync-trust", trust)).toBe(true);
    expect(kept("device:sync-trust", {})).toBe(true);
    for (const bad of [
      { ...trust, c: { keyInfo: 1, confirmed: true, generation: 3 } },
      { ...trust, c: { keyInfo: "k", confirmed: "yes", generation: 3 } },
      { ...trust, c: { keyInfo: "k", confirmed: true, generation: "3" } },
      { ...trust, c: null },
      [],
    ])
      expect(kept("device:sync-trust", bad), JSON.stringify(bad)).toBe(false);
    const orphans = { place: "bucket/folder", seen: { "p/1": 5 } };
    expect(kept("device:sync-orphans", orphans)).toBe(true);
    for (const bad of [
      { ...orphans, place: 3 },
      { ...orphans, seen: null },
      { ...orphans, seen: { "p/1": "5" } },
    ])
      expect(kept("device:sync-orphans", bad), JSON.stringify(bad)).toBe(false);
  });

  it("weather: on or off with a real place, and both service addresses plain http(s) URLs", () => {
    expect(kept("device:weather", { enabled: true, place })).toBe(true);
    expect(kept("device:weather", { enabled: false, place: null })).toBe(true);
    for (const bad of [{ enabled: "yes", place }, { enabled: true, place: { ...place, latitude: 91 } }, { enabled: true }])
      expect(kept("device:weather", bad), JSON.stringify(bad)).toBe(false);
    const service = { forecast: "http://127.0.0.1:9/v1/forecast", geocoding: "HTTPS://geo.example/v1/search" };
    expect(kept("device:weather-service", service)).toBe(true);
    for (const bad of [
      { ...service, forecast: "ftp://x/forecast" },
      { ...service, geocoding: "javascript:alert(1)" },
      { ...service, forecast: "https://x/a b" },
      { ...service, forecast: " https://x/" },
      { ...service, geocoding: `https://x/${"a".repeat(500)}` },
      { ...service, geocoding: 5 },
    ])
      expect(kept("device:weather-service", bad), JSON.stringify(bad)).toBe(false);
    expect(kept("device:shopEndpoint", "https://shop.example/api")).toBe(true);
    expect(kept("device:shopEndpoint", 5)).toBe(false);
  });
});
