import { GENDERS, NECKLINES, type Profile, type ProfileSelfie } from "@domain/wardrobe/types";
import { BadRecord, num, oneOf, orNull, record, text, time } from "./fields";
import { contentText, keptOnTie, noCounts, outcome, type Counts, type RecordKind } from "./kind";
import { PROFILE_ID, profileTable } from "./tables/profile";

/**
 * A selfie as files and buckets from earlier versions described it. The selfie kept
 * "on this device" never leaves it now (neither export nor sync carries it), and one
 * coming from such a file or bucket is ignored.
 */
export type SelfieEntry = Omit<ProfileSelfie, "blob"> & { file: string; type: string; size: number; sha256: string };

/** The profile as it leaves the device: everything but the kept selfie. */
export type ProfileEntry = Omit<Profile, "selfie"> & { selfie?: SelfieEntry | null };

/** Checks a profile from outside; a selfie it describes (an earlier version's) is ignored: the result has none (null). */
export function parseProfile(raw: unknown): Profile {
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
    selfie: null,
  };
  return profile;
}

export const profile = {
  name: "profile",
  since: 2,
  single: true,
  tables: [profileTable],
  counts: noCounts,
  // The kept selfie stays on this device: "keep this photo on this device" is what the user chose.
  read: async (db) => {
    const p = await profileTable.of(db).get(PROFILE_ID);
    if (!p) return [];
    const { selfie: _kept, ...shared } = p;
    return [shared];
  },
  parse: parseProfile,
  keyOf: (p) => p.id,
  version: (p) => `f ${p.updatedAt}`,
  /** The newer copy wins, and this device's own kept selfie stays with it (an incoming profile never has one). */
  async merge(ctx, rows) {
    const t = profileTable.of(ctx.db);
    const counts = noCounts();
    const content = (p: Profile) => contentText(p, ["selfie"]);
    for (const incoming of rows) {
      const here = await t.get(incoming.id);
      if (keptOnTie(incoming, here, content)) ctx.ties.keptHere++;
      const fate = outcome(incoming, here, content);
      counts[fate]++;
      if (fate === "unchanged") continue;
      await t.put({ ...incoming, selfie: here?.selfie ?? null });
    }
    return counts;
  },
} satisfies RecordKind<"profile", Profile, Counts>;
