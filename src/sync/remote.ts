import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { asSyncError } from "./errors";

/** 412 (PreconditionFailed), or 409 ConditionalRequestConflict that S3 returns for a concurrent conditional write. */
export function isPreconditionFailed(e: unknown): boolean {
  const err = (typeof e === "object" && e !== null ? e : {}) as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  const code = err.Code ?? err.name;
  return code === "PreconditionFailed" || code === "ConditionalRequestConflict" || err.$metadata?.httpStatusCode === 412;
}

/**
 * The few bucket operations sync needs, each honouring the AbortSignal and turning
 * SDK failures into SyncErrors. A missing object is a normal answer (null), not an error.
 */
export class Remote {
  constructor(
    readonly client: S3Client,
    readonly bucket: string,
    private signal?: AbortSignal,
  ) {}

  private async send<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      throw asSyncError(e, this.signal);
    }
  }

  private get opts() {
    return { abortSignal: this.signal };
  }

  /** The object's bytes and ETag, or null if there is none. */
  async get(key: string): Promise<{ bytes: Uint8Array<ArrayBuffer>; etag: string } | null> {
    return this.send(async () => {
      try {
        const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }), this.opts);
        const bytes = (await res.Body?.transformToByteArray()) ?? new Uint8Array(0);
        return { bytes: new Uint8Array(bytes), etag: res.ETag ?? "" };
      } catch (e) {
        if ((e as { name?: string }).name === "NoSuchKey") return null;
        throw e;
      }
    });
  }

  /** The object's current ETag, or null if there is none. */
  async etag(key: string): Promise<string | null> {
    return this.send(async () => {
      try {
        return (await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }), this.opts)).ETag ?? "";
      } catch (e) {
        const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (err.name === "NotFound" || err.name === "NoSuchKey" || err.$metadata?.httpStatusCode === 404) return null;
        throw e;
      }
    });
  }

  async put(key: string, body: Uint8Array<ArrayBuffer>, contentType: string): Promise<void> {
    await this.send(() => this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }), this.opts));
  }

  /**
   * Writes `key` only if it still is the version last read: `etag` is the ETag pulled
   * (If-Match), or null when there was none (If-None-Match: *). Resolves false when the
   * server refuses the condition (412: another device wrote meanwhile). Servers that
   * ignore these headers simply write.
   */
  async putIf(key: string, etag: string | null, body: Uint8Array<ArrayBuffer>, contentType: string): Promise<boolean> {
    const condition = etag === null ? { IfNoneMatch: "*" } : { IfMatch: etag };
    return this.send(async () => {
      try {
        await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType, ...condition }), this.opts);
        return true;
      } catch (e) {
        if (isPreconditionFailed(e)) return false;
        throw e;
      }
    });
  }

  /** Every key under the prefix, without the prefix, with its last-modified time (ms since epoch, the server's clock); one request per 1000 keys. */
  async listDated(prefix: string): Promise<Map<string, number>> {
    return this.send(async () => {
      const out = new Map<string, number>();
      let token: string | undefined;
      do {
        const res = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }), this.opts);
        for (const o of res.Contents ?? []) if (o.Key) out.set(o.Key.slice(prefix.length), o.LastModified?.getTime() ?? 0);
        token = res.IsTruncated ? res.NextContinuationToken : undefined;
      } while (token);
      return out;
    });
  }

  async delete(key: string): Promise<void> {
    await this.send(() => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }), this.opts));
  }
}
