/**
 * Why a catalog search failed (its `code`), in the user's words. A cancelled search is
 * a CancelledError, not a ShopError. The wardrobe never depends on
 * the shop service, so every message says what still works and what to do next.
 */
export type ShopErrorCode =
  "offline" | "unreachable" | "timeout" | "not-ready" | "busy" | "embedder-mismatch" | "invalid-request" | "server" | "bad-response" | "bad-endpoint";

const MESSAGES: Record<ShopErrorCode, string> = {
  offline: "You are offline. Shopping needs a connection — your wardrobe still works offline.",
  unreachable: "The shop service could not be reached. Check the address in Settings → Shop the look, or try again later.",
  timeout: "The shop service did not answer in time. Try again in a moment.",
  "not-ready": "The shop catalog is still loading on the server. Try again in a minute.",
  busy: "The shop service is busy right now. Try again in a few seconds.",
  "embedder-mismatch": "The catalog was built for another model version than this app's. Update the app or the catalog, then try again.",
  "invalid-request": "The shop service did not accept this search.",
  server: "The shop service had a problem answering. Try again later.",
  "bad-response": "The address answered, but not like a Curator shop service. Check the address in Settings → Shop the look.",
  "bad-endpoint": "The shop address is not a valid web address.",
};

/** Codes where pressing Retry later can help (the rest need a settings or app change). */
const RETRYABLE = new Set<ShopErrorCode>(["offline", "unreachable", "timeout", "not-ready", "busy", "server"]);

export class ShopError extends Error {
  override name = "ShopError";
  readonly code: ShopErrorCode;
  /** HTTP status, when a response came back. */
  readonly status: number | undefined;
  /** The server's explanation (contract error message), shown as a detail. */
  readonly detail: string | undefined;
  /** The server's X-Request-Id, for a support question. */
  readonly requestId: string | undefined;
  /** Seconds the server asked to wait before trying again (Retry-After), when it said. */
  readonly retryAfter: number | undefined;

  constructor(code: ShopErrorCode, opts: { status?: number; detail?: string; requestId?: string; retryAfter?: number; cause?: unknown } = {}) {
    super(opts.retryAfter && code === "busy" ? `The shop service is busy right now. Try again in ${Math.ceil(opts.retryAfter)} s.` : MESSAGES[code], {
      cause: opts.cause,
    });
    this.code = code;
    this.status = opts.status;
    this.detail = opts.detail;
    this.requestId = opts.requestId;
    this.retryAfter = opts.retryAfter;
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

export const isShopError = (e: unknown): e is ShopError => e instanceof ShopError;
