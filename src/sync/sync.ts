import type { S3Client } from "@aws-sdk/client-s3";
import { db as appDb, type CuratorDB } from "@data/db";
import { sha256Hex } from "@data/hash";
import { mergeBackup } from "@data/merge";
import { addSummaries, zeroSummary, type MergeSummary } from "@data/schema";
import { openBucket } from "./bucket";
import { checkConfig, createSyncClient, type Layout, type SyncConfig } from "./config";
import { open, seal, type RememberedKeys, type SyncKeys } from "./crypto";
import { asSyncError, SyncError, throwIfAborted } from "./errors";
import { SYNC_LIMITS, type SyncLimits } from "./limits";
import { changesEnvelope, objectName, planPhotos } from "./photos";
import { hashesToFetch, parseRecords, photosToMerge, recordsDocument, toBackup } from "./records";
import { Remote } from "./remote";
import { blobHashes, emptyEnvelope, readLocal, versionsOf, type Envelope, type RecordsDocument, type SyncRecords } from "./snapshot";
import { keepTrust } from "./trust";

/**
 * One sync: pull the bucket's records → merge them here through the backup import's
 * own merge (newer updatedAt wins, tombstones, one transaction) → push this device's
 * merged state: photos first (content-addressed, immutable, skipped when present),
 * the records document last, so the bucket never refers to a photo it lacks. If
 * another device pushed since the pull (its ETag moved, or the conditional write of
 * the records was refused with 412), pull and merge again. Unused photos are marked
 * in the records, and removed by a later sync (photos.ts).
 */

export type SyncPhase = "connecting" | "downloading" | "merging" | "uploading" | "saving" | "done";

export interface SyncProgress {
  phase: SyncPhase;
  done: number;
  total: number;
}

export interface SyncOptions {
  signal?: AbortSignal;
  onProgress?: (p: SyncProgress) => void;
  /** The database to sync; the app's by default (tests use one per simulated device). */
  db?: CuratorDB;
  /** A client made with createSyncClient(config), e.g. with middleware added; made from config by default. */
  client?: S3Client;
  /** The clock for the bucket's housekeeping (tests move it on a day). */
  now?: () => number;
  /** Smaller limits on what is read from the bucket (tests); SYNC_LIMITS otherwise. */
  limits?: Partial<SyncLimits>;
  /**
   * The user's answer to a "rolled-back" refusal: merge the older records anyway (they
   * cannot override anything newer here) and write this device's state over them.
   */
  acceptRollback?: boolean;
}

export interface SyncSummary {
  /** What the bucket's records changed here, summed over attempts (all zero when it brought nothing new). */
  merged: MergeSummary;
  /** Photos (originals, thumbnails, selfie) fetched and sent. */
  downloaded: number;
  uploaded: number;
  /** False when the bucket already held everything this device has: nothing was written. */
  pushed: boolean;
  /** Pull-merge-push rounds: more than 1 when another device pushed meanwhile. */
  attempts: number;
  encrypted: boolean;
  /** True when this sync set the bucket up (wrote keyinfo.json). */
  created: boolean;
  /** Photos no record refers to any more, removed from the bucket (marked by an earlier sync; see photos.ts). */
  removed: number;
  /** True when this sync put back a missing keyinfo.json from this device's copy. */
  restored: boolean;
  /** The bucket's keys, for a device that remembers them instead of the passphrase (encrypted buckets). */
  keys: RememberedKeys | null;
}

/** Rounds before giving up when other devices keep pushing between our pull and push. */
const MAX_ATTEMPTS = 4;
const RECORDS_NAME = "records";
const photoName = (sha: string) => `photo ${sha}`;

interface Pulled {
  records: SyncRecords;
  envelope: Envelope;
  etag: string;
}

class Run {
  downloaded = 0;
  uploaded = 0;
  merged = zeroSummary();
  /** Copies here that won a tie against the bucket's different copy: the bucket must get them (see incomingWins). */
  readonly ties = { keptHere: 0 };
  constructor(
    readonly remote: Remote,
    readonly layout: Layout,
    readonly keys: SyncKeys | null,
    readonly db: CuratorDB,
    readonly options: SyncOptions,
    readonly limits: SyncLimits,
  ) {}

  progress(phase: SyncPhase, done: number, total: number) {
    this.options.onProgress?.({ phase, done, total });
  }

  async pull(): Promise<Pulled | null> {
    const got = await this.remote.get(this.layout.records, this.limits.maxRecordsBytes);
    if (!got) return null;
    const plain = this.keys ? await open(this.keys, RECORDS_NAME, got.bytes) : got.bytes;
    return { ...(await parseRecords(plain)), etag: got.etag };
  }

  /** Fetches the photos the pulled records need, checks each one's hash (and that it is an image), and merges; nothing is written here before all are in. */
  async merge(records: SyncRecords, envelope: Envelope): Promise<void> {
    const local = await readLocal(this.db);
    const localImages = new Map(local.records.images.map((i) => [i.id, i.sha256]));
    const needed = await photosToMerge(records, this.db, localImages);
    const need = hashesToFetch(records, needed, local.blobs);
    const blobs = new Map(local.blobs);
    this.progress("downloading", 0, need.length);
    for (const [i, sha] of need.entries()) {
      const got = await this.remote.get(this.layout.blobs + (await objectName(this.keys, sha, envelope.renamed)), this.limits.maxPhotoBytes);
      if (!got)
        throw new SyncError(
          "corrupt",
          "A photo the bucket's records refer to is missing from the bucket (a device that holds it uploads it again when it syncs). Nothing was changed on this device.",
          {
            reason: "photo-missing",
            detail: sha,
          },
        );
      const plain = this.keys ? await open(this.keys, photoName(sha), got.bytes) : got.bytes;
      if ((await sha256Hex(plain)) !== sha)
        throw new SyncError("corrupt", "A photo in the bucket is damaged (its checksum does not match). Nothing was changed on this device.", {
          reason: "photo-damaged",
          detail: sha,
        });
      blobs.set(sha, new Blob([plain]));
      this.downloaded++;
      this.progress("downloading", i + 1, need.length);
    }
    const backup = await toBackup(records, needed, blobs);
    throwIfAborted(this.options.signal);
    this.progress("merging", 0, 1);
    this.merged = addSummaries(this.merged, await mergeBackup(backup, this.db, this.ties));
    this.progress("merging", 1, 1);
  }

  /**
   * Before merging: puts back every photo the pulled records refer to that the bucket
   * lacks and this device holds. Done first, so that two devices each missing a photo
   * only the other holds cannot block each other for ever (each would stop at its
   * download before its upload). The name is the records' own for the photo: one they
   * refer to is never a marked one (photos.ts).
   */
  async restoreMissing(records: SyncRecords, envelope: Envelope, listed: Map<string, number>): Promise<void> {
    const local = await readLocal(this.db);
    const missing: [string, string][] = [];
    for (const sha of blobHashes(records)) {
      const name = await objectName(this.keys, sha, envelope.renamed);
      if (!listed.has(name) && local.blobs.has(sha)) missing.push([sha, name]);
    }
    await this.pushPhotos(missing, local.blobs);
    for (const [, name] of missing) listed.set(name, Date.now());
  }

  /** Uploads the photos the bucket lacks ([sha256, object name]), from this device's copies. */
  async pushPhotos(uploads: readonly [string, string][], blobs: ReadonlyMap<string, Blob>): Promise<void> {
    this.progress("uploading", 0, uploads.length);
    for (const [i, [sha, name]] of uploads.entries()) {
      const bytes = new Uint8Array(await blobs.get(sha)!.arrayBuffer());
      const body = this.keys ? await seal(this.keys, photoName(sha), bytes) : bytes;
      await this.remote.put(this.layout.blobs + name, body, "application/octet-stream");
      this.uploaded++;
      this.progress("uploading", i + 1, uploads.length);
    }
  }

  /** Replaces the records document if it is still the one pulled (`etag`; null: none existed); null when the server refused (412). */
  async pushRecords(doc: RecordsDocument, etag: string | null): Promise<{ etag: string } | null> {
    const plain = new TextEncoder().encode(JSON.stringify(doc));
    const body = this.keys ? await seal(this.keys, RECORDS_NAME, plain) : plain;
    return this.remote.putIf(this.layout.records, etag, body, this.keys ? "application/octet-stream" : "application/json");
  }
}

/**
 * Deletes the photo objects the pulled records marked, once the bucket's records
 * are still the ones this sync pulled or wrote. Housekeeping: never the sync's
 * reason to fail (a cancel still stops it).
 */
async function tidy(run: Run, deletions: readonly string[], settled: readonly (string | null)[], options: SyncOptions): Promise<number> {
  if (!deletions.length) return 0;
  let removed = 0;
  try {
    if (!settled.includes(await run.remote.etag(run.layout.records))) return 0;
    for (const name of deletions) {
      throwIfAborted(options.signal);
      await run.remote.delete(run.layout.blobs + name);
      removed++;
    }
  } catch (e) {
    throwIfAborted(options.signal);
    console.warn("sync: removing unused photos from the bucket failed; trying again next time", e);
  }
  return removed;
}

/**
 * Syncs this device with the bucket. Resolves with what happened; rejects with a
 * SyncError whose `kind` says why. A failed or cancelled sync loses nothing: before
 * the merge, nothing here has changed; after it, this device holds only what the
 * bucket already had; the bucket's records are replaced last, in one write.
 */
export async function syncNow(config: SyncConfig, options: SyncOptions = {}): Promise<SyncSummary> {
  const { signal } = options;
  try {
    checkConfig(config);
    throwIfAborted(signal);
    const limits = { ...SYNC_LIMITS, ...options.limits };
    const db = options.db ?? appDb;
    const now = options.now ?? Date.now;
    const remote = new Remote(options.client ?? createSyncClient(config), config.bucket, signal);
    const progressConnect = (done: number) => options.onProgress?.({ phase: "connecting", done, total: 1 });
    progressConnect(0);
    const bucket = (await openBucket(remote, config, true, db, limits))!;
    progressConnect(1);
    const run = new Run(remote, bucket.layout, bucket.keys, db, options, limits);
    // The highest generation this device has seen of these records (0: none yet, or a key file it no longer trusts).
    const seen = bucket.trust?.keyInfo === bucket.keyInfo ? bucket.trust.generation : 0;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      throwIfAborted(signal);
      // Listed first: a bucket that holds more than sync lists is refused before anything here changes.
      const listed = await remote.listDated(bucket.layout.blobs, limits.maxListedObjects);
      const pulled = await run.pull();
      const rolledBack = pulled !== null && pulled.envelope.generation < seen;
      if (rolledBack && !options.acceptRollback)
        throw new SyncError(
          "corrupt",
          "The bucket's records are older than ones this device has already synced: they were rolled back or replayed. Nothing was changed.",
          { reason: "rolled-back", detail: `generation ${pulled.envelope.generation}, seen ${seen}` },
        );
      // Records older than ones this device has seen can bring nothing it lacks (every document holds the whole
      // state, tombstones included): when the user sends this device's data over them, they are not merged.
      run.ties.keptHere = 0;
      if (pulled && !rolledBack) {
        await run.restoreMissing(pulled.records, pulled.envelope, listed);
        await run.merge(pulled.records, pulled.envelope);
      }
      const local = await readLocal(run.db);
      const before = pulled?.envelope ?? emptyEnvelope();
      const plan = await planPhotos(bucket.keys, local.records, before, listed, now());
      const pushed =
        !pulled || rolledBack || run.ties.keptHere > 0 || versionsOf(local.records) !== versionsOf(pulled.records) || changesEnvelope(plan, before);
      // New photos, photos brought back under a new name, and any the bucket lost: before any records refer to them.
      await run.pushPhotos(plan.uploads, local.blobs);
      let generation = pulled?.envelope.generation ?? 0;
      let written: string | null = null;
      if (pushed) {
        generation = Math.max(generation, seen) + 1;
        run.progress("saving", 0, 1);
        // The write is conditional (If-Match / If-None-Match: S3, MinIO and R2 refuse it with 412 if another
        // device wrote since the pull); servers that ignore those headers are covered by this check just before.
        const etag = pulled?.etag ?? null;
        if ((await remote.etag(bucket.layout.records)) !== etag) continue;
        throwIfAborted(signal);
        const done = await run.pushRecords(recordsDocument(local.records, { generation, condemned: plan.condemned, renamed: plan.renamed }), etag);
        if (!done) continue;
        written = done.etag;
        run.progress("saving", 1, 1);
      }
      await keepTrust(db, bucket.place, { keyInfo: bucket.keyInfo, confirmed: true, generation });
      const removed = await tidy(
        run,
        plan.deletions,
        [pulled?.etag ?? null, written].filter((e) => e !== null),
        options,
      );
      run.progress("done", 1, 1);
      return {
        merged: run.merged,
        downloaded: run.downloaded,
        uploaded: run.uploaded,
        pushed,
        attempts: attempt,
        encrypted: bucket.keys !== null,
        created: bucket.created,
        restored: bucket.restored,
        removed,
        keys: bucket.remembered,
      };
    }
    throw new SyncError("conflict", "Other devices kept syncing at the same time. Nothing was lost; sync again in a moment.");
  } catch (e) {
    throw asSyncError(e, signal);
  }
}

export interface ConnectionCheck {
  /** False when the bucket (under the prefix) has never been synced: the first sync will set it up. */
  setUp: boolean;
  /** Whether the bucket is encrypted; null when it is not set up yet. */
  encrypted: boolean | null;
  /** The bucket's keys (encrypted and set up), for a device that is to remember them. */
  keys: RememberedKeys | null;
}

/**
 * Checks the settings against the bucket without writing anything: reachable,
 * keys accepted, bucket present, and (if it is set up) the passphrase and
 * encryption choice match it. Rejects with a SyncError as syncNow would.
 */
export async function testConnection(config: SyncConfig, options: Pick<SyncOptions, "signal" | "client" | "db" | "limits"> = {}): Promise<ConnectionCheck> {
  try {
    checkConfig(config);
    const remote = new Remote(options.client ?? createSyncClient(config), config.bucket, options.signal);
    const bucket = await openBucket(remote, config, false, options.db ?? appDb, { ...SYNC_LIMITS, ...options.limits });
    // Reading keyinfo.json already proved the endpoint, the keys and the bucket (a missing file is a plain "not found").
    if (!bucket) return { setUp: false, encrypted: null, keys: null };
    return { setUp: true, encrypted: bucket.keys !== null, keys: bucket.remembered };
  } catch (e) {
    throw asSyncError(e, options.signal);
  }
}
