import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { everything, FULL_STATE, fullState, withBytes } from "@data/backupTestkit";
import { db, type CuratorDB } from "@data/db";
import { kinds, readShared } from "@data/schema";
import { syncNow } from "./sync";
import { newBucket, syncFixtures } from "./syncTestkit";

const fx = syncFixtures();

const shared = async (d: CuratorDB) => (await withBytes((await readShared(d)).records)) as Record<string, unknown>;

describe("every record kind through sync", () => {
  it("reaches another device through the bucket as it is here, counted as added there, and comes back unchanged", async () => {
    await db.open();
    try {
      await fullState();
      const config = await newBucket(fx.port);
      const here = await shared(db);
      expect((await syncNow(config)).pushed).toBe(true);

      const other = await fx.device();
      const pulled = await syncNow(config, { db: other });
      expect(pulled.merged).toEqual(everything("added"));
      const there = await shared(other);
      for (const k of kinds) expect(there[k.name], k.name).toEqual(here[k.name]);
      for (const k of kinds) expect((there[k.name] as unknown[]).length, k.name).toBe(FULL_STATE[k.name]);

      // Nothing new either way: the next syncs merge nothing and write nothing.
      const again = await syncNow(config);
      expect(again.pushed).toBe(false);
      expect(again.merged).toEqual(everything("unchanged"));
      expect(await shared(db)).toEqual(here);
    } finally {
      await db.delete();
    }
  });
});
