import { afterEach, describe, expect, it, vi } from "vitest";
import { formatBytes, requestPersistence, storageInfo } from "./storage";

afterEach(() => {
  vi.unstubAllGlobals();
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
