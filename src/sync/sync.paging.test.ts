import "fake-indexeddb/auto";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { createSyncClient, type SyncConfig } from "./config";
import { syncNow } from "./sync";
import { addItem, dump, newBucket, recordingClient, syncFixtures } from "./syncTestkit";

const fx = syncFixtures();

/** How many photo objects the bucket holds, counted page by page here (not by the code under test). */
async function countPhotoObjects(config: SyncConfig): Promise<number> {
  const client = createSyncClient(config);
  let count = 0;
  let token: string | undefined;
  do {
    const res = await client.send(new ListObjectsV2Command({ Bucket: config.bucket, Prefix: "curator/blobs/", ContinuationToken: token }));
    count += res.Contents?.length ?? 0;
    token = res.IsTruncated ? res.NextContinuationToken : undefined;
  } while (token);
  return count;
}

/**
 * A wardrobe bigger than one bucket listing (issue 20): S3 (and s3rver) answer at most
 * 1,000 keys per ListObjectsV2 request, so a wardrobe of 1,000+ photos (an original and a
 * thumbnail each) is only seen whole by following the continuation tokens. Without the
 * paging loop a second device would miss photos, and the first would upload again what
 * the bucket already holds.
 */
describe("sync of a wardrobe with more than 1,000 photos (bucket listings over 1,000 keys)", () => {
  const ITEMS = 1_010; // 2,020 photo objects: three listing pages

  it("lists every page: a second device gets every photo, and nothing is uploaded twice", { timeout: 600_000 }, async () => {
    const config = await newBucket(fx.port);
    const a = await fx.device();
    for (let i = 0; i < ITEMS; i++) await addItem(a, i + 1, { name: `Piece ${i + 1}` });
    const first = await syncNow(config, { db: a });
    expect(first).toMatchObject({ pushed: true, uploaded: 2 * ITEMS });
    expect(await countPhotoObjects(config)).toBe(2 * ITEMS);

    // A's next sync lists the bucket's photos (three pages) and finds every one there.
    const again = recordingClient(config);
    const second = await syncNow(config, { db: a, client: again.client });
    expect(second).toMatchObject({ pushed: false, uploaded: 0, downloaded: 0 });
    const listings = again.calls.filter((c) => c === "ListObjectsV2Command curator/blobs/");
    expect(listings).toHaveLength(3);

    // A new device pulls all of them, and ends up with the same data, photo for photo.
    const b = await fx.device();
    const pulled = await syncNow(config, { db: b });
    expect(pulled).toMatchObject({ pushed: false, downloaded: 2 * ITEMS, uploaded: 0 });
    expect(await b.images.count()).toBe(ITEMS);
    expect(await dump(b)).toBe(await dump(a));
  });
});
