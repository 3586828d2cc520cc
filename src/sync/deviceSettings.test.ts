import "fake-indexeddb/auto";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { db as appDb, type CuratorDB } from "@data/db";
import { exportWardrobe } from "@data/exportWardrobe";
import { mergeBackup } from "@data/merge";
import { emptyRecords } from "@data/schema";
import { isDeviceSetting } from "@data/settings";
import { readLocal } from "./snapshot";
import { syncNow } from "./sync";
import { addItem, newBucket, syncFixtures } from "./syncTestkit";

/** The sync connection is stored as a device-only setting: it must never reach the bucket, another device or an export file. */

const SECRET = "very-secret-access-key-and-passphrase";
const put = (db: CuratorDB, key: string, value: unknown) => db.settings.put({ key, value, updatedAt: Date.now() });

const fx = syncFixtures();
const device = () => fx.device();

describe("device-only settings", () => {
  it("are recognised by their prefix", () => {
    expect(isDeviceSetting("device:sync")).toBe(true);
    expect(isDeviceSetting("confidenceThreshold")).toBe(false);
  });

  it("are left out of the records a sync sends, and never reach another device", async () => {
    const config = await newBucket(fx.port);
    const a = await device();
    const b = await device();
    await addItem(a, 1, { name: "Tee" });
    await put(a, "device:sync", { secretAccessKey: SECRET });
    await put(a, "confidenceThreshold", 0.9);
    expect((await readLocal(a)).records.settings.map((s) => s.key)).toEqual(["confidenceThreshold"]);

    await syncNow(config, { db: a });
    await put(b, "device:sync", { secretAccessKey: "b's own" });
    await syncNow(config, { db: b });
    expect((await b.settings.get("confidenceThreshold"))?.value).toBe(0.9);
    expect((await b.settings.get("device:sync"))?.value).toEqual({ secretAccessKey: "b's own" });
    // And b's own does not come back to a.
    await syncNow(config, { db: a });
    expect((await a.settings.get("device:sync"))?.value).toEqual({ secretAccessKey: SECRET });
  });

  it("are never taken from a merged backup or bucket, even when one carries them", async () => {
    const a = await device();
    await put(a, "device:sync", { secretAccessKey: SECRET });
    const later = Date.now() + 60_000;
    await mergeBackup(
      {
        ...emptyRecords(),
        images: new Map(),
        settings: [
          { key: "device:sync", value: { secretAccessKey: "planted" }, updatedAt: later },
          { key: "confidenceThreshold", value: 0.8, updatedAt: later },
        ],
      },
      a,
    );
    expect((await a.settings.get("device:sync"))?.value).toEqual({ secretAccessKey: SECRET });
    expect((await a.settings.get("confidenceThreshold"))?.value).toBe(0.8);
  });

  it("are left out of an export file", async () => {
    await appDb.open();
    try {
      await put(appDb, "device:sync", { secretAccessKey: SECRET });
      await put(appDb, "confidenceThreshold", 0.9);
      const files = unzipSync(new Uint8Array(await (await exportWardrobe()).arrayBuffer()));
      const data = JSON.parse(strFromU8(files["data.json"]!)) as { settings: { key: string }[] };
      expect(data.settings.map((s) => s.key)).toEqual(["confidenceThreshold"]);
      expect(Object.values(files).some((bytes) => strFromU8(bytes).includes(SECRET))).toBe(false);
    } finally {
      await appDb.delete();
    }
  });
});
