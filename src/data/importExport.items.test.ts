import "fake-indexeddb/auto";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { db } from "./db";
import { exportWardrobe } from "./exportWardrobe";
import type { ImportFailure } from "./importErrors";
import { importWardrobe } from "./importWardrobe";
import { addItemWithPhoto, deleteItem, listItems, updateItem } from "./items";
import { fakePhoto } from "./testing";
import { freshDatabasePerTest, hashes, summary } from "./backupTestkit";

freshDatabasePerTest();

describe("export and import", () => {
  it("round-trips items and exact image bytes into an empty database", async () => {
    await addItemWithPhoto(await fakePhoto(1), { name: "a", brand: "X", price: 10 });
    await addItemWithPhoto(await fakePhoto(2), { name: "b", seasons: ["winter"] });
    const before = { items: (await listItems()).sort((x, y) => x.id.localeCompare(y.id)), hashes: await hashes() };
    const file = await exportWardrobe();
    await db.delete();
    await db.open();
    expect(await importWardrobe(file)).toEqual(summary({ added: 2 }));
    const after = (await listItems()).sort((x, y) => x.id.localeCompare(y.id));
    expect(after).toEqual(before.items);
    expect(await hashes()).toEqual(before.hashes);
  });

  it("importing twice never duplicates; newer updatedAt wins either way", async () => {
    const a = await addItemWithPhoto(await fakePhoto(1), { name: "old name" }, 1000);
    const b = await addItemWithPhoto(await fakePhoto(2), { name: "b" }, 1000);
    const file = await exportWardrobe();
    // Local edit after the export: must survive the import of the older copy.
    await updateItem(a.id, { name: "local newer" }, 5000);
    // Deleted locally after export: the tombstone is newer, so it stays deleted.
    await deleteItem(b.id, 6000);
    expect(await importWardrobe(file)).toEqual(summary({ unchanged: 2 }));
    expect(await importWardrobe(file)).toEqual(summary({ unchanged: 2 }));
    expect((await listItems()).map((i) => i.name)).toEqual(["local newer"]);
    expect(await db.items.count()).toBe(2);
  });

  it("a newer copy in the file replaces the local one", async () => {
    const a = await addItemWithPhoto(await fakePhoto(1), { name: "v1" }, 1000);
    await updateItem(a.id, { name: "v2" }, 9000);
    const file = await exportWardrobe();
    await updateItem(a.id, { name: "v1 again" }, 1); // updatedAt becomes 9001, newer than the file
    expect((await importWardrobe(file)).items.unchanged).toBe(1);
    await db.items.update(a.id, { updatedAt: 10, name: "stale" });
    expect((await importWardrobe(file)).items.updated).toBe(1);
    expect((await listItems())[0]?.name).toBe("v2");
  });

  it("refuses files that are not exports, and writes nothing", async () => {
    await addItemWithPhoto(await fakePhoto(1), { name: "keep me" });
    const cases: [Blob, Partial<ImportFailure>][] = [
      [new Blob([]), { code: "empty" }],
      [new Blob(["%PDF-1.4 not a zip"]), { code: "not-zip" }],
      [new Blob([zipSync({ "other.txt": strToU8("hi") })]), { code: "no-data" }],
      [new Blob([zipSync({ "data.json": strToU8("{nope") })]), { code: "unreadable-data" }],
      [new Blob([zipSync({ "data.json": strToU8(JSON.stringify({ format: "another-app", version: 1, items: [], images: [] })) })]), { code: "not-export" }],
      [
        new Blob([zipSync({ "data.json": strToU8(JSON.stringify({ format: "curator-wardrobe", version: 99, items: [], images: [] })) })]),
        { code: "newer-version" },
      ],
      [
        new Blob([zipSync({ "data.json": strToU8(JSON.stringify({ format: "curator-wardrobe", version: 1, items: [{ id: "x" }], images: [] })) })]),
        { code: "bad-record", kind: "items", index: 1 },
      ],
    ];
    for (const [file, failure] of cases) await expect(importWardrobe(file)).rejects.toMatchObject({ name: "ImportFileError", failure });
    expect((await listItems()).map((i) => i.name)).toEqual(["keep me"]);
    expect(await db.items.count()).toBe(1);
  });

  it("refuses an export whose photo bytes were altered", async () => {
    await addItemWithPhoto(await fakePhoto(1));
    const file = await exportWardrobe();
    const { unzipSync } = await import("fflate");
    const files = unzipSync(new Uint8Array(await file.arrayBuffer()));
    const name = Object.keys(files).find((n) => n.includes("/original."))!;
    files[name]![0]! ^= 0xff;
    await db.delete();
    await db.open();
    await expect(importWardrobe(new Blob([zipSync(files)]))).rejects.toMatchObject({ failure: { code: "bad-photo", index: 1, why: "checksum mismatch" } });
    expect(await db.items.count()).toBe(0);
  });
});
