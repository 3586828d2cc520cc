import "fake-indexeddb/auto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { asOldTables, dump, fixture, oldFixtureSummary, oldState } from "@data/backupTestkit";
import { db } from "@data/db";
import { isDeviceSetting } from "@data/settings";
import { createSyncClient } from "./config";
import { syncNow } from "./sync";
import { addItem, newBucket, syncFixtures } from "./syncTestkit";

const fx = syncFixtures();

/** A bucket exactly as an earlier version left it (data/fixtures/README.md). */
async function oldBucket() {
  const config = await newBucket(fx.port, { passphrase: "fixture passphrase" });
  const client = createSyncClient(config);
  const objects = JSON.parse(fixture("bucket-v1.json").toString("utf8")) as Record<string, string>;
  for (const [key, body] of Object.entries(objects))
    await client.send(new PutObjectCommand({ Bucket: config.bucket, Key: key, Body: Buffer.from(body, "base64") }));
  return config;
}

describe("a bucket synced by an earlier version", () => {
  it("brings a new device to the state the older one had, and stays readable after this version pushes to it", async () => {
    const config = await oldBucket();
    await db.open();
    try {
      const first = await syncNow(config);
      expect(first.merged).toEqual(oldFixtureSummary("added"));
      expect(first.pushed).toBe(false);
      const now = asOldTables(await dump());
      // This device's own bookkeeping (the bucket housekeeping's memory) is not part of the comparison.
      expect({ ...now, settings: now.settings.filter((s) => !isDeviceSetting(s.key)) }).toEqual(oldState());

      // This version writes to it; a second new device still reads everything.
      await addItem(db, 9, { name: "Added by this version" });
      expect((await syncNow(config)).pushed).toBe(true);
      const other = await fx.device();
      await syncNow(config, { db: other });
      expect((await other.items.toArray()).map((i) => i.name).sort()).toEqual((await db.items.toArray()).map((i) => i.name).sort());
    } finally {
      await db.delete();
    }
  });
});
