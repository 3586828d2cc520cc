// The one error type the handler turns into an ApiErrorBody response. Messages are
// written for the client developer; they never contain a stack or the request body.
import type { ApiErrorBody, ApiErrorCode } from "./contract";

/** The HTTP status of every contract error code. */
export const ERROR_STATUS: Record<ApiErrorCode, number> = {
  invalid_json: 400,
  invalid_request: 400,
  not_found: 404,
  method_not_allowed: 405,
  embedder_mismatch: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  not_ready: 503,
  request_timeout: 408,
  rate_limited: 429,
  headers_too_large: 431,
  overloaded: 503,
  internal: 500,
};

export class ApiError extends Error {
  override name = "ApiError";
  readonly status: number;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
    /** Seconds, for the Retry-After header of 429 and 503 answers. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }

  body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.field === undefined ? {} : { field: this.field }) } };
  }
}
