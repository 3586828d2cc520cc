import { DEVICE_SETTING_PREFIX } from "../../data/settings";
import { errorCode } from "../../domain/errors";
import type { Counts, KindName, TombstoneCounts } from "../../data/schema";
import type { SyncSummary } from "../../sync";
import { RECORD_WORDS } from "./recordWords";

/** This device's sync connection (a device-only setting: never synced nor exported). */
export const SYNC_SETTING = "device:sync" satisfies `${typeof DEVICE_SETTING_PREFIX}${string}`;

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

