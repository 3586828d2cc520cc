import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { newKeyInfo } from "./crypto";
import { syncNow } from "./sync";
import {
  addItem,
  bucketState,
  deleteObject,
  dump,
  headerSpy,
  liveNames,
  newBucket,
  readObject,
  recordingClient,
  syncFailure,
  syncFixtures,
  writeObject,
} from "./syncTestkit";

/**
 * keyinfo.json holds the salt every key of the bucket comes from: losing or
 * replacing it strands everything in the bucket. It is only ever created where
 * nothing exists yet, with If-None-Match: *, and each device keeps its own copy.
 */

const fx = syncFixtures();
const KEYINFO = "curator/keyinfo.json";

const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

describe("the bucket's key file", () => {
  it("is created only with If-None-Match: * (a second setup cannot overwrite it)", async () => {
    const config = await newBucket(fx.port);
    const a = await fx.device();
    await addItem(a, 1);
    const rec = recordingClient(config);
    const sent = headerSpy(rec.client);
    expect(await syncNow(config, { db: a, client: rec.client })).toMatchObject({ created: true });
    const keyPuts = sent.filter((s) => s.key === KEYINFO);
    expect(keyPuts).toHaveLength(1);
    expect(keyPuts[0]!.headers["if-none-match"]).toBe("*");
  });

  it("when it is missing while data exists, a new device refuses to set the bucket up again, and a device that knows it puts it back unchanged", async () => {
    const config = await newBucket(fx.port);
    const a = await fx.device();
    await addItem(a, 1, { name: "Coat" });
    await syncNow(config, { db: a });
    const original = await readObject(config, KEYINFO);
    await deleteObject(config, KEYINFO); // e.g. a lifecycle rule expired it

    const b = await fx.device();
    await addItem(b, 2, { name: "Scarf" });
    const before = { bucket: await bucketState(config), b: await dump(b) };
    const e = await syncFailure(syncNow(config, { db: b }));
    expect(e).toMatchObject({ code: "corrupt", reason: "keyinfo-missing" });
    expect(await bucketState(config)).toEqual(before.bucket); // no new salt written
    expect(await dump(b)).toBe(before.b);

    // A kept its own copy: its next sync restores the very same file, and B can then join.
    expect(await syncNow(config, { db: a })).toMatchObject({ created: false });
    expect(await readObject(config, KEYINFO)).toEqual(original);
    await syncNow(config, { db: b });
    await syncNow(config, { db: a });
    expect(await liveNames(a)).toEqual(["Coat", "Scarf"]);
    expect(await dump(a)).toBe(await dump(b));
  });

  it("a replaced key file (new salt, even with the same passphrase) is reported as tampering, and nothing changes", async () => {
    const config = await newBucket(fx.port);
    const a = await fx.device();
    await addItem(a, 1);
    await syncNow(config, { db: a });
    await addItem(a, 2);
    const forged = (await newKeyInfo(config.passphrase!, 310_000)).info;
    await writeObject(config, KEYINFO, json(forged));
    const before = { bucket: await bucketState(config), a: await dump(a) };
    const e = await syncFailure(syncNow(config, { db: a }));
    expect(e).toMatchObject({ code: "corrupt", reason: "keyinfo-replaced" });
    expect(await bucketState(config)).toEqual(before.bucket);
    expect(await dump(a)).toBe(before.a);
  });

  it("two devices setting up the same empty bucket at once end with one salt, and each other's items", async () => {
    const config = await newBucket(fx.port);
    const a = await fx.device();
    const b = await fx.device();
    await addItem(a, 1, { name: "From A" });
    await addItem(b, 2, { name: "From B" });
    // A found no key file; just before A writes one, B sets the bucket up completely.
    let raced = false;
    const rec = recordingClient(config, async (command, key) => {
      if (command === "PutObjectCommand" && key === KEYINFO && !raced) {
        raced = true;
        await syncNow(config, { db: b });
      }
    });
    // A lost the race: it uses B's key file and says it set nothing up.
    expect(await syncNow(config, { db: a, client: rec.client })).toMatchObject({ created: false });
    expect(raced).toBe(true);
    await syncNow(config, { db: b });
    for (const d of [a, b]) expect(await liveNames(d)).toEqual(["From A", "From B"]);
    // A third device, with only the passphrase, reads everything.
    const c = await fx.device();
    await syncNow(config, { db: c });
    expect(await liveNames(c)).toEqual(["From A", "From B"]);
  });
});
