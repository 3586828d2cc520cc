import { describe, expect, it } from "vitest";
import { CancelledError } from "@domain/errors";
import { asSyncError, SyncError, throwIfAborted } from "./errors";

// How anything thrown during a sync is told to the user (errors.ts): every shape the S3 SDK,
// fetch and IndexedDB throw in, and the code the Settings screen acts on.

const sdk = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? "sdk")), fields);
const words = {
  bucket: "The bucket does not exist. Check its name (and region) in the sync settings.",
  auth: "The bucket refused the access keys. Check the access key ID and secret.",
  network: "Could not reach the bucket (no connection, or the endpoint address is wrong). Nothing was lost; sync again later.",
  storage: "This device has no room left for the synced data. Free up space and sync again.",
};

describe("asSyncError", () => {
  it("passes a SyncError and a CancelledError through as they are", () => {
    const s = new SyncError("corrupt", "x");
    const c = new CancelledError("stop");
    expect(asSyncError(s)).toBe(s);
    expect(asSyncError(c)).toBe(c);
  });

  it("after the caller's cancel, or for an AbortError, anything is a CancelledError that keeps its cause", () => {
    const controller = new AbortController();
    controller.abort();
    const boom = sdk({ name: "AccessDenied" });
    const cancelled = asSyncError(boom, controller.signal);
    expect(cancelled).toBeInstanceOf(CancelledError);
    expect(cancelled).toMatchObject({ message: "Sync was cancelled. Nothing was lost; sync again to finish.", cause: boom });
    const abort = sdk({ name: "AbortError" });
    expect(asSyncError(abort)).toBeInstanceOf(CancelledError);
    expect(asSyncError(boom, new AbortController().signal)).toBeInstanceOf(SyncError);
  });

  it("classifies each kind of failure by its code, name or HTTP status, and keeps the cause", () => {
    const cases: [unknown, string, string][] = [
      [sdk({ name: "NoSuchBucket" }), "bucket", words.bucket],
      [sdk({ Code: "NoSuchBucket", name: "Other" }), "bucket", words.bucket],
      ...["InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "ExpiredToken", "InvalidToken", "Forbidden", "Unauthorized"].map(
        (name): [unknown, string, string] => [sdk({ name }), "auth", words.auth],
      ),
      [sdk({ name: "Weird", $metadata: { httpStatusCode: 401 } }), "auth", words.auth],
      [sdk({ name: "Weird", $metadata: { httpStatusCode: 403 } }), "auth", words.auth],
      ...["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_SOCKET"].map(
        (code): [unknown, string, string] => [sdk({ code }), "network", words.network],
      ),
      [sdk({ name: "TimeoutError" }), "network", words.network],
      [sdk({ name: "NetworkingError" }), "network", words.network],
      [new TypeError("Failed to fetch"), "network", words.network],
      [new TypeError("NetworkError when attempting to fetch resource."), "network", words.network],
      // Causes are followed, four deep.
      [sdk({ name: "Wrapper", cause: sdk({ name: "Mid", cause: sdk({ code: "ECONNRESET" }) }) }), "network", words.network],
      [new DOMException("The quota has been exceeded.", "QuotaExceededError"), "storage", words.storage],
    ];
    for (const [e, code, message] of cases) {
      const got = asSyncError(e) as SyncError;
      expect(got, `${code}: ${JSON.stringify(e)}`).toBeInstanceOf(SyncError);
      expect({ code: got.code, message: got.message, cause: got.cause }).toEqual({ code, message, cause: e });
    }
  });

  it("network causes further than four levels down, other TypeErrors and unknown codes are not network failures", () => {
    let deep: Error = sdk({ code: "ECONNRESET" });
    for (let i = 0; i < 5; i++) deep = sdk({ name: `Wrap${i}`, cause: deep });
    expect(asSyncError(deep)).toMatchObject({ code: "server" });
    expect(asSyncError(new TypeError("x is not a function"))).toMatchObject({ code: "server", detail: "x is not a function" });
    expect(asSyncError(sdk({ code: "EWHATEVER" }))).toMatchObject({ code: "server" });
    // Only a TypeError's words are read as fetch's network failure.
    expect(asSyncError(new Error("network policy refused the upload"))).toMatchObject({ code: "server" });
    // A cause that is not an object ends the search.
    expect(asSyncError(sdk({ name: "Wrapper", cause: "ECONNRESET" }))).toMatchObject({ code: "server" });
  });

  it("anything else is a server failure, with the code and status (or the message) as its detail", () => {
    const withStatus = asSyncError(sdk({ name: "InternalError", $metadata: { httpStatusCode: 500 } })) as SyncError;
    expect(withStatus).toMatchObject({ code: "server", message: "Sync failed: InternalError 500", detail: "InternalError 500", reason: null });
    const bare = asSyncError(Object.assign(new Error("teapot"), { name: "", $metadata: { httpStatusCode: 418 } })) as SyncError;
    expect(bare).toMatchObject({ message: "Sync failed: HTTP 418", detail: "HTTP 418" });
    expect(asSyncError(new Error("disk melted"))).toMatchObject({ code: "server", message: "Sync failed: disk melted", detail: "disk melted" });
    expect(asSyncError("just a string")).toMatchObject({ code: "server", message: "Sync failed: just a string", detail: "just a string" });
    expect(asSyncError(null)).toMatchObject({ code: "server", message: "Sync failed: null" });
  });
});

describe("SyncError and throwIfAborted", () => {
  it("a SyncError carries its code, reason, detail and record (empty when none), and its name", () => {
    const bare = new SyncError("conflict", "busy");
    expect(bare).toMatchObject({ name: "SyncError", code: "conflict", reason: null, detail: "", record: null, message: "busy" });
    const full = new SyncError("corrupt", "bad", { reason: "too-large", detail: "k", cause: 1 });
    expect(full).toMatchObject({ reason: "too-large", detail: "k", cause: 1 });
  });

  it("throwIfAborted throws a CancelledError with the signal's reason only once the signal has fired", () => {
    expect(() => throwIfAborted(undefined)).not.toThrow();
    const controller = new AbortController();
    expect(() => throwIfAborted(controller.signal)).not.toThrow();
    controller.abort("user");
    let thrown: unknown;
    try {
      throwIfAborted(controller.signal);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CancelledError);
    expect(thrown).toMatchObject({ cause: "user", message: "Sync was cancelled. Nothing was lost; sync again to finish." });
  });
});
