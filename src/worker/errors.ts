/**
 * The HTTP API's error vocabulary: every `{"error": {"code", "message"}}` the Worker can send,
 * with its status. Handlers `throw new ApiError(code, message)`; `app.onError` turns it into the
 * JSON body. Anything else that reaches `onError` is a server fault: a 500 `internal_error`
 * whose message never includes the exception text or a stack trace.
 */

export const ERROR_STATUS = {
  missing_query: 400,
  query_too_long: 400,
  invalid_kind: 400,
  invalid_locale: 400,
  invalid_parameter: 400,
  invalid_json: 400,
  invalid_body: 400,
  batch_empty: 400,
  batch_too_large: 400,
  unauthorized: 401,
  admin_disabled: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

export class ApiError extends Error {
  readonly status: ErrorStatus;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers (e.g. `Allow` on a 405). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = ERROR_STATUS[code];
  }
}

export const JSON_TYPE = "application/json; charset=utf-8";

/** A JSON response with the contract's exact content type. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": JSON_TYPE, ...headers } });
}

export function errorResponse(err: ApiError): Response {
  return json({ error: { code: err.code, message: err.message } }, err.status, err.headers);
}
