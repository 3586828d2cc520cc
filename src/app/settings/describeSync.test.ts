import { describe, expect, it } from "vitest";
import { SyncError } from "../../sync/errors";
import { CancelledError } from "../../domain/errors";
import type { SyncSummary } from "../../sync";
import { zeroSummary, type TombstoneCounts } from "../../data/schema";
import { describeSyncSummary, syncFailureText } from "./describeSync";

const summary = (s: Partial<SyncSummary> = {}, items: Partial<TombstoneCounts> = {}): SyncSummary => ({
  merged: { ...zeroSummary(), items: { ...zeroSummary().items, ...items } },
  downloaded: 0,
  uploaded: 0,
  pushed: false,
  attempts: 1,
  encrypted: true,
  created: false,
  removed: 0,
  ...s,
});

describe("sync messages", () => {
  it("says what each kind of failure means and that nothing here was lost", () => {
    expect(syncFailureText(new SyncError("auth", "x"))).toMatch(/refused the access key ID or secret access key.*Nothing on this device was changed or lost\./);
    expect(syncFailureText(new SyncError("network", "x"))).toMatch(/Could not reach the sync server.*nothing was lost\./);
    expect(syncFailureText(new SyncError("bucket", "x"))).toMatch(/bucket was not found/);
    const wrong = syncFailureText(new SyncError("passphrase", "Wrong passphrase: it is not the one this bucket was set up with. Nothing was changed."));
    expect(wrong).toBe("Wrong passphrase: it is not the one this bucket was set up with. Nothing on this device was changed or lost.");
    expect(syncFailureText(new SyncError("corrupt", "The bucket's records is damaged. Nothing was changed."))).toMatch(/damaged\. It was refused\. Nothing on this device/);
    expect(syncFailureText(new CancelledError("x"))).toMatch(/^Sync was cancelled\./);
    expect(syncFailureText(new Error("boom"))).toMatch(/^Sync failed: boom/);
  });

  it("summarises a sync in one line", () => {
    expect(describeSyncSummary(summary())).toBe("Already up to date.");
    expect(describeSyncSummary(summary({ pushed: true }))).toBe("Sent this device's changes.");
    expect(describeSyncSummary(summary({ downloaded: 4 }, { added: 2 }))).toBe("2 items added, 4 photos downloaded.");
    expect(describeSyncSummary(summary({ uploaded: 1 }, { updated: 1 }))).toBe("1 item updated, 1 photo uploaded.");
    // A deletion made on another device is a deletion here, not an update.
    expect(describeSyncSummary(summary({}, { deleted: 2 }))).toBe("2 items deleted.");
    expect(describeSyncSummary(summary({ pushed: true, removed: 3 }))).toBe("Sent this device's changes; removed 3 unused photos from the bucket.");
    expect(describeSyncSummary(summary({ removed: 1 }, { added: 1 }))).toBe("1 item added; removed 1 unused photo from the bucket.");
  });
});
