import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { deletedOnDevice, edited, emptyDb, freshDatabasePerTest, fullState, summary } from "@data/backupTestkit";
import { StorageFullError } from "@data/errors";
import { exportWardrobe } from "@data/exportWardrobe";
import { IMPORT_FAILURE_CODES, ImportFileError, type ImportFailure } from "@data/importErrors";
import { importWardrobe } from "@data/importWardrobe";
import { RECORD_KINDS } from "@data/schema";
import { describeImport, describeImportFailure, importFailureText } from "./describeImport";

freshDatabasePerTest();

describe("the import result sentence", () => {
  it("says what live records came in and which deletions were applied, apart", () => {
    const s = summary({ unchanged: 3 }, { outfits: { added: 2, tombstones: 4 }, wearLog: { added: 3, updated: 2, deleted: 1, tombstones: 7 } });
    expect(describeImport("b.zip", s)).toBe(
      "Imported b.zip. Items: 0 added, 0 updated, 3 already up to date. Also brought in 2 saved outfits and 5 wear records; applied 1 deletion (1 wear record).",
    );
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

/** One failure of each code (every record kind for the ones that name a record). */
const FAILURES: ImportFailure[] = [
  { code: "empty" },
  { code: "not-zip" },
  { code: "no-data" },
  { code: "unreadable-data" },
  { code: "not-export" },
  { code: "newer-version" },
  { code: "bad-photo", index: 2, why: "checksum mismatch" },
  { code: "photo-missing", index: 3 },
  ...RECORD_KINDS.map((k): ImportFailure => ({ code: "bad-record", kind: k.name, index: k.single ? null : 1, why: "something is wrong" })),
  ...RECORD_KINDS.map((k): ImportFailure => ({ code: "twice", kind: k.name, index: 2 })),
  { code: "too-large", entry: "images/0f6e/original.jpg", limit: 64 << 20 },
  { code: "too-large", entry: "", limit: 2048 << 20 },
];

describe("a refused file, in words", () => {
  it("every failure code has words, which say at most once that nothing was imported", () => {
    expect(new Set(FAILURES.map((f) => f.code))).toEqual(new Set(IMPORT_FAILURE_CODES));
    for (const f of FAILURES) {
      const text = describeImportFailure(f);
      expect(text, f.code).toMatch(/^[A-Z].*[.)]$/);
      expect(text.match(/Nothing was imported/g)?.length ?? 0, text).toBeLessThanOrEqual(1);
      expect(text, f.code).not.toMatch(/undefined|null|\{/);
    }
  });

  it("names the record as the screens do", () => {
    expect(describeImportFailure({ code: "bad-record", kind: "outfits", index: 1, why: "itemIds must be a list of items" })).toBe(
      "Saved outfit 1 in the file is invalid: itemIds must be a list of items. Nothing was imported.",
    );
    expect(describeImportFailure({ code: "bad-record", kind: "learner", index: null, why: 'weight "x" is not a finite number' })).toBe(
      'The outfit learner in the file is invalid: weight "x" is not a finite number. Nothing was imported.',
    );
    expect(describeImportFailure({ code: "twice", kind: "wearLog", index: 2 })).toBe("Wear record 2 appears twice in the file. Nothing was imported.");
    expect(describeImportFailure({ code: "not-zip" })).toBe("This file is not a Curator wardrobe export. (It isn't a zip archive.)");
    expect(describeImportFailure({ code: "too-large", entry: "images/0f6e/original.jpg", limit: 64 << 20 })).toBe(
      "This file is too large to import safely: “images/0f6e/original.jpg” would take more than 64 MB once unpacked. The file is damaged, or was made to exhaust the device. Nothing was imported.",
    );
  });

  it("a real flawed file reads as before; a full disk keeps its own message", async () => {
    await fullState();
    const bad = await edited(await exportWardrobe(), (d) => ((d.settings![2] as Record<string, unknown>).value = undefined));
    const e = await importWardrobe(bad).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ImportFileError);
    expect(importFailureText(e)).toBe("Setting 3 in the file is invalid: value is missing. Nothing was imported.");
    expect(importFailureText(new StorageFullError())).toBe(new StorageFullError().message);
  });
});
