import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { CancelledError } from "@domain/errors";
import { createSyncClient, type SyncConfig } from "./config";
import { SyncError } from "./errors";
import { isPreconditionFailed, Remote } from "./remote";
import { newBucket, recordingClient, rejection, syncFixtures } from "./syncTestkit";

const fx = syncFixtures();
const bytes = (n: number, fill = 7) => new Uint8Array(n).fill(fill);

/** A recording client whose bucket listings come in pages of `pageSize` keys (S3's MaxKeys), so paging runs on a handful of objects. */
function pagedClient(config: SyncConfig, pageSize: number) {
  const rec = recordingClient(config);
  rec.client.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName === "ListObjectsV2Command") (args.input as { MaxKeys?: number }).MaxKeys ??= pageSize;
      return next(args);
    },
    { step: "initialize", name: "curatorTestPageSize" },
  );
  return rec;
}

/** Rewrites every ListObjectsV2 answer with `change` (a misbehaving server), after the real server answered. */
function rewriteListings(client: S3Client, change: (output: Record<string, unknown>, input: Record<string, unknown>) => void) {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const res = await next(args);
      if (context.commandName === "ListObjectsV2Command") change(res.output as unknown as Record<string, unknown>, args.input as Record<string, unknown>);
      return res;
    },
    { step: "initialize", name: "curatorTestRewriteListing" },
  );
}

async function bucketWith(keys: string[]): Promise<SyncConfig> {
  const config = await newBucket(fx.port);
  const client = createSyncClient(config);
  for (const key of keys) await client.send(new PutObjectCommand({ Bucket: config.bucket, Key: key, Body: bytes(3) }));
  return config;
}

const listings = (calls: string[]) => calls.filter((c) => c.startsWith("ListObjectsV2Command"));

describe("Remote.listDated: every page of a listing, within its bounds", () => {
  it("follows the continuation tokens page by page and returns each key without its prefix, dated by the server", async () => {
    const before = Date.now() - 2_000; // the server stamps whole seconds
    const config = await bucketWith(["p/a", "p/b", "p/c", "p/d", "p/e", "q/other"]);
    const after = Date.now() + 2_000;
    const rec = pagedClient(config, 2);
    const listed = await new Remote(rec.client, config.bucket).listDated("p/", 100);
    expect([...listed.keys()].sort()).toEqual(["a", "b", "c", "d", "e"]);
    for (const t of listed.values()) {
      expect(t).toBeGreaterThanOrEqual(before);
      expect(t).toBeLessThanOrEqual(after);
    }
    expect(listings(rec.calls)).toHaveLength(3); // 2 + 2 + 1
  });

  it("an empty folder is one request and an empty map", async () => {
    const config = await bucketWith(["q/other"]);
    const rec = pagedClient(config, 2);
    expect((await new Remote(rec.client, config.bucket).listDated("p/", 100)).size).toBe(0);
    expect(listings(rec.calls)).toHaveLength(1);
  });

  it("refuses a folder holding more objects than it lists (exactly the limit is fine), as corrupt too-many-objects, naming the folder", async () => {
    const config = await bucketWith(["p/a", "p/b", "p/c", "p/d", "p/e"]);
    const { client } = pagedClient(config, 2);
    expect((await new Remote(client, config.bucket).listDated("p/", 5)).size).toBe(5);
    const err = (await rejection(new Remote(client, config.bucket).listDated("p/", 4))) as SyncError;
    expect(err).toBeInstanceOf(SyncError);
    expect(err).toMatchObject({ code: "corrupt", reason: "too-many-objects", detail: "p/" });
    expect(err.message).toBe("The bucket's p/ holds more than 4 objects, more than sync lists. Nothing was changed.");
  });

  it("stops on a server that answers with the same continuation token again, instead of going round in circles", async () => {
    const config = await bucketWith(["p/a", "p/b", "p/c"]);
    const rec = pagedClient(config, 1);
    rewriteListings(rec.client, (out) => {
      out.IsTruncated = true;
      out.NextContinuationToken = "same-again";
    });
    // The server itself would refuse the made-up token: ask it for the first page again.
    rec.client.middlewareStack.add(
      (next) => (args) => {
        delete (args.input as { ContinuationToken?: string }).ContinuationToken;
        return next(args);
      },
      { step: "initialize", name: "curatorTestForgetToken", priority: "low" },
    );
    const err = (await rejection(new Remote(rec.client, config.bucket).listDated("p/", 100))) as SyncError;
    expect(err).toMatchObject({ code: "server", detail: "listing repeats itself" });
    expect(err.message).toBe("The bucket's listing repeats itself.");
    expect(listings(rec.calls)).toHaveLength(2);
  });

  it("stops when the server says the listing is not truncated, whatever token it sends; ignores keys outside the prefix; an undated key is dated 0", async () => {
    const config = await bucketWith(["p/a"]);
    const rec = recordingClient(config);
    rewriteListings(rec.client, (out) => {
      out.IsTruncated = false;
      out.NextContinuationToken = "more";
      out.Contents = [...(out.Contents as object[]), { Key: "elsewhere/x" }, { Key: "p/undated" }, {}];
    });
    const listed = await new Remote(rec.client, config.bucket).listDated("p/", 100);
    expect([...listed.keys()].sort()).toEqual(["a", "undated"]);
    expect(listed.get("undated")).toBe(0);
    expect(listed.get("a")).toBeGreaterThan(0);
    expect(listings(rec.calls)).toHaveLength(1);
  });
});

describe("Remote: reads, writes and conditions against a real S3 server", () => {
  it("get: a missing object is null; an object of exactly maxBytes is read whole with its ETag; one byte over is refused as too-large", async () => {
    const config = await newBucket(fx.port);
    const remote = new Remote(createSyncClient(config), config.bucket);
    expect(await remote.get("nothing/here", 100)).toBeNull();
    await remote.put("k", bytes(10, 3), "application/octet-stream");
    const got = await remote.get("k", 10);
    expect(got?.bytes).toEqual(bytes(10, 3));
    expect(got?.etag).toBe(await remote.etag("k"));
    expect(got?.etag).toMatch(/^"[0-9a-f]{32}"$/);
    const err = (await rejection(remote.get("k", 9))) as SyncError;
    expect(err).toMatchObject({ code: "corrupt", reason: "too-large", detail: "k" });
    expect(err.message).toBe("The bucket's k is larger than sync reads (9 bytes). Nothing was changed.");
  });

  it("get: a body that runs past the limit without declaring its length is cut off there", async () => {
    const config = await newBucket(fx.port);
    const client = createSyncClient(config);
    client.middlewareStack.add(
      (next) => async (args) => {
        const res = await next(args);
        delete (res.output as { ContentLength?: number }).ContentLength;
        return res;
      },
      { step: "initialize", name: "curatorTestNoLength" },
    );
    const remote = new Remote(client, config.bucket);
    await remote.put("big", bytes(5000, 1), "application/octet-stream");
    expect((await remote.get("big", 5000))?.bytes.length).toBe(5000);
    expect(await rejection(remote.get("big", 4999))).toMatchObject({ code: "corrupt", reason: "too-large", detail: "big" });
  });

  it("etag: null for a missing object; any: whether a prefix holds anything; delete removes the object", async () => {
    const config = await newBucket(fx.port);
    const remote = new Remote(createSyncClient(config), config.bucket);
    expect(await remote.etag("x")).toBeNull();
    expect(await remote.any("p/")).toBe(false);
    await remote.put("p/x", bytes(4), "application/octet-stream");
    expect(await remote.any("p/")).toBe(true);
    expect(await remote.any("q/")).toBe(false);
    expect(await remote.etag("p/x")).toMatch(/^"[0-9a-f]{32}"$/);
    await remote.delete("p/x");
    expect(await remote.etag("p/x")).toBeNull();
    expect(await remote.any("p/")).toBe(false);
  });

  it("putIf: writes a new key only if absent, an existing one only at the ETag last read, and answers null (not an error) when refused", async () => {
    const config = await newBucket(fx.port);
    const remote = new Remote(createSyncClient(config), config.bucket);
    const first = await remote.putIf("r", null, bytes(3, 1), "application/json");
    expect(first?.etag).toBe(await remote.etag("r"));
    expect(await remote.putIf("r", null, bytes(3, 2), "application/json")).toBeNull();
    expect(await remote.putIf("r", '"0123456789abcdef0123456789abcdef"', bytes(3, 2), "application/json")).toBeNull();
    expect((await remote.get("r", 10))?.bytes).toEqual(bytes(3, 1));
    const second = await remote.putIf("r", first!.etag, bytes(3, 2), "application/json");
    expect(second).not.toBeNull();
    expect(second?.etag).not.toBe(first?.etag);
    expect((await remote.get("r", 10))?.bytes).toEqual(bytes(3, 2));
  });

  it("every failure comes out as a SyncError (a missing bucket is 'bucket'), and after a cancel as a CancelledError", async () => {
    const config = await newBucket(fx.port);
    const gone = new Remote(createSyncClient(config), "no-such-bucket-here");
    expect(await rejection(gone.listDated("p/", 10))).toMatchObject({ code: "bucket" });
    expect(await rejection(gone.put("k", bytes(1), "text/plain"))).toMatchObject({ code: "bucket" });
    const controller = new AbortController();
    controller.abort();
    const cancelled = new Remote(createSyncClient(config), config.bucket, controller.signal);
    expect(await rejection(cancelled.any("p/"))).toBeInstanceOf(CancelledError);
    expect(await rejection(cancelled.get("k", 10))).toBeInstanceOf(CancelledError);
  });
});

describe("isPreconditionFailed", () => {
  it.each([
    [{ name: "PreconditionFailed" }, true],
    [{ Code: "PreconditionFailed" }, true],
    [{ name: "ConditionalRequestConflict" }, true],
    [{ name: "Whatever", $metadata: { httpStatusCode: 412 } }, true],
    [{ name: "Whatever", $metadata: { httpStatusCode: 409 } }, false],
    [{ Code: "NoSuchKey", name: "PreconditionFailed" }, false],
    [{ name: "AccessDenied", $metadata: { httpStatusCode: 403 } }, false],
    [null, false],
    ["PreconditionFailed", false],
  ])("%j → %s", (e, expected) => {
    expect(isPreconditionFailed(e)).toBe(expected);
  });
});
