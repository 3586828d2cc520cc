import type { S3Client } from "@aws-sdk/client-s3";
import { db as appDb, type CuratorDB } from "@data/db";
import { sha256Hex } from "@data/hash";
import { mergeBackup } from "@data/merge";
import { addSummaries, zeroSummary, type MergeSummary } from "@data/schema";
import { openBucket } from "./bucket";
import { checkConfig, createSyncClient, type Layout, type SyncConfig } from "./config";
import { blobName, open, seal, type SyncKeys } from "./crypto";
import { removeOrphanPhotos } from "./gc";
import { asSyncError, SyncError, throwIfAborted } from "./errors";
import { hashesToFetch, parseRecords, toBackup } from "./records";
import { Remote } from "./remote";
import { blobHashes, readLocal, versionsOf, type SyncRecords } from "./snapshot";

/**
 * One sync: pull the bucket's records → merge them here through the backup import's
 * own merge (newer updatedAt wins, tombstones, one transaction) → push this device's
 * merged state: photos first (content-addressed, immutable, skipped when present),
 * the records document last, so the bucket never refers to a photo it lacks. If
 * another device pushed since the pull (its ETag moved, or the conditional write of
 * the records was refused with 412), pull and merge again.
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
  /** Photos no record refers to any more, removed from the bucket after the grace period (see gc.ts). */
  removed: number;
}

/** Rounds before giving up when other devices keep pushing between our pull and push. */
const MAX_ATTEMPTS = 4;
const RECORDS_NAME = "records";
const photoName = (sha: string) => `photo ${sha}`;

class Run {
  downloaded = 0;
  uploaded = 0;
  merged = zeroSummary();
  /** The bucket's photo objects as last listed by this run (the housekeeping reuses it). */
  listed: Map<string, number> | null = null;
  constructor(
    readonly remote: Remote,
    readonly layout: Layout,
    readonly keys: SyncKeys | null,
    readonly db: CuratorDB,
    readonly options: SyncOptions,
  ) {}

  progress(phase: SyncPhase, done: number, total: number) {
    this.options.onProgress?.({ phase, done, total });
  }

  async pull(): Promise<{ records: SyncRecords; etag: string } | null> {
    const got = await this.remote.get(this.layout.records);
    if (!got) return null;
    const plain = this.keys ? await open(this.keys, RECORDS_NAME, got.bytes) : got.bytes;
    return { records: await parseRecords(plain), etag: got.etag };
  }

  /** Fetches the photos the pulled records need, checks each one's hash, and merges; nothing is written here before all are in. */
  async merge(records: SyncRecords): Promise<void> {
    const local = await readLocal(this.db);
    const localImages = new Map(local.records.images.map((i) => [i.id, i.sha256]));
    const need = hashesToFetch(records, localImages, local.blobs);
    const blobs = new Map(local.blobs);
    this.progress("downloading", 0, need.length);
    for (const [i, sha] of need.entries()) {
      const got = await this.remote.get(this.layout.blobs + (await blobName(this.keys, sha)));
      if (!got) throw new SyncError("corrupt", "A photo the bucket's records refer to is missing from the bucket. Nothing was changed on this device.", { reason: "photo-missing", detail: sha });
      const plain = this.keys ? await open(this.keys, photoName(sha), got.bytes) : got.bytes;
      if ((await sha256Hex(plain)) !== sha) throw new SyncError("corrupt", "A photo in the bucket is damaged (its checksum does not match). Nothing was changed on this device.", { reason: "photo-damaged", detail: sha });
      blobs.set(sha, new Blob([plain]));
      this.downloaded++;
      this.progress("downloading", i + 1, need.length);
    }
    const backup = await toBackup(records, localImages, blobs);
    throwIfAborted(this.options.signal);
    this.progress("merging", 0, 1);
    this.merged = addSummaries(this.merged, await mergeBackup(backup, this.db));
    this.progress("merging", 1, 1);
  }

  /** Uploads every photo the records refer to that the bucket lacks. */
  async pushPhotos(records: SyncRecords, blobs: ReadonlyMap<string, Blob>): Promise<void> {
    const present = await this.remote.listDated(this.layout.blobs);
    this.listed = present;
    const missing: [string, string][] = [];
    for (const sha of blobHashes(records)) {
      const name = await blobName(this.keys, sha);
      if (!present.has(name)) missing.push([sha, name]);
    }
    this.progress("uploading", 0, missing.length);
    for (const [i, [sha, name]] of missing.entries()) {
      const bytes = new Uint8Array(await blobs.get(sha)!.arrayBuffer());
      const body = this.keys ? await seal(this.keys, photoName(sha), bytes) : bytes;
      await this.remote.put(this.layout.blobs + name, body, "application/octet-stream");
      this.uploaded++;
      this.progress("uploading", i + 1, missing.length);
    }
  }

  /** Replaces the records document if it is still the one pulled (`etag`; null: none existed); false when the server refused (412). */
  async pushRecords(records: SyncRecords, etag: string | null): Promise<boolean> {
    const plain = new TextEncoder().encode(JSON.stringify(records));
    const body = this.keys ? await seal(this.keys, RECORDS_NAME, plain) : plain;
    return this.remote.putIf(this.layout.records, etag, body, this.keys ? "application/octet-stream" : "application/json");
  }
}

/** The bucket's housekeeping after a sync: never its reason to fail (a cancel still stops it). */
async function tidy(run: Run, records: SyncRecords, options: SyncOptions): Promise<number> {
  try {
    return await removeOrphanPhotos(run.remote, run.layout.blobs, run.keys, records, run.db, (options.now ?? Date.now)(), run.listed);
  } catch (e) {
    throwIfAborted(options.signal);
    console.warn("sync: removing unused photos from the bucket failed; trying again next time", e);
    return 0;
  }
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
    const remote = new Remote(options.client ?? createSyncClient(config), config.bucket, signal);
    const progressConnect = (done: number) => options.onProgress?.({ phase: "connecting", done, total: 1 });
    progressConnect(0);
    const bucket = (await openBucket(remote, config, true))!;
    progressConnect(1);
    const run = new Run(remote, bucket.layout, bucket.keys, options.db ?? appDb, options);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      throwIfAborted(signal);
      const pulled = await run.pull();
      if (pulled) await run.merge(pulled.records);
      const local = await readLocal(run.db);
      const pushed = !pulled || versionsOf(local.records) !== versionsOf(pulled.records);
      if (pushed) {
        await run.pushPhotos(local.records, local.blobs);
        run.progress("saving", 0, 1);
        // The write is conditional (If-Match / If-None-Match: S3, MinIO and R2 refuse it with 412 if another
        // device wrote since the pull); servers that ignore those headers are covered by this check just before.
        const etag = pulled?.etag ?? null;
        if ((await remote.etag(bucket.layout.records)) !== etag) continue;
        throwIfAborted(signal);
        if (!(await run.pushRecords(local.records, etag))) continue;
        run.progress("saving", 1, 1);
      }
      const removed = await tidy(run, local.records, options);
      run.progress("done", 1, 1);
      return { merged: run.merged, downloaded: run.downloaded, uploaded: run.uploaded, pushed, attempts: attempt, encrypted: bucket.keys !== null, created: bucket.created, removed };
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
}

/**
 * Checks the settings against the bucket without writing anything: reachable,
 * keys accepted, bucket present, and (if it is set up) the passphrase and
 * encryption choice match it. Rejects with a SyncError as syncNow would.
 */
export async function testConnection(config: SyncConfig, options: Pick<SyncOptions, "signal" | "client"> = {}): Promise<ConnectionCheck> {
  try {
    checkConfig(config);
    const remote = new Remote(options.client ?? createSyncClient(config), config.bucket, options.signal);
    const bucket = await openBucket(remote, config, false);
    // Reading keyinfo.json already proved the endpoint, the keys and the bucket (a missing file is a plain "not found").
    if (!bucket) return { setUp: false, encrypted: null };
    return { setUp: true, encrypted: bucket.keys !== null };
  } catch (e) {
    throw asSyncError(e, options.signal);
  }
}
