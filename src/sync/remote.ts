import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { asSyncError, SyncError } from "./errors";

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

  /**
   * The object's bytes and ETag, or null if there is none. An object over `maxBytes`
   * is refused ("corrupt", too-large) from its declared length, before its body is
   * read; a body that runs past the limit anyway is cut off there.
   */
  async get(key: string, maxBytes: number): Promise<{ bytes: Uint8Array<ArrayBuffer>; etag: string } | null> {
    return this.send(async () => {
      const tooLarge = () =>
        new SyncError("corrupt", `The bucket's ${key} is larger than sync reads (${maxBytes} bytes). Nothing was changed.`, {
          reason: "too-large",
          detail: key,
        });
      let res;
      try {
        res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }), this.opts);
      } catch (e) {
        if ((e as { name?: string }).name === "NoSuchKey") return null;
        throw e;
      }
      const body = res.Body;
      if ((res.ContentLength ?? 0) > maxBytes) {
        await body
          ?.transformToWebStream()
          .cancel()
          .catch(() => undefined);
        throw tooLarge();
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      if (body) {
        const reader = body.transformToWebStream().getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          size += value.length;
          if (size > maxBytes) {
            await reader.cancel().catch(() => undefined);
            throw tooLarge();
          }
          chunks.push(value);
        }
      }
      const bytes = new Uint8Array(size);
      let at = 0;
      for (const c of chunks) {
        bytes.set(c, at);
        at += c.length;
      }
      return { bytes, etag: res.ETag ?? "" };
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
  async putIf(key: string, etag: string | null, body: Uint8Array<ArrayBuffer>, contentType: string): Promise<{ etag: string } | null> {
    const condition = etag === null ? { IfNoneMatch: "*" } : { IfMatch: etag };
    return this.send(async () => {
      try {
        const res = await this.client.send(
          new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType, ...condition }),
          this.opts,
        );
        return { etag: res.ETag ?? "" };
      } catch (e) {
        if (isPreconditionFailed(e)) return null;
        throw e;
      }
    });
  }

  /**
   * Every key under the prefix, without the prefix, with its last-modified time (ms
   * since epoch, the server's clock); one request per 1000 keys, at most `maxObjects`
   * keys (more is refused: "corrupt", too-many-objects), and a server that keeps
   * answering with the same continuation token is not followed round in circles.
   */
  async listDated(prefix: string, maxObjects: number): Promise<Map<string, number>> {
    return this.send(async () => {
      const out = new Map<string, number>();
      const tokens = new Set<string>();
      let token: string | undefined;
      do {
        const res = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }), this.opts);
        for (const o of res.Contents ?? []) if (o.Key?.startsWith(prefix)) out.set(o.Key.slice(prefix.length), o.LastModified?.getTime() ?? 0);
        if (out.size > maxObjects)
          throw new SyncError("corrupt", `The bucket's ${prefix} holds more than ${maxObjects} objects, more than sync lists. Nothing was changed.`, {
            reason: "too-many-objects",
            detail: prefix,
          });
        token = res.IsTruncated ? res.NextContinuationToken : undefined;
        if (token && tokens.has(token)) throw new SyncError("server", "The bucket's listing repeats itself.", { detail: "listing repeats itself" });
        if (token) tokens.add(token);
      } while (token);
      return out;
    });
  }

  /** Whether anything at all exists under the prefix (one key is enough to tell). */
  async any(prefix: string): Promise<boolean> {
    return this.send(async () => {
      const res = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, MaxKeys: 1 }), this.opts);
      return (res.Contents ?? []).length > 0;
    });
  }

  async delete(key: string): Promise<void> {
    await this.send(() => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }), this.opts));
  }
}
