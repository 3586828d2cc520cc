import type { Neckline, Profile } from "../wardrobe/types";

/**
 * How well an item's neckline suits the saved face shape, for outfit suggestions to
 * weigh: +1 recommended (a little more for the first, best-ranked ones), −1 best
 * avoided, 0 neutral or unknown (no neckline, no saved face shape, or a neckline that
 * does not apply, like shoes). A preference, never a filter: a user may love an
 * "avoid" neckline, so suggestions should only lean, not exclude.
 */
export function necklineFit(neckline: Neckline | null, profile: Pick<Profile, "suitedNecklines" | "avoidNecklines"> | null | undefined): number {
  if (!neckline || neckline === "none" || !profile) return 0;
  if (profile.avoidNecklines.includes(neckline)) return -1;
  const rank = profile.suitedNecklines.indexOf(neckline);
  if (rank < 0) return 0;
  // Lists are ordered best first; keep every suited neckline clearly positive.
  return 1 - Math.min(rank, 5) * 0.05;
}
