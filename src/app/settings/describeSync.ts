import type { RecordProblem } from "@data/schema/document";
import { isCancelled } from "@domain/errors";
import { SyncError } from "@sync/errors";
import type { Counts, KindName, TombstoneCounts } from "@data/schema";
import type { SyncSummary } from "@sync";
import { CORS_EXPOSED_HEADERS, CORS_METHODS } from "@sync/cors";
import { labelOf, RECORD_WORDS } from "./recordWords";

const SAFE = "Nothing on this device was changed or lost.";
const KEPT = "Your wardrobe on this device is kept: nothing was lost.";
const REFUSED = `It was refused. ${SAFE}`;

/** A record the bucket's document got wrong, as the import names records. */
export function recordProblemText(p: RecordProblem): string {
  const label = labelOf(p.kind);
  switch (p.code) {
    case "missing":
      return `${label}s are missing`;
    case "twice":
      return `${label} ${p.index} appears twice`;
    case "no-photo":
      return `item ${p.index} refers to a photo that is not listed`;
    case "invalid":
      return `${label}${p.index === null ? "" : ` ${p.index}`}: ${p.why}`;
  }
}

/** A damaged or tampered bucket, by what was damaged. */
function corruptText(e: SyncError<"corrupt">): string {
  switch (e.reason) {
    case "newer-setup":
      return `This bucket was set up by a newer version of Curator. Update the app and try again. ${SAFE}`;
    case "newer-records":
      return `The bucket was last synced by a newer version of Curator. Update the app and sync again. ${SAFE}`;
    case "unreadable":
      return `The synced records in the bucket are damaged (${e.detail}). ${REFUSED}`;
    case "record":
      return `The synced records in the bucket are damaged (${e.record ? recordProblemText(e.record) : e.detail}). ${REFUSED}`;
    case "keyinfo":
      return `The bucket's keyinfo.json is damaged (${e.detail}). ${REFUSED}`;
    case "keyinfo-missing":
      return `The bucket's key file (keyinfo.json) is missing, but the folder holds synced data: setting it up again would make that data unreadable for ever. Sync a device that used this bucket before (it puts the file back), or restore keyinfo.json. ${SAFE}`;
    case "keyinfo-replaced":
      return `The bucket's key file (keyinfo.json) is not the one this device synced with: it was replaced, which is what tampering looks like. If you set the bucket up again yourself, choose “Trust the new key file”. ${SAFE}`;
    case "rolled-back":
      return `The bucket's records are older than ones this device has already synced: they were rolled back or replayed. Choose “Send this device's data again” to write this device's wardrobe over them. ${SAFE}`;
    case "too-large":
      return `The bucket's ${e.detail || "data"} is larger than sync will read (damaged, or put there to exhaust this device). ${REFUSED}`;
    case "too-many-objects":
      return `The bucket's photo folder holds more objects than sync will list. Remove what does not belong there. ${REFUSED}`;
    case "object":
      return `The bucket's ${e.detail} is damaged (not an encrypted Curator object). ${REFUSED}`;
    case "tampered":
      return `The bucket's ${e.detail} is damaged or was tampered with (it failed its authenticity check). ${REFUSED}`;
    case "photo-missing":
      return `A photo the bucket's records refer to is missing from the bucket. The device that has it uploads it again when it syncs; sync again later. ${SAFE}`;
    case "photo-damaged":
      return `A photo in the bucket is damaged (its checksum does not match). ${REFUSED}`;
    default:
      return `Something in the bucket is damaged. ${REFUSED}`;
  }
}

function passphraseText(e: SyncError<"passphrase">): string {
  switch (e.reason) {
    case "wrong":
      return `Wrong passphrase: it is not the one this bucket was set up with. ${SAFE}`;
    case "encrypted-bucket":
      return `This bucket is encrypted: enter its sync passphrase. ${SAFE}`;
    case "plain-bucket":
      return `This bucket holds unencrypted Curator data. Turn encryption off to sync with it, or choose an empty folder for encrypted sync. ${SAFE}`;
    case "weak":
      return `The passphrase is too weak to set a bucket up with. ${e.detail || "Add a few unrelated words."} ${SAFE}`;
    default:
      return `Enter your sync passphrase (encryption is on). ${SAFE}`;
  }
}

/** A failed sync or connection test in plain words, from its typed error: what happened, what to do, and (once) that nothing here was lost. */
export function describeSyncError(e: SyncError): string {
  switch (e.code) {
    case "auth":
      return `The bucket refused the access key ID or secret access key. Check them and try again. ${SAFE}`;
    case "network":
      return `Could not reach the sync server. Check your connection and the endpoint address, and that the bucket allows this site (CORS). ${KEPT}`;
    case "bucket":
      return `The bucket was not found. Check its name and region. ${SAFE}`;
    case "passphrase":
      return passphraseText(e as SyncError<"passphrase">);
    case "corrupt":
      return corruptText(e as SyncError<"corrupt">);
    case "conflict":
      return `Other devices kept syncing at the same time. Sync again in a moment. ${KEPT}`;
    case "storage":
      return `This device has no room left for the synced data. Free up space and sync again. ${KEPT}`;
    case "config":
      return e.reason === "incomplete"
        ? `Sync settings are incomplete: ${e.detail} missing. ${SAFE}`
        : `The endpoint must be a web address such as https://s3.example.com. ${SAFE}`;
    case "server":
      return e.reason === "keyinfo-not-kept"
        ? `Sync failed: the bucket did not keep keyinfo.json. Check that the keys may write to it. ${KEPT}`
        : `Sync failed (${e.detail || "the bucket refused"}). ${KEPT}`;
  }
}

/** The CORS rule the bucket needs, in words (the methods and header from the rule sync itself sets out). */
export function corsNote(origin: string): string {
  const methods = [...CORS_METHODS];
  return `The bucket must allow this site (${origin}) in its CORS rules: methods ${methods.slice(0, -1).join(", ")} and ${methods.at(-1)}, any header, and expose the ${CORS_EXPOSED_HEADERS.join(", ")} header.`;
}

/** The action a failure offers besides trying again, when there is one. */
export function syncRemedy(e: unknown): "trust-key-file" | "send-again" | null {
  if (!(e instanceof SyncError) || e.code !== "corrupt") return null;
  return e.reason === "keyinfo-replaced" ? "trust-key-file" : e.reason === "rolled-back" ? "send-again" : null;
}

/** Any failure of a sync or a connection test, in words. */
export function syncFailureText(e: unknown): string {
  if (isCancelled(e)) return `Sync was cancelled. ${KEPT} Sync again to finish.`;
  if (e instanceof SyncError) return describeSyncError(e);
  return `Sync failed: ${e instanceof Error ? e.message : String(e)} ${KEPT}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);
/** What the user would notice of a kind's merge: records brought in and deletions applied (never tombstones that changed nothing). */
const changes = (c: Counts) => c.added + c.updated + ("deleted" in c ? (c as TombstoneCounts).deleted : 0);

/** What a finished sync did, in one line. */
export function describeSyncSummary(s: SyncSummary): string {
  const m = s.merged;
  const parts: string[] = [];
  const { items, ...others } = m;
  if (items.added) parts.push(`${plural(items.added, "item")} added`);
  if (items.updated) parts.push(`${plural(items.updated, "item")} updated`);
  if (items.deleted) parts.push(`${plural(items.deleted, "item")} deleted`);
  const otherChanges = sum(Object.entries(others).map(([kind, c]) => (RECORD_WORDS[kind as KindName].noticed ? changes(c) : 0)));
  if (otherChanges) parts.push(`${plural(otherChanges, "other change")} brought in`);
  if (s.downloaded) parts.push(`${plural(s.downloaded, "photo")} downloaded`);
  if (s.uploaded) parts.push(`${plural(s.uploaded, "photo")} uploaded`);
  const tidied = s.removed ? `; removed ${plural(s.removed, "unused photo")} from the bucket` : "";
  if (!parts.length) return s.pushed ? `Sent this device's changes${tidied}.` : s.removed ? `Already up to date${tidied}.` : "Already up to date.";
  const text = parts.join(", ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}${tidied}.`;
}
