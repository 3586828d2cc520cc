import "fake-indexeddb/auto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CuratorDB } from "@data/db";
import { EXPORT_VERSION } from "@data/exportFormat";
import { SyncError } from "./errors";
import { hashesToFetch, parseRecords, recordsDocument } from "./records";
import { blobHashes, readLocal, RECORDS_FORMAT, RECORDS_VERSION, versionsOf, type SyncRecords } from "./snapshot";
import { addItem, newDevice, rejection } from "./syncTestkit";

// The records document's frame, field by field (records.ts): what each damaged or
// foreign field is refused as, and the edges of what is accepted. (recordsProperty.test.ts
// throws arbitrary damage at it; here each refusal's exact reason and words.)

let device: CuratorDB;
let records: SyncRecords;
const SHA = "ab".repeat(32);
const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

beforeAll(async () => {
  device = await newDevice();
  await addItem(device, 1, { name: "Coat" }, 1_700_000_000_000);
  await addItem(device, 2, { name: "Scarf" }, 1_700_000_000_500);
  records = (await readLocal(device)).records;
});
afterAll(async () => {
  await device.delete();
});

const doc = (change: Record<string, unknown> = {}) => ({ ...recordsDocument(records, { generation: 3, condemned: {}, renamed: {} }), ...change });

/** A good document whose item name "Coat" holds a byte that is not UTF-8 (0xff). */
function badUtf8InName(): Uint8Array {
  const [before, after] = JSON.stringify(doc()).split('"Coat"') as [string, string];
  const e = new TextEncoder();
  return new Uint8Array([...e.encode(`${before}"Co`), 0xff, ...e.encode(`at"${after}`)]);
}

const refusal = async (input: Uint8Array) => (await rejection(parseRecords(input))) as SyncError;

describe("parseRecords: the document's frame", () => {
  it("reads back what this device writes: the same records and envelope", async () => {
    const envelope = { generation: 9, condemned: { [SHA]: 5 }, renamed: { [SHA]: "0123456789abcdef" } };
    const back = await parseRecords(enc(recordsDocument(records, envelope)));
    expect(back.envelope).toEqual(envelope);
    expect(versionsOf(back.records)).toBe(versionsOf(records));
    expect(back.records.images.map((i) => i.id).sort()).toEqual(records.images.map((i) => i.id).sort());
    expect(recordsDocument(records, envelope)).toMatchObject({ format: RECORDS_FORMAT, version: RECORDS_VERSION, kinds: EXPORT_VERSION });
  });

  it("refuses what is not a Curator records document, each with its reason", async () => {
    const unreadable = (why: string) => ({
      code: "corrupt",
      reason: "unreadable",
      detail: why,
      message: `The synced records in the bucket are damaged (${why}). Nothing was changed on this device.`,
    });
    const cases: [Uint8Array, string][] = [
      [badUtf8InName(), "not readable JSON"], // invalid UTF-8 is refused, not read as U+FFFD
      [new TextEncoder().encode("{ nope"), "not readable JSON"],
      [enc([1, 2]), "not a Curator records document"],
      [enc(doc({ format: "curator-export" })), "not a Curator records document"],
      [enc(doc({ version: 0 })), "no version"],
      [enc(doc({ version: 1.5 })), "no version"],
      [enc(doc({ version: "2" })), "no version"],
      [enc(doc({ kinds: 1 })), "no record format"],
      [enc(doc({ kinds: 2.5 })), "no record format"],
      [enc(doc({ kinds: undefined })), "no record format"],
      [enc(doc({ generation: 0 })), "bad generation"],
      [enc(doc({ generation: 2 ** 48 + 1 })), "bad generation"],
      [enc(doc({ generation: 1.5 })), "bad generation"],
      [enc(doc({ generation: "3" })), "bad generation"],
      [enc(doc({ condemned: [] })), "bad list of photos to remove"],
      [enc(doc({ condemned: { "notes.txt": 1 } })), "bad list of photos to remove"],
      [enc(doc({ condemned: { [SHA]: -1 } })), "bad list of photos to remove"],
      [enc(doc({ condemned: { [SHA]: "1" } })), "bad list of photos to remove"],
      [enc(doc({ renamed: null })), "bad list of renamed photos"],
      [enc(doc({ renamed: { [SHA]: "short" } })), "bad list of renamed photos"],
      [enc(doc({ renamed: { nothex: "0123456789abcdef" } })), "bad list of renamed photos"],
      [enc(doc({ renamed: { [SHA]: 12 } })), "bad list of renamed photos"],
      [enc(doc({ sourcePhotos: {} })), "bad list of shared photos"],
    ];
    for (const [input, why] of cases) expect(await refusal(input), why).toMatchObject(unreadable(why));
  });

  it("accepts the envelope's edges: generation 1 and 2^48, a mark dated 0, and no shared photos at all", async () => {
    for (const generation of [1, 2 ** 48]) expect((await parseRecords(enc(doc({ generation })))).envelope.generation).toBe(generation);
    expect((await parseRecords(enc(doc({ condemned: { [SHA]: 0 } })))).envelope.condemned).toEqual({ [SHA]: 0 });
    expect((await parseRecords(enc(doc({ sourcePhotos: undefined })))).records.sourcePhotos).toEqual([]);
  });

  it("a document or record format from a newer app asks for an update", async () => {
    const newer = {
      code: "corrupt",
      reason: "newer-records",
      message: "The bucket was last synced by a newer version of Curator. Update the app and sync again.",
    };
    expect(await refusal(enc(doc({ version: RECORDS_VERSION + 1 })))).toMatchObject(newer);
    expect(await refusal(enc(doc({ kinds: EXPORT_VERSION + 1 })))).toMatchObject(newer);
    // The exact current versions are read.
    await expect(parseRecords(enc(doc({ version: RECORDS_VERSION, kinds: EXPORT_VERSION })))).resolves.toBeDefined();
  });

  it("version 1 (the export's data.json alone) is read with an empty envelope, whatever it says of one", async () => {
    const { format: _f, version: _v, kinds: _k, generation: _g, condemned: _c, renamed: _r, ...rest } = doc();
    const v1 = { ...rest, format: RECORDS_FORMAT, version: 1, generation: "ignored" };
    const back = await parseRecords(enc(v1));
    expect(back.envelope).toEqual({ generation: 0, condemned: {}, renamed: {} });
    expect(back.records.items.length).toBe(records.items.length);
  });

  it("refuses photo entries that are missing, described twice, or not named by their own bytes", async () => {
    const [first] = records.images;
    const record = (e: SyncError) => ({ code: e.code, reason: e.reason, kind: e.record?.kind, index: e.record?.index, problem: e.record?.code });
    expect(record(await refusal(enc(doc({ images: undefined }))))).toEqual({
      code: "corrupt",
      reason: "record",
      kind: "images",
      index: null,
      problem: "missing",
    });
    expect(record(await refusal(enc(doc({ images: [...records.images, first] }))))).toMatchObject({
      reason: "record",
      kind: "images",
      index: records.images.length + 1,
      problem: "twice",
    });
    const wrong = await refusal(enc(doc({ images: [{ ...first, original: SHA }, ...records.images.slice(1)] })));
    expect(record(wrong)).toMatchObject({ reason: "record", kind: "images", index: 1, problem: "invalid" });
    expect(wrong.message).toMatch(/bad checksum/);
    const thumb = await refusal(enc(doc({ images: [{ ...first, thumbnail: "thumb.jpg" }, ...records.images.slice(1)] })));
    expect(thumb.message).toMatch(/bad thumbnail/);
    // An item whose photo entry is gone.
    const orphan = await refusal(enc(doc({ images: records.images.slice(1) })));
    expect(record(orphan)).toMatchObject({ reason: "record", kind: "items", problem: "no-photo" });
  });
});

describe("which photo bytes a merge needs", () => {
  it("blobHashes names every original, thumbnail and shared photo once; hashesToFetch asks only for the needed photos' bytes not held here", () => {
    const [a, b] = records.images;
    expect(blobHashes(records)).toEqual(new Set(records.images.flatMap((i) => [i.original, i.thumbnail])));
    const needed = new Set([a!.id]);
    expect(hashesToFetch(records, needed, new Map()).sort()).toEqual([a!.original, a!.thumbnail].sort());
    expect(hashesToFetch(records, needed, new Map([[a!.thumbnail, new Blob()]]))).toEqual([a!.original]);
    expect(hashesToFetch(records, new Set(), new Map())).toEqual([]);
    expect(hashesToFetch(records, new Set([a!.id, b!.id]), new Map()).length).toBe(4);
  });

  it("versionsOf changes when a record's time or a photo's bytes change, and not with the order", () => {
    const base = versionsOf(records);
    expect(versionsOf({ ...records, items: [...records.items].reverse(), images: [...records.images].reverse() })).toBe(base);
    const [first, ...others] = records.items;
    expect(versionsOf({ ...records, items: [{ ...first!, updatedAt: first!.updatedAt + 1 }, ...others] })).not.toBe(base);
    const [img, ...imgs] = records.images;
    expect(versionsOf({ ...records, images: [{ ...img!, sha256: SHA }, ...imgs] })).not.toBe(base);
  });
});
