import { blobName, type SyncKeys } from "./crypto";
import { blobHashes, type Envelope, type SyncRecords } from "./snapshot";

/**
 * Photo objects in the bucket: which name each photo has, which must go up, and
 * which unused ones are removed — without ever removing a photo a device is about
 * to refer to.
 *
 * A photo's object is named by its keyed hash (crypto.ts blobName). Removing one
 * takes two syncs. First a sync *marks* it ("condemned") in the records document it
 * writes; that write is conditional (If-Match), so a device that meanwhile listed the
 * bucket and is about to write records referring to the photo has its write refused,
 * pulls again and sees the mark. Any later sync deletes what the records it pulled
 * mark. A marked name is never referred to again: a device that needs the photo back
 * (an offline device bringing an item back, a photo imported again) uploads it under
 * a new name (its hash plus a random suffix, kept in the records' `renamed`). So a
 * deletion, whenever it happens, can only take an object nothing refers to, and no
 * timing between devices matters.
 *
 * Every sync also uploads any photo the records refer to that the bucket lacks (from
 * this device's copy): whatever removed it, the next sync of a device that holds it
 * brings it back.
 */

/** Unused photos are marked only once their object is this old (server time): a fresh upload's records may be on their way. */
export const ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000;
/** A mark is kept this long after its object is gone (a device holding records older than that cannot write them: they are refused). */
export const MARK_KEPT_MS = 30 * 24 * 60 * 60 * 1000;

const SUFFIX = /^[0-9a-f]{16}$/;
const NAME = /^[0-9a-f]{64}(\.[0-9a-f]{16})?$/;
export const isSuffix = (s: string) => SUFFIX.test(s);
export const isObjectName = (s: string) => NAME.test(s);

const randomSuffix = () => [...globalThis.crypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, "0")).join("");

/** The object name of a photo under an envelope's renames. */
export async function objectName(keys: SyncKeys | null, sha: string, renamed: Readonly<Record<string, string>>): Promise<string> {
  const base = await blobName(keys, sha);
  const suffix = renamed[sha];
  return suffix ? `${base}.${suffix}` : base;
}

export interface PhotoPlan {
  /** The envelope's photo parts for the records this device writes (generation aside). */
  condemned: Record<string, number>;
  renamed: Record<string, string>;
  /** Photos the records refer to that the bucket lacks: [sha256, object name]. */
  uploads: [string, string][];
  /** Objects the pulled records marked, still in the bucket: safe to delete now. */
  deletions: string[];
}

/**
 * What the photo objects need, for `records` (what this device is about to write or
 * has just pulled) against the bucket's listing (`listed`: name → last modified,
 * server time) and the pulled envelope (`before`; empty for a new bucket).
 */
export async function planPhotos(
  keys: SyncKeys | null,
  records: Pick<SyncRecords, "images" | "sourcePhotos">,
  before: Envelope,
  listed: ReadonlyMap<string, number>,
  now: number,
): Promise<PhotoPlan> {
  const renamed: Record<string, string> = {};
  const referenced = new Set<string>();
  const uploads: [string, string][] = [];
  for (const sha of blobHashes(records)) {
    let suffix: string | undefined = before.renamed[sha];
    let name = await objectName(keys, sha, before.renamed);
    // Marked for deletion (or about to be deleted): never refer to it again, upload the photo under a new name.
    while (Object.hasOwn(before.condemned, name)) {
      suffix = randomSuffix();
      name = await objectName(keys, sha, { [sha]: suffix });
    }
    if (suffix) renamed[sha] = suffix;
    referenced.add(name);
    if (!listed.has(name)) uploads.push([sha, name]);
  }
  const condemned: Record<string, number> = {};
  const deletions: string[] = [];
  for (const [name, at] of Object.entries(before.condemned)) {
    if (listed.has(name)) deletions.push(name);
    // Kept while its object exists, and a while after (see MARK_KEPT_MS).
    if (listed.has(name) || now - at < MARK_KEPT_MS) condemned[name] = at;
  }
  for (const [name, modified] of listed) {
    // Only photo objects are ever marked: anything else someone put in the folder is left alone.
    if (!isObjectName(name) || referenced.has(name) || Object.hasOwn(condemned, name)) continue;
    if (now - modified >= ORPHAN_GRACE_MS) condemned[name] = now;
  }
  return { condemned, renamed, uploads, deletions };
}

/** Whether a plan changes the envelope's photo parts (then the records must be written, even if nothing else changed). */
export function changesEnvelope(plan: Pick<PhotoPlan, "condemned" | "renamed">, before: Envelope): boolean {
  const same = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);
  return !same(plan.condemned, before.condemned) || !same(plan.renamed, before.renamed);
}
