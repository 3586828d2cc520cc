import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { freshDatabasePerTest } from "../backupTestkit";
import { db } from "../db";
import { parseSetting } from "../schema/settings";
import { BadRecord } from "../schema/fields";
import { getConfidenceThreshold, getSetting, setConfidenceThreshold, setSetting, updateSetting } from "./index";
import { DEVICE_SETTING_PREFIX, isDeviceSetting, SETTINGS, type SettingKey } from "./registry";

freshDatabasePerTest();

const keys = Object.keys(SETTINGS) as SettingKey[];

describe("the settings registry", () => {
  it("says device-only exactly for the keys with the device prefix, and each fallback is a value it accepts", () => {
    for (const key of keys) {
      expect(isDeviceSetting(key), key).toBe(SETTINGS[key].scope === "device");
      expect(key.startsWith(DEVICE_SETTING_PREFIX), key).toBe(SETTINGS[key].scope === "device");
      expect((SETTINGS[key] as { valid(v: unknown): boolean }).valid(SETTINGS[key].fallback), key).toBe(true);
    }
  });

  it("reads the stored value with its type, or the fallback when unset or not one the app could have written", async () => {
    expect(await getConfidenceThreshold()).toBe(0.93);
    await db.settings.put({ key: "confidenceThreshold", value: 0.8, updatedAt: 1 });
    expect(await getConfidenceThreshold()).toBe(0.8);
    await db.settings.put({ key: "confidenceThreshold", value: "0.8", updatedAt: 2 });
    expect(await getConfidenceThreshold()).toBe(0.93);
    await db.settings.put({ key: "backend", value: "cuda", updatedAt: 1 });
    expect(await getSetting("backend")).toBe("auto");
    await db.settings.put({ key: "device:sync", value: { endpoint: "https://s3.example.com" }, updatedAt: 1 });
    expect(await getSetting("device:sync")).toBeNull();
  });

  it("refuses to write a value of the wrong kind, and the threshold outside its range", async () => {
    await expect(setSetting("backend", "cuda" as never)).rejects.toThrow(TypeError);
    await expect(setConfidenceThreshold(1.5)).rejects.toThrow(/between 0.50 and 0.999/);
    await setConfidenceThreshold(0.95);
    expect(await getConfidenceThreshold()).toBe(0.95);
  });

  it("updates in one read-modify-write, or leaves the value when told to", async () => {
    const place = { endpoint: "https://s3.example.com", region: "us-east-1", bucket: "b", accessKeyId: "k", secretAccessKey: "s" };
    expect(await updateSetting("device:sync", (c) => (c ? { ...c, lastSync: { at: 1, text: "x" } } : undefined))).toBeNull();
    expect(await db.settings.get("device:sync")).toBeUndefined();
    await setSetting("device:sync", place);
    expect(await updateSetting("device:sync", (c) => (c ? { ...c, lastSync: { at: 1, text: "x" } } : undefined))).toEqual({
      ...place,
      lastSync: { at: 1, text: "x" },
    });
    expect(await getSetting("device:sync")).toEqual({ ...place, lastSync: { at: 1, text: "x" } });
  });

  it("checks synced settings coming from outside; device-only and unknown ones are not judged here", () => {
    expect(() => parseSetting({ key: "confidenceThreshold", value: 5, updatedAt: 1 })).toThrow(BadRecord);
    expect(() => parseSetting({ key: "backend", value: "cuda", updatedAt: 1 })).toThrow(/impossible value/);
    expect(parseSetting({ key: "confidenceThreshold", value: 0.9, updatedAt: 1 })).toEqual({ key: "confidenceThreshold", value: 0.9, updatedAt: 1 });
    // A newer version's setting, and a device-only one (which the merge then leaves out).
    expect(parseSetting({ key: "someday.option", value: [1, 2], updatedAt: 1 }).value).toEqual([1, 2]);
    expect(parseSetting({ key: "device:sync", value: 42, updatedAt: 1 }).value).toBe(42);
  });
});
