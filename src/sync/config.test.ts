import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { freshDatabasePerTest } from "@data/backupTestkit";
import { db } from "@data/db";
import { getSetting, setSetting, type RememberedKeys } from "@data/settings";
import { checkConfig, corsRuleFor, createSyncClient, DEFAULT_PREFIX, layoutFor, type SyncConfig } from "./config";
import { forgetConnection, forgetKeys, readConnection, recordLastSync, saveConnection, toConfig } from "./connection";
import { SyncError } from "./errors";
import { thrownBy } from "./syncTestkit";

freshDatabasePerTest();

const config: SyncConfig = {
  endpoint: "https://s3.example.com",
  bucket: "wardrobe",
  accessKeyId: "AKIAEXAMPLE",
  secretAccessKey: "secret/key+example",
  passphrase: "correct horse battery staple",
};

const thrown = (run: () => unknown) => thrownBy(run) as SyncError;

describe("the bucket layout", () => {
  it("puts the key file, the records and the photos under the folder, which gets one trailing slash", () => {
    expect(DEFAULT_PREFIX).toBe("curator/");
    expect(layoutFor(config, true)).toEqual({ keyInfo: "curator/keyinfo.json", records: "curator/records.enc", blobs: "curator/blobs/" });
    expect(layoutFor(config, false)).toEqual({ keyInfo: "curator/keyinfo.json", records: "curator/records.json", blobs: "curator/blobs/" });
    expect(layoutFor({ ...config, prefix: "me" }, true).records).toBe("me/records.enc");
    expect(layoutFor({ ...config, prefix: "me/" }, false).blobs).toBe("me/blobs/");
    expect(layoutFor({ ...config, prefix: "" }, false)).toEqual({ keyInfo: "keyinfo.json", records: "records.json", blobs: "blobs/" });
  });
});

describe("checkConfig: settings that cannot work are refused before any request", () => {
  it("names every missing field (blank counts as missing)", () => {
    const e = thrown(() => checkConfig({ ...config, endpoint: "", bucket: "  ", secretAccessKey: "" }));
    expect(e).toBeInstanceOf(SyncError);
    expect(e).toMatchObject({ code: "config", reason: "incomplete", detail: "endpoint, bucket, secretAccessKey" });
    expect(e.message).toBe("Sync settings are incomplete: endpoint, bucket, secretAccessKey missing.");
    expect(thrown(() => checkConfig({ ...config, accessKeyId: " " }))).toMatchObject({ detail: "accessKeyId" });
  });

  it("wants an http(s) web address for the endpoint", () => {
    for (const endpoint of ["s3.example.com", "ftp://s3.example.com", "file:///tmp/bucket", "javascript:alert(1)"]) {
      const e = thrown(() => checkConfig({ ...config, endpoint }));
      expect(e, endpoint).toMatchObject({ code: "config", reason: "endpoint", message: "The endpoint must be a web address such as https://s3.example.com." });
    }
    expect(() => checkConfig({ ...config, endpoint: "http://localhost:9000" })).not.toThrow();
  });

  it("asks for the passphrase while encryption is on, unless remembered keys open the bucket", () => {
    const e = thrown(() => checkConfig({ ...config, passphrase: "" }));
    expect(e).toMatchObject({ code: "passphrase", reason: "needed", message: "Enter your sync passphrase (encryption is on)." });
    expect(() => checkConfig({ ...config, passphrase: undefined, encrypt: false })).not.toThrow();
    expect(() => checkConfig({ ...config, passphrase: undefined, keys: {} as RememberedKeys })).not.toThrow();
    expect(() => checkConfig({ ...config, passphrase: undefined, encrypt: true })).toThrow(SyncError);
  });
});

describe("the S3 client for a config", () => {
  it("path-style at us-east-1 by default, trimmed credentials, checksums only when required, three attempts", async () => {
    const client = createSyncClient({ ...config, accessKeyId: " AKIAEXAMPLE ", secretAccessKey: " secret/key+example\n" });
    expect(await client.config.region()).toBe("us-east-1");
    expect(client.config.forcePathStyle).toBe(true);
    expect(await client.config.credentials()).toMatchObject({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "secret/key+example" });
    expect(await client.config.requestChecksumCalculation()).toBe("WHEN_REQUIRED");
    expect(await client.config.responseChecksumValidation()).toBe("WHEN_REQUIRED");
    expect(await client.config.maxAttempts()).toBe(3);
    const endpoint = await client.config.endpoint!();
    expect(`${endpoint.protocol}//${endpoint.hostname}`).toBe("https://s3.example.com");
  });

  it("keeps a given region and virtual-host style when asked, and refuses a bad config before building anything", async () => {
    const client = createSyncClient({ ...config, region: "eu-west-3", forcePathStyle: false });
    expect(await client.config.region()).toBe("eu-west-3");
    expect(client.config.forcePathStyle).toBe(false);
    expect(await createSyncClient({ ...config, region: "" }).config.region()).toBe("us-east-1");
    expect(() => createSyncClient({ ...config, bucket: "" })).toThrow(SyncError);
  });

  it("the CORS rule a browser needs: the app's origin, read/write/delete, any header, the ETag exposed, cached an hour", () => {
    expect(corsRuleFor("https://curator.example")).toEqual({
      AllowedOrigins: ["https://curator.example"],
      AllowedMethods: ["GET", "PUT", "HEAD", "DELETE"],
      AllowedHeaders: ["*"],
      ExposeHeaders: ["ETag"],
      MaxAgeSeconds: 3600,
    });
  });
});

/** Real non-extractable AES keys, as a device remembers them. */
async function rememberedKeys(check: string): Promise<RememberedKeys> {
  const key = () => crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
  return { salt: "c2FsdA==", iterations: 600_000, check, content: await key(), names: await key() };
}

describe("this device's sync connection", () => {
  const place = { endpoint: " https://s3.example.com ", region: " ", bucket: " wardrobe ", accessKeyId: " AK ", secretAccessKey: " SK " };

  it("toConfig trims every field, defaults the region, and carries the passphrase and keys only when there are some", async () => {
    expect(toConfig(place, {})).toEqual({
      endpoint: "https://s3.example.com",
      region: "us-east-1",
      bucket: "wardrobe",
      accessKeyId: "AK",
      secretAccessKey: "SK",
    });
    expect(toConfig({ ...place, region: " eu-west-3 " }, { passphrase: "" }).region).toBe("eu-west-3");
    expect(toConfig(place, { passphrase: "" })).not.toHaveProperty("passphrase");
    expect(toConfig(place, { passphrase: " p " }).passphrase).toBe(" p ");
    const keys = await rememberedKeys("k");
    expect(toConfig(place, { keys }).keys).toBe(keys);
    expect(toConfig(place, {})).not.toHaveProperty("keys");
  });

  it("saveConnection stores the place trimmed, never a passphrase, and keys only when the user asked to remember them", async () => {
    const keys = await rememberedKeys("k");
    const saved = await saveConnection(place, { remember: false, keys });
    expect(saved).toEqual({
      endpoint: "https://s3.example.com",
      region: "us-east-1",
      bucket: "wardrobe",
      accessKeyId: "AK",
      secretAccessKey: "SK",
      remember: false,
    });
    expect(await readConnection()).toEqual(saved);
    const remembered = await saveConnection(place, { remember: true, keys });
    expect(remembered.keys).toBe(keys);
    expect((await readConnection())?.keys?.check).toBe("k");
    expect(await saveConnection(place, { remember: true, keys: null })).not.toHaveProperty("keys");
  });

  it("recordLastSync writes the summary with its time, keeps new keys only when remembering, and does nothing once sync is off", async () => {
    expect(await recordLastSync("Synced 3 items", 1_000)).toBeNull();
    expect(await readConnection()).toBeNull();

    const keys = await rememberedKeys("new");
    await saveConnection(place, { remember: false, keys: null });
    const plain = await recordLastSync("Synced 3 items", 1_000, keys);
    expect(plain).toMatchObject({ remember: false, lastSync: { at: 1_000, text: "Synced 3 items" } });
    expect(plain).not.toHaveProperty("keys");

    await saveConnection(place, { remember: true, keys: null });
    expect((await recordLastSync("Synced", 2_000, keys))?.keys?.check).toBe("new");
    // A sync that opened the bucket without new keys keeps the ones remembered.
    expect((await recordLastSync("Synced again", 3_000))?.keys?.check).toBe("new");
    expect((await readConnection())?.lastSync).toEqual({ at: 3_000, text: "Synced again" });

    await forgetConnection();
    expect(await recordLastSync("late", 4_000, keys)).toBeNull();
    expect(await readConnection()).toBeNull();
  });

  it("an earlier version's stored passphrase: the wish to remember is kept as keys after the next sync, and the passphrase goes", async () => {
    const legacy = {
      endpoint: "https://s3.example.com",
      region: "us-east-1",
      bucket: "wardrobe",
      accessKeyId: "AK",
      secretAccessKey: "SK",
      passphrase: "old plain text",
    };
    await setSetting("device:sync", legacy);
    const keys = await rememberedKeys("from-legacy");
    const after = await recordLastSync("Synced", 5_000, keys);
    expect(after).toMatchObject({ remember: true, keys: { check: "from-legacy" }, lastSync: { at: 5_000, text: "Synced" } });
    expect(after).not.toHaveProperty("passphrase");
    expect(await getSetting("device:sync")).not.toHaveProperty("passphrase");
    // Without a stored passphrase and no answer either way, nothing is remembered.
    await setSetting("device:sync", { ...legacy, passphrase: undefined });
    const none = await recordLastSync("Synced", 6_000, keys);
    expect(none).toMatchObject({ remember: false });
    expect(none).not.toHaveProperty("keys");
  });

  it("forgetKeys drops the remembered keys and any stored passphrase, and keeps the rest; with sync off it stays off", async () => {
    expect(await forgetKeys()).toBeNull();
    await saveConnection(place, { remember: true, keys: await rememberedKeys("k") });
    await recordLastSync("Synced", 7_000);
    const after = await forgetKeys();
    expect(after).toEqual({
      endpoint: "https://s3.example.com",
      region: "us-east-1",
      bucket: "wardrobe",
      accessKeyId: "AK",
      secretAccessKey: "SK",
      remember: true,
      lastSync: { at: 7_000, text: "Synced" },
    });
    expect(await readConnection()).toEqual(after);
    expect(await db.settings.get("device:sync")).toBeDefined();
  });
});
