import { describe, expect, it } from "vitest";
import { CancelledError, errorCode, isCancelled, throwIfCancelled } from "./errors";

describe("one cancellation error", () => {
  it("is recognised as it is thrown, as the platform's AbortError, and as Comlink rebuilds it", () => {
    expect(isCancelled(new CancelledError())).toBe(true);
    expect(isCancelled(new DOMException("The operation was aborted.", "AbortError"))).toBe(true);
    const ac = new AbortController();
    ac.abort();
    expect(isCancelled(ac.signal.reason)).toBe(true);
    // Comlink sends { name, message, stack } and rebuilds a plain Error from them.
    const rebuilt = Object.assign(new Error("Cancelled."), { name: "AbortError" });
    expect(isCancelled(rebuilt)).toBe(true);
  });

  it("is not a timeout, nor any other failure", () => {
    expect(isCancelled(new DOMException("Timed out", "TimeoutError"))).toBe(false);
    expect(isCancelled(new Error("boom"))).toBe(false);
    expect(isCancelled(Object.assign(new Error("x"), { code: "network" }))).toBe(false);
    expect(isCancelled(null)).toBe(false);
    expect(isCancelled("AbortError")).toBe(false);
  });

  it("throwIfCancelled throws only once the signal has fired, keeping its reason as the cause", () => {
    const ac = new AbortController();
    expect(() => throwIfCancelled(ac.signal)).not.toThrow();
    expect(() => throwIfCancelled(undefined)).not.toThrow();
    ac.abort("user");
    let caught: unknown;
    try {
      throwIfCancelled(ac.signal, "Sync was cancelled.");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CancelledError);
    expect((caught as CancelledError).message).toBe("Sync was cancelled.");
    expect((caught as CancelledError).cause).toBe("user");
  });
});

describe("error codes", () => {
  it("reads a typed error's code, 'cancelled' for any cancellation, null otherwise", () => {
    expect(errorCode(Object.assign(new Error("x"), { code: "auth" }))).toBe("auth");
    expect(errorCode(new CancelledError())).toBe("cancelled");
    expect(errorCode(new DOMException("aborted", "AbortError"))).toBe("cancelled");
    expect(errorCode(new Error("x"))).toBeNull();
    expect(errorCode(Object.assign(new Error("x"), { code: 42 }))).toBeNull();
    expect(errorCode(undefined)).toBeNull();
  });
});
