/**
 * Every kind of refusal the API answers with, and its HTTP status. The answer's body is always
 * `{ "message": "…" }`: a short sentence for people, never a stack trace or internals.
 */
export const API_ERRORS = Object.freeze({
  'invalid-request': { status: 400 },
  unauthenticated: { status: 401, message: 'authentication required' },
  forbidden: { status: 403 },
  'not-found': { status: 404 },
  'body-too-large': { status: 413 },
  'upload-too-large': { status: 413 },
  'unsupported-body-type': { status: 415, message: 'body must be application/json' },
  'unsupported-content-type': { status: 415 },
  'handle-unavailable': { status: 503 },
  'removal-incomplete': { status: 503 },
  internal: { status: 500, message: 'internal error' },
} as const satisfies Record<string, { status: number; message?: string }>);

export type ApiErrorCode = keyof typeof API_ERRORS;

/** What a schema check attaches to an issue so that the answer gets that code's status, not 400. */
export interface ApiIssueParams {
  apiError: ApiErrorCode;
}

/**
 * The error code a schema issue stands for: the one a check attached, else `invalid-request`.
 *
 * @example
 * apiErrorCodeOf({ message: 'contentType must be one of …', params: { apiError: 'unsupported-content-type' } }); // 'unsupported-content-type'
 */
export function apiErrorCodeOf(issue: object | undefined): ApiErrorCode {
  const params = issue !== undefined && 'params' in issue ? issue.params : undefined;
  const code = (params as Partial<ApiIssueParams> | undefined)?.apiError;
  return typeof code === 'string' && Object.hasOwn(API_ERRORS, code) ? code : 'invalid-request';
}
