// Property-based tests (fast-check) of the records decoder: the bucket's records
// document as sync reads it after decrypting (records.ts). Arbitrary bytes, arbitrary
// JSON, and a real document mutated anywhere (records, photos, the envelope): the
// decoder never crashes, refuses with a SyncError ("corrupt", with its reason), and
// what it accepts merges into a device whole — that device's own records document
// then reads back cleanly. FC_RUNS scales the runs, FC_SEED replays.
import "fake-indexeddb/auto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CuratorDB } from "@data/db";
import { jsonMutation, mutate } from "@data/jsonMutationTestkit";
import { mergeBackup } from "@data/merge";
import { TABLES } from "@data/schema";
import { SYNC_ERROR_REASONS, SyncError } from "./errors";
import { parseRecords, recordsDocument, toBackup } from "./records";
import { readLocal } from "./snapshot";
import { addItem, logWearOn, newDevice } from "./syncTestkit";

const SCALE = Number(process.env.FC_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const params = (numRuns: number) => ({ numRuns: runs(numRuns), ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) });
const made: Record<string, number> = {};

let source: CuratorDB;
let target: CuratorDB;
let doc: Record<string, unknown>;
let blobs: Map<string, Blob>;
const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

beforeAll(async () => {
  source = await newDevice();
  const now = Date.now() - 60_000;
  const a = await addItem(source, 1, { name: "Coat" }, now);
  const b = await addItem(source, 2, { name: "Scarf", deletedAt: now + 5 }, now + 5);
  await addItem(source, 3, { name: "Boots" }, now + 6);
  await logWearOn(source, [a.id, b.id], "2026-11-02", now + 10);
  await source.settings.put({ key: "confidenceThreshold", value: 0.9, updatedAt: now + 20 });
  const local = await readLocal(source);
  blobs = local.blobs;
  doc = recordsDocument(local.records, { generation: 7, condemned: { ["ab".repeat(32)]: now }, renamed: {} }) as unknown as Record<string, unknown>;
  target = await newDevice();
});

afterAll(async () => {
  console.log(`RECORDS-DECODER-PROPERTY-RUNS ${JSON.stringify(made)}`);
  await source.delete();
  await target.delete();
});

const rowCount = async (db: CuratorDB) => (await Promise.all(TABLES.map((t) => t.of(db).count()))).reduce((x, y) => x + y, 0);

/** A refusal is a SyncError "corrupt" with one of its reasons. */
function expectRefusal(e: unknown): void {
  expect(e, String(e)).toBeInstanceOf(SyncError);
  const err = e as SyncError;
  expect(err.code).toBe("corrupt");
  expect(SYNC_ERROR_REASONS.corrupt).toContain(err.reason);
}

/** Decode; if accepted, merge into an empty device, which must then hold records it can send on unchanged. */
async function decodesWholeOrRefuses(name: string, plain: Uint8Array): Promise<void> {
  made[name] = (made[name] ?? 0) + 1;
  let parsed;
  try {
    parsed = await parseRecords(plain);
  } catch (e) {
    expectRefusal(e);
    return;
  }
  let backup;
  try {
    // An empty device: every copy wins, so every photo is needed.
    backup = await toBackup(parsed.records, new Set(parsed.records.images.map((i) => i.id)), blobs);
  } catch (e) {
    expectRefusal(e);
    return;
  }
  expect(await rowCount(target)).toBe(0);
  await mergeBackup(backup, target);
  const back = await readLocal(target);
  await parseRecords(enc(recordsDocument(back.records, parsed.envelope)));
  for (const t of TABLES) await t.of(target).clear();
}

describe("the records decoder under random and mutated input (fast-check)", () => {
  it("arbitrary bytes are refused as corrupt", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 1024 }), (b) => decodesWholeOrRefuses("bytes", b)),
      params(500),
    );
  }, 900_000);

  it("arbitrary JSON, and a real document with a field replaced by arbitrary JSON", async () => {
    const keys = Object.keys(doc);
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.record({ key: fc.constantFrom(...keys), v: fc.jsonValue({ maxDepth: 4 }) }).map(({ key, v }) => ({ ...doc, [key]: v })),
    );
    await fc.assert(
      fc.asyncProperty(value, (v) => decodesWholeOrRefuses("arbitrary JSON", enc(v))),
      params(400),
    );
  }, 900_000);

  it("a real document mutated anywhere (records, photo entries, generation, marks, renames) decodes whole or is refused", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(jsonMutation, { minLength: 1, maxLength: 3 }), async (ms) => {
        const d = ms.reduce<unknown>((v, m) => mutate(v, m), doc);
        await decodesWholeOrRefuses("mutated document", enc(d));
      }),
      params(600),
    );
  }, 900_000);

  it("text that is not UTF-8, or JSON cut short, is refused as unreadable", async () => {
    const text = JSON.stringify(doc);
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 }), async (at, junk) => {
        const bytes = new TextEncoder().encode(text.slice(0, at % text.length));
        await decodesWholeOrRefuses("cut or bad UTF-8", new Uint8Array([...bytes, 0xff, ...junk]));
      }),
      params(200),
    );
  }, 900_000);
});
