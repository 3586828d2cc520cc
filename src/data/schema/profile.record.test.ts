import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { freshDatabasePerTest } from "../backupTestkit";
import { db } from "../db";
import { mergeBackup, type Backup } from "../merge";
import { emptyRecords } from "./index";
import { parseProfile, profile as profileKind } from "./profile";
import { refusesEach } from "./recordTestkit";
import { PROFILE_ID, profileTable } from "./tables/profile";
import type { Profile } from "@domain/wardrobe/types";

// The face profile as a backup file or a bucket holds it, and how an incoming copy merges
// with the one here (whose kept selfie never leaves this device).

const PROFILE: Profile = {
  id: PROFILE_ID,
  createdAt: 1_000,
  updatedAt: 2_000,
  gender: "women",
  faceShape: { primary: "oval", secondary: "heart", scores: { oval: 0.7, heart: 0.2 }, clarity: 0.5 },
  suitedNecklines: ["v-neck"],
  avoidNecklines: ["crew"],
  selfie: null,
};

describe("a profile record (parseProfile)", () => {
  it("reads a good record to exactly its fields; an earlier version's selfie is ignored", () => {
    expect(parseProfile({ ...PROFILE, extra: 1 })).toEqual(PROFILE);
    expect(parseProfile({ ...PROFILE, selfie: { file: "selfie.jpg", type: "image/jpeg", size: 9, sha256: "ab" } }).selfie).toBeNull();
    expect(parseProfile({ ...PROFILE, gender: null, faceShape: null }).faceShape).toBeNull();
    expect(parseProfile({ ...PROFILE, faceShape: { ...PROFILE.faceShape, secondary: null } }).faceShape?.secondary).toBeNull();
  });

  it("refuses each damaged field with its reason", () => {
    const shape = PROFILE.faceShape!;
    refusesEach(parseProfile, [
      [{ ...PROFILE, id: "you" }, 'id is not "me"'],
      [{ ...PROFILE, suitedNecklines: "v-neck" }, "suitedNecklines must be a list"],
      [{ ...PROFILE, avoidNecklines: null }, "avoidNecklines must be a list"],
      [{ ...PROFILE, faceShape: { ...shape, scores: { oval: "high" } } }, "a face shape score must be a number"],
      [{ ...PROFILE, faceShape: { ...shape, primary: 3 } }, "the face shape must be text"],
      [{ ...PROFILE, faceShape: { ...shape, secondary: 3 } }, "the second face shape must be text"],
      [{ ...PROFILE, faceShape: { ...shape, clarity: "clear" } }, "the face shape's clarity must be a number"],
      [{ ...PROFILE, createdAt: "x" }, "createdAt must be a time"],
      [{ ...PROFILE, updatedAt: -5 }, "updatedAt must be a time"],
    ]);
  });

  it("its version is its date", () => {
    expect(profileKind.version(PROFILE)).toBe("f 2000");
  });
});

describe("merging a profile", () => {
  freshDatabasePerTest();
  const selfie = { blob: new Blob([new Uint8Array(9)], { type: "image/jpeg" }), width: 3, height: 3, mimeType: "image/jpeg", savedAt: 1_500 };
  const merge = async (incoming: Profile) => {
    const ties = { keptHere: 0 };
    const summary = await mergeBackup({ ...emptyRecords(), profile: [incoming], images: new Map() } as Backup, db, ties);
    return { counts: summary.profile, ties: ties.keptHere, here: await profileTable.of(db).get(PROFILE_ID) };
  };

  it("the same profile from outside, without the selfie kept here, changes nothing and is no tie", async () => {
    await profileTable.of(db).put({ ...PROFILE, selfie });
    const { counts, ties, here } = await merge(PROFILE);
    expect(counts).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect(ties).toBe(0);
    expect(here?.selfie?.savedAt).toBe(1_500);
  });

  it("dated alike but different: the same copy wins on every device, the loser here is counted as a tie", async () => {
    await profileTable.of(db).put({ ...PROFILE, gender: "women", selfie });
    // '{…"gender":"men"…}' sorts before '{…"gender":"women"…}': "women" is the copy every device keeps.
    const lost = await merge({ ...PROFILE, gender: "men" });
    expect(lost).toMatchObject({ counts: { added: 0, updated: 0, unchanged: 1 }, ties: 1 });
    expect(lost.here?.gender).toBe("women");
    await profileTable.of(db).put({ ...PROFILE, gender: "men", selfie });
    const won = await merge({ ...PROFILE, gender: "women" });
    expect(won).toMatchObject({ counts: { added: 0, updated: 1, unchanged: 0 }, ties: 0 });
    expect(won.here).toMatchObject({ gender: "women", selfie: { savedAt: 1_500 } });
  });
});
