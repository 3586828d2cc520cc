import { describe, expect, it } from "vitest";
import { emptyRecords, zeroSummary, type TombstoneCounts } from "@data/schema";
import { RecordProblem, writeKinds } from "@data/schema/document";
import { CancelledError } from "@domain/errors";
import type { SyncSummary } from "@sync";
import { checkConfig, corsRuleFor, type SyncConfig } from "@sync/config";
import { newKeyInfo, open, parseKeyInfo, seal, unlock } from "@sync/crypto";
import { asSyncError, SYNC_ERROR_REASONS, SyncError, type SyncErrorCode } from "@sync/errors";
import { parseRecords } from "@sync/records";
import { corsNote, describeSyncSummary, syncFailureText, syncRemedy } from "./describeSync";

const summary = (s: Partial<SyncSummary> = {}, items: Partial<TombstoneCounts> = {}): SyncSummary => ({
  merged: { ...zeroSummary(), items: { ...zeroSummary().items, ...items } },
  downloaded: 0,
  uploaded: 0,
  pushed: false,
  attempts: 1,
  encrypted: true,
  created: false,
  restored: false,
  removed: 0,
  keys: null,
  ...s,
});

/** Every way of saying that nothing here was lost or changed: a message says it once. */
const REASSURANCE = /nothing (on this device )?was (changed|lost)|nothing was changed or lost/gi;
const reassurances = (text: string) => text.match(REASSURANCE)?.length ?? 0;

/** What the engine throws, made by the engine itself where it is cheap to (no server needed). */
async function engineErrors(): Promise<unknown[]> {
  const caught = async (run: () => unknown) => {
    try {
      await run();
    } catch (e) {
      return e;
    }
    throw new Error("did not throw");
  };
  const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  const { info, keys } = await newKeyInfo("right", 1000);
  const sealed = await seal(keys, "records", enc({ hello: 1 }));
  sealed[sealed.length - 1]! ^= 1;
  const config: SyncConfig = { endpoint: "https://s3.example.com", bucket: "b", accessKeyId: "k", secretAccessKey: "s", passphrase: "p" };
  const doc = { format: "curator-sync-records", version: 1, ...writeKinds(emptyRecords()), images: [], outfits: [{ id: "x" }] };
  return [
    await caught(() => checkConfig({ ...config, bucket: " " })),
    await caught(() => checkConfig({ ...config, endpoint: "s3.example.com" })),
    await caught(() => checkConfig({ ...config, passphrase: "" })),
    await caught(() => parseKeyInfo(new TextEncoder().encode("{nope"))),
    await caught(() => parseKeyInfo(enc({ format: "curator-sync-key", version: 2 }))),
    await caught(() => unlock(info as Extract<typeof info, { encryption: "aes-256-gcm" }>, "wrong")),
    await caught(() => open(keys, "records", new Uint8Array(5))),
    await caught(() => open(keys, "records", sealed)),
    await caught(() => parseRecords(new TextEncoder().encode("{nope"))),
    await caught(() => parseRecords(enc({ ...doc, version: 99 }))),
    await caught(() => parseRecords(enc(doc))),
    await caught(() => parseRecords(enc({ ...doc, outfits: undefined }))),
    asSyncError(Object.assign(new Error("denied"), { name: "InvalidAccessKeyId", $metadata: { httpStatusCode: 403 } })),
    asSyncError(Object.assign(new Error("gone"), { name: "NoSuchBucket", $metadata: { httpStatusCode: 404 } })),
    asSyncError(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } })),
    asSyncError(Object.assign(new Error("slow down"), { name: "SlowDown", $metadata: { httpStatusCode: 503 } })),
    asSyncError(new DOMException("The quota has been exceeded.", "QuotaExceededError")),
    asSyncError(new Error("boom")),
    new SyncError("conflict", "Other devices kept syncing at the same time. Nothing was lost; sync again in a moment."),
    new CancelledError("Sync was cancelled. Nothing was lost; sync again to finish."),
  ];
}

describe("sync failures in words", () => {
  it("every code and reason has words that say once that nothing here was lost", () => {
    const errors = (Object.entries(SYNC_ERROR_REASONS) as [SyncErrorCode, readonly string[]][]).flatMap(([code, reasons]) =>
      [undefined, ...reasons].map(
        (reason) =>
          new SyncError(code, "engine words. Nothing was changed.", {
            reason: reason as never,
            detail: "detail",
            record: new RecordProblem("outfits", 2, "invalid", "name must be text"),
          }),
      ),
    );
    expect(errors.length).toBeGreaterThan(20);
    for (const e of errors) {
      const text = syncFailureText(e);
      expect(reassurances(text), `${e.code}/${e.reason}: ${text}`).toBe(1);
      expect(text, `${e.code}/${e.reason}`).not.toMatch(/undefined|null|engine words/);
    }
  });

  it("the engine's own failures read without the reassurance twice, and say what happened", async () => {
    const texts = (await engineErrors()).map(syncFailureText);
    for (const text of texts) expect(reassurances(text), text).toBe(1);
    expect(texts).toEqual([
      "Sync settings are incomplete: bucket missing. Nothing on this device was changed or lost.",
      "The endpoint must be a web address such as https://s3.example.com. Nothing on this device was changed or lost.",
      "Enter your sync passphrase (encryption is on). Nothing on this device was changed or lost.",
      "The bucket's keyinfo.json is damaged (not JSON). It was refused. Nothing on this device was changed or lost.",
      "This bucket was set up by a newer version of Curator. Update the app and try again. Nothing on this device was changed or lost.",
      "Wrong passphrase: it is not the one this bucket was set up with. Nothing on this device was changed or lost.",
      "The bucket's records is damaged (not an encrypted Curator object). It was refused. Nothing on this device was changed or lost.",
      "The bucket's records is damaged or was tampered with (it failed its authenticity check). It was refused. Nothing on this device was changed or lost.",
      "The synced records in the bucket are damaged (not readable JSON). It was refused. Nothing on this device was changed or lost.",
      "The bucket was last synced by a newer version of Curator. Update the app and sync again. Nothing on this device was changed or lost.",
      "The synced records in the bucket are damaged (Saved outfit 1: name must be text). It was refused. Nothing on this device was changed or lost.",
      "The synced records in the bucket are damaged (Saved outfits are missing). It was refused. Nothing on this device was changed or lost.",
      "The bucket refused the access key ID or secret access key. Check them and try again. Nothing on this device was changed or lost.",
      "The bucket was not found. Check its name and region. Nothing on this device was changed or lost.",
      "Could not reach the sync server. Check your connection and the endpoint address, and that the bucket allows this site (CORS). Your wardrobe on this device is kept: nothing was lost.",
      "Sync failed (SlowDown 503). Your wardrobe on this device is kept: nothing was lost.",
      "This device has no room left for the synced data. Free up space and sync again. Your wardrobe on this device is kept: nothing was lost.",
      "Sync failed (boom). Your wardrobe on this device is kept: nothing was lost.",
      "Other devices kept syncing at the same time. Sync again in a moment. Your wardrobe on this device is kept: nothing was lost.",
      "Sync was cancelled. Your wardrobe on this device is kept: nothing was lost. Sync again to finish.",
    ]);
  });

  it("the three failures that used to escape the wording are said once", () => {
    const photoMissing = new SyncError("corrupt", "A photo the bucket's records refer to is missing from the bucket. Nothing was changed on this device.", {
      reason: "photo-missing",
    });
    const photoDamaged = new SyncError("corrupt", "A photo in the bucket is damaged (its checksum does not match). Nothing was changed on this device.", {
      reason: "photo-damaged",
    });
    expect(syncFailureText(photoMissing)).toBe(
      "A photo the bucket's records refer to is missing from the bucket. The device that has it uploads it again when it syncs; sync again later. Nothing on this device was changed or lost.",
    );
    expect(syncFailureText(photoDamaged)).toBe(
      "A photo in the bucket is damaged (its checksum does not match). It was refused. Nothing on this device was changed or lost.",
    );
  });

  it("anything else is a plain failure", () => {
    expect(syncFailureText(new Error("boom"))).toBe("Sync failed: boom Your wardrobe on this device is kept: nothing was lost.");
  });
});

describe("a sync in one line", () => {
  it("summarises a sync", () => {
    expect(describeSyncSummary(summary())).toBe("Already up to date.");
    expect(describeSyncSummary(summary({ pushed: true }))).toBe("Sent this device's changes.");
    expect(describeSyncSummary(summary({ downloaded: 4 }, { added: 2 }))).toBe("2 items added, 4 photos downloaded.");
    expect(describeSyncSummary(summary({ uploaded: 1 }, { updated: 1 }))).toBe("1 item updated, 1 photo uploaded.");
    // A deletion made on another device is a deletion here, not an update.
    expect(describeSyncSummary(summary({}, { deleted: 2 }))).toBe("2 items deleted.");
    expect(describeSyncSummary(summary({ pushed: true, removed: 3 }))).toBe("Sent this device's changes; removed 3 unused photos from the bucket.");
    expect(describeSyncSummary(summary({ removed: 1 }, { added: 1 }))).toBe("1 item added; removed 1 unused photo from the bucket.");
  });

  it("counts outfits, wears and the profile as other changes, not the bookkeeping kinds", () => {
    const s = summary();
    s.merged.outfits.added = 1;
    s.merged.wearLog.deleted = 2;
    s.merged.profile.updated = 1;
    s.merged.predictions.added = 9;
    s.merged.settings.updated = 3;
    s.merged.learner.updated = 1;
    expect(describeSyncSummary(s)).toBe("4 other changes brought in.");
  });
});

describe("the bucket's CORS rule, as the settings screen states it", () => {
  it("names every method and header the rule sync needs has, DELETE included (clean-up removes photos)", () => {
    const text = corsNote("https://curator.example");
    const rule = corsRuleFor("https://curator.example");
    for (const m of rule.AllowedMethods!) expect(text).toContain(m);
    expect(rule.AllowedMethods).toContain("DELETE");
    expect(text).toBe(
      "The bucket must allow this site (https://curator.example) in its CORS rules: methods GET, PUT, HEAD and DELETE, any header, and expose the ETag header.",
    );
  });
});

describe("what a failure offers besides trying again", () => {
  it("a replaced key file: trust the new one; rolled-back records: send this device's data again; anything else: nothing", () => {
    expect(syncRemedy(new SyncError("corrupt", "x", { reason: "keyinfo-replaced" }))).toBe("trust-key-file");
    expect(syncRemedy(new SyncError("corrupt", "x", { reason: "rolled-back" }))).toBe("send-again");
    expect(syncRemedy(new SyncError("corrupt", "x", { reason: "tampered" }))).toBeNull();
    expect(syncRemedy(new Error("x"))).toBeNull();
  });
});
