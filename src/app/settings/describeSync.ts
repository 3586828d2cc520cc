import { DEVICE_SETTING_PREFIX } from "../../data/settings";
import { errorCode } from "../../domain/errors";
import type { SyncSummary } from "../../sync";

/** This device's sync connection (a device-only setting: never synced nor exported). */
export const SYNC_SETTING = `${DEVICE_SETTING_PREFIX}sync`;

const withoutReassurance = (message: string) => message.replace(/\s*Nothing was changed\.\s*$/, "");

const SAFE = "Nothing on this device was changed or lost.";
const KEPT = "Your wardrobe on this device is kept: nothing was lost.";

/** A failed sync or test in plain words, by its code (a SyncError's, or "cancelled"). */
export function describeSyncFailure(code: string | null, message: string): string {
  switch (code) {
    case "auth":
      return `The bucket refused the access key ID or secret access key. Check them and try again. ${SAFE}`;
    case "network":
      return `Could not reach the sync server. Check your connection and the endpoint address, and that the bucket allows this site (CORS). ${KEPT}`;
    case "bucket":
      return `The bucket was not found. Check its name and region. ${SAFE}`;
    case "passphrase":
      // The engine says which: wrong passphrase, none given, or a plain (unencrypted) bucket.
      return `${withoutReassurance(message)} ${SAFE}`;
    case "corrupt":
      return `${withoutReassurance(message)} It was refused. ${SAFE}`;
    case "conflict":
      return `Other devices kept syncing at the same time. Sync again in a moment. ${KEPT}`;
    case "cancelled":
      return `Sync was cancelled. ${KEPT} Sync again to finish.`;
    case "storage":
      return `This device has no room left for the synced data. Free up space and sync again. ${KEPT}`;
    case "config":
      return `${message} ${SAFE}`;
    default:
      return `Sync failed: ${message} ${KEPT}`;
  }
}

export function syncFailureText(e: unknown): string {
  return describeSyncFailure(errorCode(e), e instanceof Error ? e.message : String(e));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a finished sync did, in one line. */
export function describeSyncSummary(s: SyncSummary): string {
  const m = s.merged;
  const parts: string[] = [];
  if (m.added) parts.push(`${plural(m.added, "item")} added`);
  if (m.updated) parts.push(`${plural(m.updated, "item")} updated`);
  if (m.deleted) parts.push(`${plural(m.deleted, "item")} deleted`);
  const otherChanges = m.outfits.added + m.outfits.updated + m.outfits.deleted + m.wearLog.added + m.wearLog.updated + m.wearLog.deleted + m.profile.added + m.profile.updated;
  if (otherChanges) parts.push(`${plural(otherChanges, "other change")} brought in`);
  if (s.downloaded) parts.push(`${plural(s.downloaded, "photo")} downloaded`);
  if (s.uploaded) parts.push(`${plural(s.uploaded, "photo")} uploaded`);
  const tidied = s.removed ? `; removed ${plural(s.removed, "unused photo")} from the bucket` : "";
  if (!parts.length) return s.pushed ? `Sent this device's changes${tidied}.` : s.removed ? `Already up to date${tidied}.` : "Already up to date.";
  const text = parts.join(", ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}${tidied}.`;
}

