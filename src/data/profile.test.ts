import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "./db";
import { StorageFullError } from "./errors";
import { clearFaceShape, getProfile, saveFaceShape, type FaceShapeToSave } from "./profile";

beforeEach(async () => {
  await db.open();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

const result: FaceShapeToSave = {
  faceShape: { primary: "oval", secondary: "round", scores: { oval: 0.7, round: 0.3 }, clarity: 0.4 },
  suitedNecklines: ["v-neck", "scoop"],
  avoidNecklines: [],
};

describe("profile repository", () => {
  it("creates the 'me' record on first save and keeps other fields on later saves", async () => {
    expect(await getProfile()).toBeUndefined();
    await saveFaceShape(result, 1000);
    expect(await getProfile()).toMatchObject({ id: "me", createdAt: 1000, updatedAt: 1000, faceShape: result.faceShape, selfie: null });

    await db.profile.update("me", { gender: "women" });
    await saveFaceShape({ ...result, faceShape: { ...result.faceShape, primary: "heart" } }, 2000);
    const p = await getProfile();
    expect(p).toMatchObject({ gender: "women", createdAt: 1000, updatedAt: 2000 });
    expect(p?.faceShape?.primary).toBe("heart");
  });

  it("stores the selfie only when asked, and drops an old one when a new result comes without", async () => {
    const blob = new Blob([new Uint8Array([1, 2, 3])], { type: "image/jpeg" });
    await saveFaceShape({ ...result, selfie: { blob, width: 10, height: 20, mimeType: "image/jpeg" } }, 1000);
    const kept = await getProfile();
    expect(kept?.selfie).toMatchObject({ width: 10, height: 20, savedAt: 1000 });
    expect(new Uint8Array(await kept!.selfie!.blob.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));

    await saveFaceShape(result, 2000);
    expect((await getProfile())?.selfie).toBeNull();
  });

  it("clears the face shape and neckline preferences", async () => {
    await saveFaceShape(result);
    await clearFaceShape();
    expect(await getProfile()).toMatchObject({ faceShape: null, suitedNecklines: [], avoidNecklines: [], selfie: null });
  });

  it("reports a full disk in the user's words and leaves the saved profile intact", async () => {
    await saveFaceShape(result, 1000);
    vi.spyOn(db.profile, "put").mockRejectedValue(new DOMException("The quota has been exceeded.", "QuotaExceededError"));
    await expect(saveFaceShape({ ...result, faceShape: { ...result.faceShape, primary: "square" } })).rejects.toBeInstanceOf(StorageFullError);
    vi.restoreAllMocks();
    expect((await getProfile())?.faceShape?.primary).toBe("oval");
  });
});
