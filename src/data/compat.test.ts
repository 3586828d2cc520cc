import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { dump, everything, fixture, freshDatabasePerTest, oldState } from "./backupTestkit";
import { importWardrobe } from "./importWardrobe";

freshDatabasePerTest();


describe("a backup made by an earlier version", () => {
  it("imports into an empty device as the device that made it had it, and again changes nothing", async () => {
    const file = new Blob([fixture("backup-v2.zip")]);
    const first = await importWardrobe(file);
    // The deleted item and outfit are tombstones, not records brought in; the removed wear likewise.
    expect(first).toEqual({
      ...everything("added"),
      items: { added: 2, updated: 0, unchanged: 0, deleted: 0, tombstones: 1 },
      outfits: { added: 0, updated: 0, unchanged: 0, deleted: 0, tombstones: 1 },
      wearLog: { added: 1, updated: 0, unchanged: 0, deleted: 0, tombstones: 1 },
    });
    expect(await dump()).toEqual(oldState());
    expect(await importWardrobe(file)).toEqual(everything("unchanged"));
    expect(await dump()).toEqual(oldState());
  });
});
