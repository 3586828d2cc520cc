import { describe, expect, it } from "vitest";
import { newKeyInfo } from "./crypto";
import { changesEnvelope, isObjectName, isSuffix, MARK_KEPT_MS, objectName, ORPHAN_GRACE_MS, planPhotos } from "./photos";
import { blobHashes, emptyEnvelope, type Envelope } from "./snapshot";

// The photo plan (photos.ts) is pure given the listing: tested here on plain buckets
// (an object is named by the photo's sha256) and, for the names, an encrypted one.

const sha = (c: string) => c.repeat(64);
const A = sha("a");
const B = sha("b");
const C = sha("c");
const DAY = 24 * 60 * 60 * 1000;
const NOW = 1_800_000_000_000;

/** Records with one image (original and thumbnail) per pair, and source photos. */
const records = (images: [string, string][], sources: string[] = []) => ({
  images: images.map(([original, thumbnail], i) => ({ id: `img${i}`, original, thumbnail }) as never),
  sourcePhotos: sources.map((file, i) => ({ id: `src${i}`, file }) as never),
});
const envelope = (e: Partial<Envelope> = {}): Envelope => ({ ...emptyEnvelope(), ...e });
const listing = (entries: [string, number][]) => new Map(entries);

describe("object names", () => {
  it("a photo object is a 64-hex name, optionally with a 16-hex suffix; nothing else is", () => {
    expect(isObjectName(A)).toBe(true);
    expect(isObjectName(`${A}.0123456789abcdef`)).toBe(true);
    for (const other of [`${A}.0123456789abcde`, `${A}.0123456789abcdefa`, `${A}x`, A.slice(1), `${A}.0123456789ABCDEF`, "notes.txt", `x${A}`, ""])
      expect(isObjectName(other), other).toBe(false);
    expect(isSuffix("0123456789abcdef")).toBe(true);
    expect(isSuffix("0123456789abcdeg")).toBe(false);
    expect(isSuffix(" 0123456789abcdef")).toBe(false);
  });

  it("objectName: the keyed hash (plain buckets: the sha256 itself), plus the photo's suffix if it was renamed", async () => {
    expect(await objectName(null, A, {})).toBe(A);
    expect(await objectName(null, A, { [A]: "0123456789abcdef", [B]: "fedcba9876543210" })).toBe(`${A}.0123456789abcdef`);
    expect(await objectName(null, C, { [A]: "0123456789abcdef" })).toBe(C);
    const { keys } = await newKeyInfo("correct horse battery staple", 1_000);
    const keyed = await objectName(keys, A, {});
    expect(keyed).toMatch(/^[0-9a-f]{64}$/);
    expect(keyed).not.toBe(A);
    expect(await objectName(keys, A, {})).toBe(keyed);
    expect(await objectName(keys, B, {})).not.toBe(keyed);
  });
});

describe("planPhotos", () => {
  it("uploads exactly the referenced photos the bucket lacks (originals, thumbnails, source photos), each once", async () => {
    const r = records([[A, B]], [C, A]);
    expect(blobHashes(r)).toEqual(new Set([A, B, C]));
    const plan = await planPhotos(null, r, envelope(), listing([[B, NOW]]), NOW);
    expect(plan.uploads.sort()).toEqual([
      [A, A],
      [C, C],
    ]);
    expect(plan).toMatchObject({ condemned: {}, renamed: {}, deletions: [] });
  });

  it("marks a photo object nothing refers to only once it is a day old (server time), and never other files in the folder", async () => {
    const listed = listing([
      [A, NOW - DAY], // referenced: kept
      [B, NOW - ORPHAN_GRACE_MS], // unreferenced, exactly a day old: marked now
      [C, NOW - ORPHAN_GRACE_MS + 1], // unreferenced, not yet a day old: left for now
      ["readme.txt", 0],
      [`${sha("d")}.zz`, 0],
    ]);
    const plan = await planPhotos(null, records([[A, A]]), envelope(), listed, NOW);
    expect(plan.condemned).toEqual({ [B]: NOW });
    expect(plan.deletions).toEqual([]);
    expect(plan.uploads).toEqual([]);
  });

  it("deletes what the pulled records marked while the object is there, and keeps a mark 30 days after it is gone", async () => {
    const D = sha("d");
    const E = sha("e");
    const before = envelope({ condemned: { [B]: NOW - 2 * DAY, [C]: NOW - MARK_KEPT_MS + 1, [D]: NOW - MARK_KEPT_MS, [E]: NOW - 90 * DAY } });
    const listed = listing([
      [B, NOW - 5 * DAY], // marked, still there: deleted now, mark kept
      [E, NOW - 100 * DAY], // marked long ago, still there: deleted now, mark kept
    ]);
    const plan = await planPhotos(null, records([]), before, listed, NOW);
    expect(plan.deletions.sort()).toEqual([B, E]);
    // C: gone, marked under 30 days ago (kept); D: gone, marked exactly 30 days ago (dropped).
    expect(plan.condemned).toEqual({ [B]: NOW - 2 * DAY, [C]: NOW - MARK_KEPT_MS + 1, [E]: NOW - 90 * DAY });
  });

  it("never refers to a marked name again: a photo needed back goes up under a new suffix, kept in `renamed`", async () => {
    const before = envelope({ condemned: { [A]: NOW - DAY } });
    const plan = await planPhotos(null, records([[A, B]]), before, listing([[A, NOW - 3 * DAY]]), NOW);
    const suffix = plan.renamed[A]!;
    expect(isSuffix(suffix)).toBe(true);
    expect(plan.uploads.sort()).toEqual([
      [A, `${A}.${suffix}`],
      [B, B],
    ]);
    expect(plan.deletions).toEqual([A]);
    expect(plan.condemned).toEqual({ [A]: NOW - DAY });
  });

  it("keeps an earlier rename while it is not marked, and renames again when the renamed object is marked", async () => {
    const s1 = "0123456789abcdef";
    const kept = await planPhotos(null, records([[A, A]]), envelope({ renamed: { [A]: s1 } }), listing([[`${A}.${s1}`, NOW - 5 * DAY]]), NOW);
    expect(kept).toEqual({ condemned: {}, renamed: { [A]: s1 }, uploads: [], deletions: [] });
    // The plain name is unreferenced now (the photo lives under its suffix): marked after the grace time.
    const plainToo = await planPhotos(
      null,
      records([[A, A]]),
      envelope({ renamed: { [A]: s1 } }),
      listing([
        [`${A}.${s1}`, 0],
        [A, 0],
      ]),
      NOW,
    );
    expect(plainToo.condemned).toEqual({ [A]: NOW });

    const again = await planPhotos(null, records([[A, A]]), envelope({ renamed: { [A]: s1 }, condemned: { [`${A}.${s1}`]: NOW - DAY } }), listing([]), NOW);
    expect(again.renamed[A]).not.toBe(s1);
    expect(isSuffix(again.renamed[A]!)).toBe(true);
    expect(again.uploads).toEqual([[A, `${A}.${again.renamed[A]}`]]);
    // A rename of a photo no longer referred to is dropped.
    expect((await planPhotos(null, records([]), envelope({ renamed: { [A]: s1 } }), listing([]), NOW)).renamed).toEqual({});
  });

  it("a photo marked in the pulled records is not marked again with a new time", async () => {
    const before = envelope({ condemned: { [B]: NOW - 3 * DAY } });
    const plan = await planPhotos(null, records([]), before, listing([[B, NOW - 10 * DAY]]), NOW);
    expect(plan.condemned).toEqual({ [B]: NOW - 3 * DAY });
  });
});

describe("changesEnvelope", () => {
  it("is true exactly when the marks or the renames differ (a key, a value, or a count)", () => {
    const before = envelope({ condemned: { [A]: 1 }, renamed: { [B]: "0123456789abcdef" } });
    expect(changesEnvelope({ condemned: { [A]: 1 }, renamed: { [B]: "0123456789abcdef" } }, before)).toBe(false);
    expect(changesEnvelope({ condemned: { [A]: 2 }, renamed: { [B]: "0123456789abcdef" } }, before)).toBe(true);
    expect(changesEnvelope({ condemned: { [C]: 1 }, renamed: { [B]: "0123456789abcdef" } }, before)).toBe(true);
    expect(changesEnvelope({ condemned: { [A]: 1, [C]: 1 }, renamed: { [B]: "0123456789abcdef" } }, before)).toBe(true);
    expect(changesEnvelope({ condemned: {}, renamed: { [B]: "0123456789abcdef" } }, before)).toBe(true);
    expect(changesEnvelope({ condemned: { [A]: 1 }, renamed: { [B]: "fedcba9876543210" } }, before)).toBe(true);
    expect(changesEnvelope({ condemned: { [A]: 1 }, renamed: {} }, before)).toBe(true);
    expect(changesEnvelope({ condemned: {}, renamed: {} }, emptyEnvelope())).toBe(false);
  });
});
