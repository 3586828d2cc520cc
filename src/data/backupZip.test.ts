import { deflateSync } from "fflate";
import { describe, expect, it } from "vitest";
import { BackupZip, ZIP_LIMITS, ZipProblem, type ZipLimits } from "./backupZip";
import { deflateBomb, zipOf, type RawEntry } from "./zipTestkit";

// The backup zip reader (backupZip.ts) on hand-made zips: what it accepts, and each way a
// file that is not an export's zip, or that expands beyond a limit, is refused.

const enc = new TextEncoder();
const blob = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);
const stored = (name: string, bytes: Uint8Array, size = bytes.length): RawEntry => ({ name, stored: bytes, method: 0, size });
const deflated = (name: string, bytes: Uint8Array, size = bytes.length): RawEntry => ({ name, stored: deflateSync(bytes), method: 8, size });
const limits = (over: Partial<ZipLimits>): ZipLimits => ({ ...ZIP_LIMITS, ...over });

/** Pseudo-random bytes (they do not compress, so output ≈ input). */
function noise(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) out[i] = (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 24;
  return out;
}

/** Byte-for-byte equality (Vitest's toEqual walks a megabyte array element by element: minutes). */
function same(got: Uint8Array | undefined, want: Uint8Array): boolean {
  return got !== undefined && Buffer.from(got.buffer, got.byteOffset, got.byteLength).equals(Buffer.from(want.buffer, want.byteOffset, want.byteLength));
}

async function problem(p: Promise<unknown>): Promise<ZipProblem> {
  return p.then(
    () => {
      throw new Error("expected a ZipProblem");
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(ZipProblem);
      return e as ZipProblem;
    },
  );
}
const notZip = { name: "ZipProblem", code: "not-zip", message: "not a readable zip" };

describe("reading a backup zip", () => {
  it("reads stored and deflated entries (also over several read slices), knows which it has, and gives undefined for one it has not", async () => {
    const big = noise(2.5 * 1024 * 1024);
    const text = enc.encode(JSON.stringify({ items: Array.from({ length: 500 }, (_, i) => ({ name: `Item ${i}` })) }));
    const zip = await BackupZip.open(
      blob(zipOf([stored("photos/a.jpg", big), deflated("data.json", text), deflated("photos/b.bin", big), stored("empty", new Uint8Array(0))])),
    );
    expect(zip.has("data.json")).toBe(true);
    expect(zip.has("photos/c.jpg")).toBe(false);
    expect(same(await zip.read("data.json"), text)).toBe(true);
    expect(same(await zip.read("photos/a.jpg"), big)).toBe(true);
    expect(same(await zip.read("photos/b.bin"), big)).toBe(true);
    expect(same(await zip.read("photos/b.bin"), big.subarray(1))).toBe(false);
    expect(await zip.read("empty")).toEqual(new Uint8Array(0));
    expect(await zip.read("photos/c.jpg")).toBeUndefined();
  });

  it("an empty zip (the end record alone) opens with nothing in it; bytes after the end record (a comment) are fine", async () => {
    const empty = await BackupZip.open(blob(zipOf([])));
    expect(empty.has("data.json")).toBe(false);
    const withComment = new Uint8Array([...zipOf([stored("a", enc.encode("A"))]), ...enc.encode("a comment after the end record")]);
    expect(await (await BackupZip.open(blob(withComment))).read("a")).toEqual(enc.encode("A"));
  });

  it("refuses what is not a zip it can read", async () => {
    const good = zipOf([stored("a", enc.encode("A")), stored("b", enc.encode("B"))]);
    const endAt = good.length - 22;
    const patched = (at: number, write: (v: DataView) => void) => {
      const copy = good.slice();
      write(new DataView(copy.buffer, at));
      return copy;
    };
    const dirAt = new DataView(good.buffer).getUint32(endAt + 16, true);
    const cases: [string, Uint8Array][] = [
      ["shorter than an end record", zipOf([]).subarray(0, 21)],
      ["22 bytes with no end record", new Uint8Array(22)],
      ["a PDF", enc.encode("%PDF-1.7 ".repeat(100))],
      ["the directory said to lie past the end of the file", patched(endAt + 16, (v) => v.setUint32(0, good.length, true))],
      ["a Zip64 entry count", patched(endAt + 10, (v) => v.setUint16(0, 0xffff, true))],
      ["a Zip64 directory offset", patched(endAt + 16, (v) => v.setUint32(0, 0xffffffff, true))],
      ["more entries than the directory holds", patched(endAt + 10, (v) => v.setUint16(0, 3, true))],
      ["a damaged directory signature", patched(dirAt, (v) => v.setUint32(0, 0x12345678, true))],
      ["an encrypted entry", patched(dirAt + 8, (v) => v.setUint16(0, 1, true))],
      ["a method other than stored or deflate", patched(dirAt + 10, (v) => v.setUint16(0, 12, true))],
      ["a name longer than the directory", patched(dirAt + 28, (v) => v.setUint16(0, 500, true))],
      ["a name given twice", zipOf([stored("a", enc.encode("A")), stored("a", enc.encode("B"))])],
    ];
    for (const [what, bytes] of cases) expect(await problem(BackupZip.open(blob(bytes))), what).toMatchObject(notZip);
    // Deflate (8) and stored (0) are the methods read.
    await expect(BackupZip.open(blob(zipOf([deflated("a", enc.encode("A"))])))).resolves.toBeInstanceOf(BackupZip);
  });

  it("refuses more entries than its limit, and takes exactly the limit", async () => {
    const three = blob(zipOf(["a", "b", "c"].map((n) => stored(n, enc.encode(n)))));
    await expect(BackupZip.open(three, limits({ maxEntries: 3 }))).resolves.toBeInstanceOf(BackupZip);
    expect(await problem(BackupZip.open(three, limits({ maxEntries: 2 })))).toMatchObject(notZip);
  });

  it("refuses an entry whose data is damaged or missing: a bad local header, data past the end, empty or broken deflate", async () => {
    const good = zipOf([stored("a", enc.encode("AAAA"))]);
    const badLocal = good.slice();
    badLocal[0] = 0;
    expect(await problem((await BackupZip.open(blob(badLocal))).read("a"))).toMatchObject(notZip);
    const pastEnd = zipOf([{ name: "a", stored: enc.encode("AAAA"), method: 0, size: 4 }]);
    // Claim more compressed bytes than the file holds.
    const dirAt = new DataView(pastEnd.buffer).getUint32(pastEnd.length - 22 + 16, true);
    new DataView(pastEnd.buffer).setUint32(dirAt + 20, 10_000, true);
    expect(await problem((await BackupZip.open(blob(pastEnd))).read("a", 1e9))).toMatchObject(notZip);
    const emptyDeflate = await BackupZip.open(blob(zipOf([{ name: "a", stored: new Uint8Array(0), method: 8, size: 0 }])));
    expect(await problem(emptyDeflate.read("a"))).toMatchObject(notZip);
    const cut = deflateSync(noise(50_000));
    const truncated = await BackupZip.open(blob(zipOf([{ name: "a", stored: cut.subarray(0, cut.length / 2), method: 8, size: 50_000 }])));
    expect(await problem(truncated.read("a"))).toMatchObject(notZip);
    const garbage = await BackupZip.open(blob(zipOf([{ name: "a", stored: new Uint8Array([0xff, 0xff, 0xff, 0xff]), method: 8, size: 4 }])));
    expect(await problem(garbage.read("a"))).toMatchObject(notZip);
  });
});

describe("the limits on what a zip may expand to", () => {
  it("an entry that admits to more than its cap is refused before reading; exactly the cap is read", async () => {
    const ten = enc.encode("0123456789");
    const zip = await BackupZip.open(blob(zipOf([stored("s", ten), deflated("d", ten)])));
    expect(await zip.read("s", 10)).toEqual(ten);
    expect(await zip.read("d", 10)).toEqual(ten);
    const e = await problem(zip.read("s", 9));
    expect(e).toMatchObject({ code: "too-large", entry: "s", limit: 9, message: "s is larger than 9 bytes when decompressed" });
    expect(await problem(zip.read("d", 9))).toMatchObject({ code: "too-large", entry: "d", limit: 9 });
  });

  it("data.json and photos have their own default caps", async () => {
    const payload = noise(2_000);
    const zip = await BackupZip.open(
      blob(zipOf([stored("data.json", payload), stored("photo", payload)])),
      limits({ maxDataBytes: 1_999, maxEntryBytes: 5_000 }),
    );
    expect(await problem(zip.read("data.json"))).toMatchObject({ code: "too-large", entry: "data.json", limit: 1_999 });
    expect(same(await zip.read("photo"), payload)).toBe(true);
    const other = await BackupZip.open(
      blob(zipOf([stored("data.json", payload), stored("photo", payload)])),
      limits({ maxDataBytes: 5_000, maxEntryBytes: 1_999 }),
    );
    expect(same(await other.read("data.json"), payload)).toBe(true);
    expect(await problem(other.read("photo"))).toMatchObject({ code: "too-large", entry: "photo", limit: 1_999 });
  });

  it("an entry that lies about its size is stopped while it expands, at its cap", async () => {
    const real = noise(20_000);
    const zip = await BackupZip.open(blob(zipOf([deflated("liar", real, 100)])));
    expect(await problem(zip.read("liar", 10_000))).toMatchObject({ code: "too-large", entry: "liar", limit: 10_000 });
    expect(same(await zip.read("liar", 20_000), real)).toBe(true);
  });

  it("the file's total is capped across entries, and named as the file", async () => {
    const part = noise(6_000);
    const zip = await BackupZip.open(blob(zipOf([stored("a", part), stored("b", part)])), limits({ maxTotalBytes: 11_999 }));
    expect(same(await zip.read("a"), part)).toBe(true);
    const e = await problem(zip.read("b"));
    expect(e).toMatchObject({ code: "too-large", entry: "", limit: 11_999, message: "the file is larger than 11999 bytes when decompressed" });
    const exact = await BackupZip.open(blob(zipOf([stored("a", part), stored("b", part)])), limits({ maxTotalBytes: 12_000 }));
    await exact.read("a");
    expect(same(await exact.read("b"), part)).toBe(true);
  });

  it("a zip bomb is stopped by its compression ratio past the allowance, while ordinary compressible data is read", async () => {
    const bomb = deflateBomb(40_000);
    expect(bomb.inflatedSize).toBeGreaterThan(10_000_000);
    const zip = await BackupZip.open(
      blob(zipOf([{ name: "bomb", stored: bomb.deflated, method: 8, size: 1_000 }])),
      limits({ ratioAllowance: 1 << 20, maxRatio: 250 }),
    );
    expect(await problem(zip.read("bomb", 1e9))).toMatchObject({ code: "too-large", entry: "bomb" });
    // Within the allowance, any ratio is fine (JSON of repeated records compresses far better than 250:1).
    const json = enc.encode(`[${'{"name":"Item"},'.repeat(40_000)}0]`);
    const packed = await BackupZip.open(blob(zipOf([deflated("data.json", json)])), limits({ ratioAllowance: json.length, maxRatio: 1 }));
    expect(same(await packed.read("data.json"), json)).toBe(true);
    const strict = await BackupZip.open(blob(zipOf([deflated("data.json", json)])), limits({ ratioAllowance: 1_000, maxRatio: 1 }));
    expect(await problem(strict.read("data.json"))).toMatchObject({ code: "too-large", entry: "data.json" });
  });
});
