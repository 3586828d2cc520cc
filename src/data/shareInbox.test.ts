import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { forgetShare, keepSharedFiles, waitingShares } from "./shareInbox";
import { SHARE_FAILED, shareFailureMessage } from "./shareTarget";
import { formatBytes, requestPersistence, storageInfo } from "./storage";

afterEach(async () => {
  vi.unstubAllGlobals();
  for (const b of await waitingShares()) await forgetShare(b.id);
});

const photo = (name: string, text: string) => new File([text], name, { type: "image/jpeg", lastModified: 1_700_000_000_000 });

describe("the share inbox (photos handed to the app from outside, kept until imported)", () => {
  // Node's structured clone (fake-indexeddb's) keeps a File as a Blob without its name;
  // browsers keep the File whole, names included (e2e/pwa.spec.ts shares real files).
  it("keeps each batch whole (types, bytes) under its own id, lists them oldest first, and forgets one by id", async () => {
    const later = await keepSharedFiles([photo("b.jpg", "bbb")], "open", 2_000);
    const earlier = await keepSharedFiles([photo("a1.jpg", "a1"), photo("a2.jpg", "a2a2")], "share", 1_000);
    expect(earlier).toMatch(/^rs-[0-9a-z]{1,8}$/); // 1,000 in base 36, then a random part
    expect(later).not.toBe(earlier);

    const waiting = await waitingShares();
    expect(waiting.map((b) => [b.id, b.source, b.receivedAt])).toEqual([
      [earlier, "share", 1_000],
      [later, "open", 2_000],
    ]);
    const files = waiting[0]!.files;
    expect(files.map((f) => [f.type, f.size])).toEqual([
      ["image/jpeg", 2],
      ["image/jpeg", 4],
    ]);
    expect(await files[1]!.text()).toBe("a2a2");

    await forgetShare(earlier);
    expect((await waitingShares()).map((b) => b.id)).toEqual([later]);
    await forgetShare("no-such-batch");
    expect((await waitingShares()).map((b) => b.id)).toEqual([later]);
  });

  it("two batches received in the same millisecond are both kept", async () => {
    const ids = await Promise.all([keepSharedFiles([photo("x.jpg", "x")], "share", 5), keepSharedFiles([photo("y.jpg", "y")], "share", 5)]);
    expect(new Set(ids).size).toBe(2);
    const kept = await Promise.all((await waitingShares()).flatMap((b) => b.files.map((f) => f.text())));
    expect(kept.sort()).toEqual(["x", "y"]);
  });
});

describe("what the page says when the service worker could not keep a share", () => {
  it("names an empty share and one with too many files; any other failure points at storage; a batch id is no failure", () => {
    expect(SHARE_FAILED).toBe("failed");
    expect(shareFailureMessage("failed-empty")).toBe("Nothing was shared: no files arrived with the share.");
    expect(shareFailureMessage("failed-too-many")).toBe("That share had too many files for one go. Share up to 200 photos at a time.");
    const storage = "Curator could not keep the shared files (the device's storage may be full). Nothing was added; try sharing again.";
    expect(shareFailureMessage("failed")).toBe(storage);
    expect(shareFailureMessage("failed-quota")).toBe(storage);
    expect(shareFailureMessage("lz5k3-abc123")).toBeNull();
    expect(shareFailureMessage("")).toBeNull();
    expect(shareFailureMessage("not-failed-empty")).toBeNull();
  });
});

describe("storage usage and persistence", () => {
  it("formatBytes: bytes under 1 KB, one decimal under 10, whole numbers above, up to TB", () => {
    const table: [number, string][] = [
      [0, "0 B"],
      [1023, "1023 B"],
      [1024, "1.0 KB"],
      [1536, "1.5 KB"],
      [10 * 1024 - 1, "10.0 KB"],
      [10 * 1024, "10 KB"],
      [1024 * 1024 - 1, "1024 KB"],
      [1024 * 1024, "1.0 MB"],
      [250 * 1024 * 1024, "250 MB"],
      [3 * 1024 ** 3, "3.0 GB"],
      [5 * 1024 ** 4, "5.0 TB"],
      [2048 * 1024 ** 4, "2048 TB"],
    ];
    for (const [n, words] of table) expect(formatBytes(n), String(n)).toBe(words);
  });

  it("storageInfo: the browser's estimate and persistence, or nulls where the browser has no storage API or it fails", async () => {
    vi.stubGlobal("navigator", { storage: { estimate: () => Promise.resolve({ usage: 1_000, quota: 9_000 }), persisted: () => Promise.resolve(true) } });
    expect(await storageInfo()).toEqual({ usage: 1_000, quota: 9_000, persisted: true });
    vi.stubGlobal("navigator", { storage: { estimate: () => Promise.reject(new Error("no")), persisted: () => Promise.reject(new Error("no")) } });
    expect(await storageInfo()).toEqual({ usage: null, quota: null, persisted: null });
    vi.stubGlobal("navigator", { storage: { estimate: () => Promise.resolve({}) } });
    expect(await storageInfo()).toEqual({ usage: null, quota: null, persisted: null });
    vi.stubGlobal("navigator", {});
    expect(await storageInfo()).toEqual({ usage: null, quota: null, persisted: null });
  });

  it("requestPersistence: asks only when not yet persisted, and a refusal or a missing API is false", async () => {
    const asked: string[] = [];
    const storage = (persisted: boolean, grant: Promise<boolean>) => ({
      persisted: () => Promise.resolve(persisted),
      persist: () => {
        asked.push("persist");
        return grant;
      },
    });
    vi.stubGlobal("navigator", { storage: storage(true, Promise.resolve(false)) });
    expect(await requestPersistence()).toBe(true);
    expect(asked).toEqual([]);
    vi.stubGlobal("navigator", { storage: storage(false, Promise.resolve(true)) });
    expect(await requestPersistence()).toBe(true);
    vi.stubGlobal("navigator", { storage: storage(false, Promise.resolve(false)) });
    expect(await requestPersistence()).toBe(false);
    vi.stubGlobal("navigator", { storage: storage(false, Promise.reject(new Error("denied"))) });
    expect(await requestPersistence()).toBe(false);
    expect(asked).toEqual(["persist", "persist", "persist"]);
    vi.stubGlobal("navigator", { storage: {} });
    expect(await requestPersistence()).toBe(false);
  });
});
