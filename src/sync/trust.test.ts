import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import type { CuratorDB } from "@data/db";
import { forgetTrust, keepTrust, placeOf, readTrust } from "./trust";
import { newDevice } from "./syncTestkit";

const devices: CuratorDB[] = [];
afterEach(async () => {
  for (const d of devices.splice(0)) await d.delete();
});
const device = async () => {
  const d = await newDevice();
  devices.push(d);
  return d;
};

describe("placeOf: which bucket and folder, however the settings were typed", () => {
  it("trims the endpoint's trailing slashes and spaces, the bucket's spaces, and gives the folder one trailing slash", () => {
    expect(placeOf({ endpoint: " https://s3.example.com// ", bucket: " wardrobe ", prefix: "mine" })).toBe("https://s3.example.com|wardrobe|mine/");
    expect(placeOf({ endpoint: "https://s3.example.com", bucket: "wardrobe", prefix: "mine/" })).toBe("https://s3.example.com|wardrobe|mine/");
    expect(placeOf({ endpoint: "https://s3.example.com", bucket: "wardrobe" })).toBe("https://s3.example.com|wardrobe|curator/");
    expect(placeOf({ endpoint: "https://s3.example.com", bucket: "wardrobe", prefix: "" })).toBe("https://s3.example.com|wardrobe|");
    expect(placeOf({ endpoint: "https://s3.example.com/", bucket: "other" })).not.toBe(placeOf({ endpoint: "https://s3.example.com/", bucket: "wardrobe" }));
  });
});

describe("the device's memory of each bucket", () => {
  const A = "https://s3.example.com|a|curator/";
  const B = "https://s3.example.com|b|curator/";

  it("is empty at first; keeps one entry per place; the generation never goes down while the key file is the same", async () => {
    const db = await device();
    expect(await readTrust(db, A)).toBeNull();
    await keepTrust(db, A, { keyInfo: "k1", confirmed: false, generation: 3 });
    await keepTrust(db, B, { keyInfo: "kb", confirmed: true, generation: 1 });
    expect(await readTrust(db, A)).toEqual({ keyInfo: "k1", confirmed: false, generation: 3 });
    await keepTrust(db, A, { keyInfo: "k1", confirmed: true, generation: 2 });
    expect(await readTrust(db, A)).toEqual({ keyInfo: "k1", confirmed: true, generation: 3 });
    await keepTrust(db, A, { keyInfo: "k1", confirmed: true, generation: 7 });
    expect(await readTrust(db, A)).toEqual({ keyInfo: "k1", confirmed: true, generation: 7 });
    // A new key file (the bucket was set up again) starts its own count.
    await keepTrust(db, A, { keyInfo: "k2", confirmed: false, generation: 1 });
    expect(await readTrust(db, A)).toEqual({ keyInfo: "k2", confirmed: false, generation: 1 });
    expect(await readTrust(db, B)).toEqual({ keyInfo: "kb", confirmed: true, generation: 1 });
  });

  it("writes nothing when nothing changed (the setting's time stays), and something when only 'confirmed' changed", async () => {
    const db = await device();
    await keepTrust(db, A, { keyInfo: "k1", confirmed: false, generation: 3 });
    const stamp = async () => (await db.settings.get("device:sync-trust"))?.updatedAt;
    const first = await stamp();
    await new Promise((r) => setTimeout(r, 5));
    await keepTrust(db, A, { keyInfo: "k1", confirmed: false, generation: 3 });
    await keepTrust(db, A, { keyInfo: "k1", confirmed: false, generation: 1 });
    expect(await stamp()).toBe(first);
    await keepTrust(db, A, { keyInfo: "k1", confirmed: true, generation: 3 });
    expect(await stamp()).toBeGreaterThan(first!);
  });

  it("forgetTrust forgets exactly that bucket and folder, and forgetting one it never knew changes nothing", async () => {
    const db = await device();
    const config = { endpoint: "https://s3.example.com/", bucket: "a", prefix: "curator" };
    expect(placeOf(config)).toBe(A);
    await keepTrust(db, A, { keyInfo: "k1", confirmed: true, generation: 3 });
    await keepTrust(db, B, { keyInfo: "kb", confirmed: true, generation: 1 });
    const before = (await db.settings.get("device:sync-trust"))?.updatedAt;
    await forgetTrust({ ...config, bucket: "c" }, db);
    expect((await db.settings.get("device:sync-trust"))?.updatedAt).toBe(before);
    await forgetTrust(config, db);
    expect(await readTrust(db, A)).toBeNull();
    expect(await readTrust(db, B)).toEqual({ keyInfo: "kb", confirmed: true, generation: 1 });
  });
});
