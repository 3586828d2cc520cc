import { db } from "./db";
import { asStorageError } from "./errors";
import type { Neckline, Profile, ProfileSelfie } from "@domain/wardrobe/types";
import { PROFILE_ID } from "./schema/tables/profile";

/**
 * The user's profile: one record, id "me". Face analysis saves its verdict here so
 * outfit suggestions can prefer suited necklines. Writes read-modify-write inside one
 * transaction, so a concurrent save (another tab, sync) cannot drop fields.
 */

export { PROFILE_ID };

export function emptyProfile(now = Date.now()): Profile {
  return {
    id: PROFILE_ID,
    createdAt: now,
    updatedAt: now,
    gender: null,
    faceShape: null,
    suitedNecklines: [],
    avoidNecklines: [],
    selfie: null,
  };
}

export async function getProfile(): Promise<Profile | undefined> {
  return db.profile.get(PROFILE_ID);
}

export interface FaceShapeToSave {
  faceShape: NonNullable<Profile["faceShape"]>;
  suitedNecklines: Neckline[];
  avoidNecklines: Neckline[];
  /** Only when the user ticked "keep this photo"; otherwise any earlier selfie is removed too. */
  selfie?: Omit<ProfileSelfie, "savedAt"> | null;
}

async function update(change: (p: Profile) => Profile, now: number): Promise<Profile> {
  try {
    return await db.transaction("rw", db.profile, async () => {
      const current = (await db.profile.get(PROFILE_ID)) ?? emptyProfile(now);
      const next = { ...change(current), id: PROFILE_ID, updatedAt: now };
      await db.profile.put(next);
      return next;
    });
  } catch (e) {
    throw asStorageError(e);
  }
}

/** Saves a face analysis result; other profile fields are kept. */
export function saveFaceShape(result: FaceShapeToSave, now = Date.now()): Promise<Profile> {
  return update(
    (p) => ({
      ...p,
      faceShape: { ...result.faceShape, scores: { ...result.faceShape.scores } },
      suitedNecklines: [...result.suitedNecklines],
      avoidNecklines: [...result.avoidNecklines],
      // A new result without a kept photo must not leave an older photo of someone behind.
      selfie: result.selfie ? { ...result.selfie, savedAt: now } : null,
    }),
    now,
  );
}

/** Forgets the face shape, the neckline preferences and any kept selfie. */
export function clearFaceShape(now = Date.now()): Promise<Profile> {
  return update((p) => ({ ...p, faceShape: null, suitedNecklines: [], avoidNecklines: [], selfie: null }), now);
}
