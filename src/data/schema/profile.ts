import { GENDERS, NECKLINES, type Profile, type ProfileSelfie } from "@domain/wardrobe/types";
import { sha256Hex } from "../hash";
import { BadRecord, num, oneOf, orNull, record, text, time } from "./fields";
import { mergeNewer, noCounts, type Counts, type Files, type RecordKind } from "./kind";
import { PROFILE_ID, profileTable } from "./tables/profile";

/** The kept selfie as a file or bucket describes it; its bytes travel apart, named by `file`. */
export type SelfieEntry = Omit<ProfileSelfie, "blob"> & {
  file: string;
  /** The blob's own type, its byte count and sha256: the bytes that come back are checked. */
  type: string;
  size: number;
  sha256: string;
};

export type ProfileEntry = Omit<Profile, "selfie"> & { selfie?: SelfieEntry | null };

async function parseSelfie(raw: unknown, files: Files): Promise<ProfileSelfie> {
  const r = record(raw);
  const file = text(r.file, "the selfie's file name", 300);
  const mimeType = text(r.mimeType, "the selfie's type", 100);
  if (!mimeType.startsWith("image/")) throw new BadRecord("the selfie is not an image");
  const width = num(r.width, "the selfie's width");
  const height = num(r.height, "the selfie's height");
  if (width < 1 || height < 1) throw new BadRecord("the selfie has a bad size");
  const bytes = files[file] as Uint8Array<ArrayBuffer> | undefined;
  if (!bytes) throw new BadRecord("the selfie's bytes are missing");
  // Size and checksum prove the selfie is exactly the one that was exported.
  if (bytes.length !== r.size || (await sha256Hex(bytes)) !== r.sha256) throw new BadRecord("the selfie's checksum does not match");
  return { blob: new Blob([bytes], { type: text(r.type, "the selfie's blob type", 100) }), width, height, mimeType, savedAt: time(r.savedAt, "the selfie's date") };
}

/** Checks a profile; a kept selfie's bytes must be in `files` under its `file` name. */
export async function parseProfile(raw: unknown, files: Files): Promise<Profile> {
  const r = record(raw);
  if (r.id !== PROFILE_ID) throw new BadRecord(`id is not "${PROFILE_ID}"`);
  const necklines = (v: unknown, field: string) => {
    if (!Array.isArray(v)) throw new BadRecord(`${field} must be a list`);
    return v.map((x) => oneOf(x, NECKLINES, field));
  };
  const faceShape = orNull(r.faceShape, (v) => {
    const f = record(v);
    const scores: Record<string, number> = {};
    for (const [k, s] of Object.entries(record(f.scores))) scores[k] = num(s, "a face shape score");
    return {
      primary: text(f.primary, "the face shape"),
      secondary: orNull(f.secondary, (s) => text(s, "the second face shape")),
      scores,
      clarity: num(f.clarity, "the face shape's clarity"),
    };
  });
  const profile: Profile = {
    id: PROFILE_ID,
    createdAt: time(r.createdAt, "createdAt"),
    updatedAt: time(r.updatedAt, "updatedAt"),
    gender: orNull(r.gender, (v) => oneOf(v, GENDERS, "gender")),
    faceShape,
    suitedNecklines: necklines(r.suitedNecklines, "suitedNecklines"),
    avoidNecklines: necklines(r.avoidNecklines, "avoidNecklines"),
  };
  if ("selfie" in r) profile.selfie = r.selfie === null ? null : await parseSelfie(r.selfie, files);
  return profile;
}

export const profile = {
  name: "profile",
  since: 2,
  single: true,
  tables: [profileTable],
  counts: noCounts,
  read: async (db) => {
    const p = await profileTable.of(db).get(PROFILE_ID);
    return p ? [p] : [];
  },
  parse: parseProfile,
  keyOf: (p) => p.id,
  version: (p) => `f ${p.updatedAt}`,
  merge: (ctx, rows) => mergeNewer(profileTable, ctx, rows),
} satisfies RecordKind<"profile", Profile, Counts>;
