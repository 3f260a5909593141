/**
 * How a client of the API waits and retries when the API is busy, and how often the page asks for an
 * upload's outcome: one schedule, read by the page and by whatever sizes the API's throttles or
 * counts its requests (a status poll is a request like any other).
 */

/** Retries of one API call answered 429 (throttled: not run) or, for a read, 503. */
export const API_RETRY = Object.freeze({
  /** Calls in all, the first included. */
  attempts: 5,
  /** The first retry waits up to this long (full jitter: a random share of it); each later one twice as long. */
  firstDelayMs: 500,
  factor: 2,
  maxDelayMs: 8_000,
  /** A `Retry-After` longer than this is not waited for: the page says so instead (a per-user limit, an outage). */
  maxRetryAfterMs: 30_000,
});

/**
 * The page's polls of `GET /avatars/uploads/{uploadId}` after an upload: the first after
 * `firstDelayMs`, each later wait `factor` times longer up to `maxDelayMs`, until `timeoutMs`.
 */
export const UPLOAD_STATUS_POLL = Object.freeze({
  firstDelayMs: 250,
  factor: 1.5,
  /** At most this long between polls, so the page learns the outcome within about a second of the decision. */
  maxDelayMs: 1_000,
  /** The page stops asking after this long; the server's own `expired` comes later, for uploads that never arrived. */
  timeoutMs: 120_000,
});

/**
 * Whether an answer means "busy, ask again": 429 for any method (API Gateway's throttle and a
 * per-user limit answer it before anything runs); 503 only for a read, since a write's 503 may
 * follow a change already made (a removal answers 503 when the avatar is gone but its images are not).
 *
 * @example
 * isRetryableAnswer('GET', 503); // true
 * isRetryableAnswer('DELETE', 503); // false
 */
export function isRetryableAnswer(method: string, status: number): boolean {
  if (status === 429) return true;
  return status === 503 && (method === 'GET' || method === 'HEAD');
}

/** An HTTP date in its preferred form (IMF-fixdate), `Sun, 06 Nov 1994 08:49:37 GMT`. */
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * A `Retry-After` header in milliseconds from `now`: delay-seconds or an HTTP date (IMF-fixdate);
 * `undefined` when absent or unreadable.
 *
 * @example
 * retryAfterMs('2', Date.now()); // 2000
 */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1_000;
  if (!IMF_FIXDATE.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long to wait before retry number `retry` (1 for the first): the server's `Retry-After` when it
 * sent one, else exponential backoff with full jitter (`random()` of the capped delay); `undefined`
 * when no retry is left or the server asks for longer than `maxRetryAfterMs`.
 *
 * @example
 * retryDelayMs(1, null, Date.now(), () => 0.5); // 250
 * retryDelayMs(1, '3', Date.now()); // 3000
 */
export function retryDelayMs(retry: number, retryAfter: string | null | undefined, now: number, random: () => number = Math.random): number | undefined {
  if (retry < 1 || retry >= API_RETRY.attempts) return undefined;
  const asked = retryAfterMs(retryAfter, now);
  if (asked !== undefined) return asked > API_RETRY.maxRetryAfterMs ? undefined : asked;
  const cap = Math.min(API_RETRY.maxDelayMs, API_RETRY.firstDelayMs * API_RETRY.factor ** (retry - 1));
  return Math.floor(random() * cap);
}
