/**
 * How much a sync reads from the bucket: whoever can write to the bucket must not be
 * able to make a device download or list without end. An object larger than its
 * limit is refused from its declared length, before its body is read (and a body that
 * runs past the limit anyway is cut off).
 */
export interface SyncLimits {
  maxKeyInfoBytes: number;
  /** The records document (~3 KB per item with its fingerprint: 10,000 items ≈ 30 MB). */
  maxRecordsBytes: number;
  /** One photo object (stored originals are at most 4096 px on a side: a few MB). */
  maxPhotoBytes: number;
  /** Objects listed under the photo folder (two per item, and some awaiting clean-up). */
  maxListedObjects: number;
}

const MiB = 1 << 20;

export const SYNC_LIMITS: SyncLimits = {
  maxKeyInfoBytes: 16 * 1024,
  maxRecordsBytes: 256 * MiB,
  maxPhotoBytes: 64 * MiB,
  maxListedObjects: 200_000,
};
