import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { asOldTables, dump, fixture, freshDatabasePerTest, oldFixtureSummary, oldState } from "./backupTestkit";
import { importWardrobe } from "./importWardrobe";

freshDatabasePerTest();

describe("a backup made by an earlier version", () => {
  it("imports into an empty device as the device that made it had it, and again changes nothing", async () => {
    const file = new Blob([fixture("backup-v2.zip")]);
    expect(await importWardrobe(file)).toEqual(oldFixtureSummary("added"));
    expect(asOldTables(await dump())).toEqual(oldState());
    expect(await importWardrobe(file)).toEqual(oldFixtureSummary("unchanged"));
    expect(asOldTables(await dump())).toEqual(oldState());
  });
});
