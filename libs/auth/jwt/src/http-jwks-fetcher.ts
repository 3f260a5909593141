import type { Fetcher } from 'aws-jwt-verify/https';
import { FetchError, NonRetryableFetchError } from 'aws-jwt-verify/error';

/** How long a JWKS fetch may take before it counts as failed; the authorizer must answer fast. */
const DEFAULT_JWKS_FETCH_TIMEOUT_MS = 3000;

/**
 * A JWKS fetcher on the global `fetch`, so `http://` URIs work: aws-jwt-verify's own fetcher
 * speaks https only, while cognito-local serves its JWKS over plain http on the laptop.
 * Failures are aws-jwt-verify `FetchError`s, so they are handled like the default fetcher's.
 *
 * @example
 * const jwksCache = new SimpleJwksCache({ fetcher: new HttpJwksFetcher({ timeoutMs: 2000 }) });
 */
export class HttpJwksFetcher implements Fetcher {
  readonly timeoutMs: number;

  constructor(options: { timeoutMs?: number } = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_JWKS_FETCH_TIMEOUT_MS;
  }

  async fetch(uri: string): Promise<ArrayBuffer> {
    let response: Response;
    try {
      response = await fetch(uri, {
        headers: { accept: 'application/json' },
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new FetchError(uri, describe(err));
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new NonRetryableFetchError(uri, `Status code is ${response.status}, expected 200`);
    }
    try {
      return await response.arrayBuffer();
    } catch (err) {
      throw new FetchError(uri, describe(err));
    }
  }
}

/**
 * What went wrong, for the FetchError an operator reads: fetch's own message, then the socket error
 * undici hides in `cause` (`fetch failed: connect ECONNREFUSED 127.0.0.1:8443`). Duck-typed through
 * `Object()`, which never throws: fetch's errors may come from another realm, where `instanceof Error`
 * fails, and a rejection that is not an Error at all is still described.
 */
function describe(err: unknown): string {
  const { message = err, cause } = Object(err) as { message?: unknown; cause?: unknown };
  const { message: reason } = Object(cause) as { message?: unknown };
  // No reason, or an empty one (an AggregateError of several addresses): fetch's message alone.
  return reason ? `${String(message)}: ${String(reason)}` : String(message);
}
