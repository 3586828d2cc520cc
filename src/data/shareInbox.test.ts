import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { forgetShare, keepSharedFiles, waitingShares } from "./shareInbox";
import { SHARE_FAILED, shareFailureMessage } from "./shareTarget";

afterEach(async () => {
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
