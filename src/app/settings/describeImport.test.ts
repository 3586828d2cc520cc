import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { deletedOnDevice, emptyDb, freshDatabasePerTest, summary } from "../../data/backupTestkit";
import { importWardrobe } from "../../data/importWardrobe";
import { describeImport } from "./describeImport";

freshDatabasePerTest();

describe("the import result sentence", () => {
  it("says what live records came in and which deletions were applied, apart", () => {
    const s = summary({ unchanged: 3 }, { outfits: { added: 2, tombstones: 4 }, wearLog: { added: 3, updated: 2, deleted: 1, tombstones: 7 } });
    expect(describeImport("b.zip", s)).toBe("Imported b.zip. Items: 0 added, 0 updated, 3 already up to date. Also brought in 2 saved outfits and 5 wear records; applied 1 deletion (1 wear record).");
  });

  it("names deletions alone, and says nothing of tombstones that changed nothing", () => {
    expect(describeImport("b.zip", summary({ unchanged: 1 }, { outfits: { deleted: 1 }, wearLog: { deleted: 2, unchanged: 1 } }))).toBe(
      "Imported b.zip. Items: 0 added, 0 updated, 1 already up to date. Applied 3 deletions (1 saved outfit and 2 wear records).",
    );
    expect(describeImport("b.zip", summary({ unchanged: 1, deleted: 2 }, { outfits: { deleted: 1 } }))).toBe(
      "Imported b.zip. Items: 0 added, 0 updated, 1 already up to date. Applied 3 deletions (2 items and 1 saved outfit).",
    );
    expect(describeImport("b.zip", summary({ unchanged: 1, tombstones: 4 }, { outfits: { tombstones: 1 }, wearLog: { tombstones: 2, unchanged: 1 } }))).toBe(
      "Imported b.zip. Items: 0 added, 0 updated, 1 already up to date.",
    );
  });

  it("after a real import over live records: the deleted outfit and removed wear are deletions, not records brought in", async () => {
    // This device has the outfit and both wears live; the file is from the device that deleted the outfit and removed a wear.
    const { before, after } = await deletedOnDevice();
    await emptyDb();
    await importWardrobe(before);
    expect(describeImport("after.zip", await importWardrobe(after))).toBe(
      // The one wear record brought in is the kept wear's newer copy (no longer pointing to the deleted outfit).
      "Imported after.zip. Items: 0 added, 2 updated, 1 already up to date. Also brought in 1 wear record; applied 2 deletions (1 saved outfit and 1 wear record).",
    );
  });

  it("after restoring a file with tombstones onto an empty device: only live records are brought in, and nothing is deleted", async () => {
    const { after } = await deletedOnDevice();
    await emptyDb();
    expect(describeImport("after.zip", await importWardrobe(after))).toBe(
      "Imported after.zip. Items: 3 added, 0 updated, 0 already up to date. Also brought in 1 wear record, 3 settings, 3 recognition records, your profile and your outfit preferences.",
    );
  });
});
