import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { emptyDb, everything, FULL_STATE, freshDatabasePerTest, fullState, withBytes } from "../backupTestkit";
import { db } from "../db";
import { EXPORT_VERSION } from "../exportFormat";
import { exportWardrobe } from "../exportWardrobe";
import { importWardrobe } from "../importWardrobe";
import { mergeBackup, type Backup } from "../merge";
import { readBackup } from "../readBackup";
import { addSummaries, emptyRecords, kinds, readShared, RECORD_KINDS, recordVersions, TABLES, zeroSummary, type KindName, type RecordSet } from "./index";
import { incomingWins, outcome } from "./kind";
import { tombstoneCounts, type Tombstoned } from "./tombstones";

freshDatabasePerTest();

/** Every kind's shareable records on this device, blobs as bytes (comparable). */
async function shared(): Promise<Record<string, unknown>> {
  const { records } = await readShared(db);
  return (await withBytes(records)) as Record<string, unknown>;
}

const backupOf = (records: RecordSet): Backup => ({ ...records, images: new Map() });

describe("the record registry", () => {
  it("names each kind once, gives every kind a table of the database, and no kind is newer than the export format", () => {
    const names = RECORD_KINDS.map((k) => k.name);
    expect(new Set(names).size).toBe(names.length);
    for (const k of RECORD_KINDS) {
      expect(k.since).toBeLessThanOrEqual(EXPORT_VERSION);
      for (const t of k.tables) expect(db.tables.map((x) => x.name)).toContain(t.name);
    }
    // The database's tables (tables.ts) are exactly the kinds' tables.
    expect(new Set(RECORD_KINDS.flatMap((k) => k.tables.map((t) => t.name)))).toEqual(new Set(TABLES.map((t) => t.name)));
    expect(db.tables.map((t) => t.name).sort()).toEqual(TABLES.map((t) => t.name).sort());
    expect(Object.keys(zeroSummary()).sort()).toEqual([...names].sort());
  });

  it("the test fixture holds records of every kind (so the round trips below cover every kind)", async () => {
    await fullState();
    const { records } = await readShared(db);
    for (const k of kinds) expect(records[k.name].length, k.name).toBe(FULL_STATE[k.name]);
  });
});

describe("every record kind", () => {
  it("round-trips through export and import into an empty device, counted as added", async () => {
    await fullState();
    const before = await shared();
    const file = await exportWardrobe();
    await emptyDb();
    const summary = await importWardrobe(file);
    const after = await shared();
    for (const k of kinds) {
      expect(after[k.name], k.name).toEqual(before[k.name]);
      expect(summary[k.name].added, k.name).toBe(FULL_STATE[k.name]);
    }
  });

  it("merges by its rule: an older or equal copy changes nothing, a newer one replaces the copy here, each counted", async () => {
    await fullState();
    const backup = await readBackup(await exportWardrobe());
    const here = await shared();
    const shifted = (by: number): Backup => {
      const out = emptyRecords() as Record<KindName, { updatedAt: number }[]>;
      for (const k of kinds) out[k.name] = (backup[k.name] as { updatedAt: number }[]).map((r) => ({ ...r, updatedAt: r.updatedAt + by }));
      return { ...(out as unknown as RecordSet), images: backup.images };
    };
    expect(await mergeBackup(shifted(-1))).toEqual(everything("unchanged"));
    expect(await mergeBackup(shifted(0))).toEqual(everything("unchanged"));
    expect(await shared()).toEqual(here);
    expect(await mergeBackup(shifted(1e6))).toEqual(everything("updated"));
    const after = await shared();
    for (const k of kinds) {
      const times = (after[k.name] as { updatedAt: number }[]).map((r) => r.updatedAt);
      expect(
        times.every((t) => t >= 1e6),
        k.name,
      ).toBe(true);
    }
  });

  it("merged kind by kind, one kind alone changes only that kind", async () => {
    await fullState();
    const backup = await readBackup(await exportWardrobe());
    await emptyDb();
    for (const k of kinds) {
      const only = { ...emptyRecords(), [k.name]: backup[k.name] } as RecordSet;
      const s = await mergeBackup(backupOf(only));
      const expected = { ...zeroSummary(), [k.name]: { ...zeroSummary()[k.name], added: FULL_STATE[k.name] } };
      expect(s, k.name).toEqual(expected);
    }
  });

  it("has a version line per record, which moves when the record does", async () => {
    await fullState();
    const { records } = await readShared(db);
    const lines = recordVersions(records);
    expect(lines).toHaveLength(Object.values(FULL_STATE).reduce((a, b) => a + b, 0));
    const moved = { ...records, learner: records.learner.map((l) => ({ ...l, updatedAt: l.updatedAt + 1 })) };
    expect(recordVersions(moved)).not.toEqual(lines);
  });
});

describe("merge predicates and counts", () => {
  it("are pure: whose copy stands, and how a record fares", () => {
    const here = { updatedAt: 5 };
    expect(incomingWins({ updatedAt: 6 }, here)).toBe(true);
    expect(incomingWins({ updatedAt: 5 }, here)).toBe(false);
    expect(incomingWins({ updatedAt: 1 }, undefined)).toBe(true);
    expect([outcome({ updatedAt: 6 }, here), outcome({ updatedAt: 4 }, here), outcome({ updatedAt: 4 }, undefined)]).toEqual(["updated", "unchanged", "added"]);
    // Asking twice changes nothing (the old predicates counted inside .filter()).
    expect(outcome({ updatedAt: 6 }, here)).toBe("updated");
    expect(here).toEqual({ updatedAt: 5 });
  });

  it("count tombstones apart from live records", () => {
    const live = (id: string): Tombstoned => ({ id, updatedAt: 2, deletedAt: null });
    const gone = (id: string): Tombstoned => ({ id, updatedAt: 2, deletedAt: 1 });
    const before = new Map([
      ["a", live("a")],
      ["b", live("b")],
      ["c", gone("c")],
    ]);
    expect(tombstoneCounts([live("a"), gone("b"), gone("c"), gone("d"), live("e")], before, 4)).toEqual({
      added: 1,
      updated: 1,
      unchanged: 4,
      deleted: 1,
      tombstones: 2,
    });
  });

  it("add up over several merges", () => {
    const a = everything("added");
    expect(addSummaries(a, a).outfits.added).toBe(2 * FULL_STATE.outfits);
    expect(addSummaries(zeroSummary(), a)).toEqual(a);
  });
});
