// Property-based tests (fast-check) of the backup import: arbitrary bytes, a real
// export mutated at the zip, entry and JSON levels, and arbitrary JSON as data.json.
// Whatever comes in, the import never crashes: it imports, or refuses with an
// ImportFileError whose code the screen has words for; a refusal writes nothing, and
// what an import stored is whole (this device exports it and reads it back cleanly).
// FC_RUNS scales the runs, FC_SEED replays.
import "fake-indexeddb/auto";
import fc from "fast-check";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyDb, fullState } from "./backupTestkit";
import { jsonMutation, mutate } from "./jsonMutationTestkit";
import { db } from "./db";
import { exportWardrobe } from "./exportWardrobe";
import { IMPORT_FAILURE_CODES, ImportFileError } from "./importErrors";
import { importWardrobe } from "./importWardrobe";
import { readBackup } from "./readBackup";
import { TABLES } from "./schema";

const SCALE = Number(process.env.FC_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const params = (numRuns: number) => ({ numRuns: runs(numRuns), ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) });

/** How many runs each property made (printed at the end, for the record). */
const made: Record<string, number> = {};

let files: Record<string, Uint8Array> = {};
let data: Record<string, unknown> = {};

beforeAll(async () => {
  await db.open();
  await fullState();
  files = unzipSync(new Uint8Array(await (await exportWardrobe()).arrayBuffer()));
  data = JSON.parse(strFromU8(files["data.json"]!)) as Record<string, unknown>;
  await emptyDb();
});

afterAll(async () => {
  console.log(`BACKUP-IMPORT-PROPERTY-RUNS ${JSON.stringify(made)}`);
  await db.delete();
});

const rowCount = async () => (await Promise.all(TABLES.map((t) => t.of(db).count()))).reduce((a, b) => a + b, 0);

/**
 * The property itself: an import either works, and what it stored exports and reads
 * back cleanly, or it is refused with a known code and words, and nothing was written.
 */
async function importsWholeOrNothing(name: string, file: Blob): Promise<void> {
  made[name] = (made[name] ?? 0) + 1;
  expect(await rowCount()).toBe(0);
  let refused: unknown = null;
  try {
    await importWardrobe(file);
  } catch (e) {
    refused = e;
  }
  if (refused) {
    expect(refused, String(refused)).toBeInstanceOf(ImportFileError);
    const e = refused as ImportFileError;
    // A code the screen words (describeImport.test.ts checks every code has words), and its details.
    expect(IMPORT_FAILURE_CODES).toContain(e.code);
    expect(e.failure.code).toBe(e.code);
    expect(await rowCount()).toBe(0);
    return;
  }
  // Everything stored is a record the app could have written: it leaves the device and comes back whole.
  await readBackup(await exportWardrobe());
  await emptyDb();
}

const zip = (entries: Record<string, Uint8Array>) => new Blob([zipSync(entries)]);
const json = (v: unknown) => strToU8(JSON.stringify(v));

describe("backup import under random and mutated input (fast-check)", () => {
  it("arbitrary bytes (and bytes behind a zip's signature) are refused with a clear error and change nothing", async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 2048 }),
      fc.uint8Array({ maxLength: 512 }).map((b) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...b])),
    );
    await fc.assert(
      fc.asyncProperty(bytes, (b) => importsWholeOrNothing("bytes", new Blob([b]))),
      params(300),
    );
  }, 900_000);

  it("a real export with its data.json mutated anywhere imports whole or not at all", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(jsonMutation, { minLength: 1, maxLength: 3 }), async (ms) => {
        const d = ms.reduce<unknown>((v, m) => mutate(v, m), data);
        await importsWholeOrNothing("mutated data.json", zip({ ...files, "data.json": json(d) }));
      }),
      params(400),
    );
  }, 900_000);

  it("arbitrary JSON as data.json, and a real one with any record kind replaced by arbitrary JSON", async () => {
    const kinds = Object.keys(data);
    const doc = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.record({ kind: fc.constantFrom(...kinds), value: fc.jsonValue({ maxDepth: 4 }) }).map(({ kind, value }) => ({ ...data, [kind]: value })),
      fc
        .record({
          kind: fc.constantFrom("items", "images", "outfits", "wearLog", "predictions", "settings"),
          value: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 4 }),
        })
        .map(({ kind, value }) => ({ ...data, [kind]: value })),
    );
    await fc.assert(
      fc.asyncProperty(doc, (d) => importsWholeOrNothing("arbitrary data.json", zip({ ...files, "data.json": json(d) }))),
      params(300),
    );
  }, 900_000);

  it("a real export with entries dropped, replaced by other bytes, or the zip damaged", async () => {
    const names = Object.keys(files);
    const change = fc.oneof(
      fc.record({ kind: fc.constant("drop" as const), entry: fc.constantFrom(...names) }),
      fc.record({ kind: fc.constant("bytes" as const), entry: fc.constantFrom(...names), bytes: fc.uint8Array({ maxLength: 600 }) }),
      fc.record({ kind: fc.constant("svg" as const), entry: fc.constantFrom(...names) }),
      fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 3 }), async (changes) => {
        const entries = { ...files };
        let damage: ((z: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>) | null = null;
        for (const c of changes) {
          if (c.kind === "drop") delete entries[c.entry];
          else if (c.kind === "bytes") entries[c.entry] = c.bytes;
          else if (c.kind === "svg") entries[c.entry] = strToU8(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`);
          else if (c.kind === "flip") {
            const { at, xor } = c;
            damage = (z) => {
              const out = z.slice();
              if (out.length) out[at % out.length]! ^= xor;
              return out;
            };
          } else {
            const { at } = c;
            damage = (z) => z.slice(0, at % Math.max(1, z.length));
          }
        }
        const z = new Uint8Array(zipSync(entries));
        const broken = damage as ((z: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>) | null;
        await importsWholeOrNothing("damaged zip", new Blob([broken ? broken(z) : z]));
      }),
      params(300),
    );
  }, 900_000);
});
