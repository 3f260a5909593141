import { MalformedAuthorizationError, MissingTokenError } from './errors';

const BEARER_SCHEME = /^Bearer +/i;
const AUTHORIZATION = 'authorization';

/**
 * The token of a `Bearer` `Authorization` header. Header names match in any case (payload 2.0
 * lower-cases them, payload 1.0 and tests may not); the scheme matches in any case too.
 * The token's characters are not checked here: the verifier's JWT parser checks them (stricter
 * than RFC 6750's b64token), and a second scan of the whole token cost 0.6 µs a request.
 *
 * @throws MissingTokenError when there is no `Authorization` header or it is blank
 * @throws MalformedAuthorizationError when the header is not `Bearer <token>` with one token (no
 *   space or tab in it); its characters are for the caller's JWT parser to check
 *
 * @example
 * bearerToken({ authorization: 'Bearer eyJ...' }); // 'eyJ...'
 * bearerToken({ Authorization: 'Basic dXNlcg==' }); // throws MalformedAuthorizationError
 */
export function bearerToken(headers: Record<string, string | undefined> | undefined): string {
  let value: string | undefined;
  const given = headers ?? {};
  // A loop rather than entries/flatMap: this runs on every request, before the signature check.
  for (const name of Object.keys(given)) {
    if (name.toLowerCase() !== AUTHORIZATION) continue;
    const candidate = given[name]?.trim();
    if (!candidate) continue;
    if (value !== undefined) {
      throw new MalformedAuthorizationError('more than one Authorization header');
    }
    value = candidate;
  }
  if (value === undefined) {
    throw new MissingTokenError();
  }
  const scheme = BEARER_SCHEME.exec(value);
  if (scheme === null) {
    throw new MalformedAuthorizationError();
  }
  // From the match's end, so the ^ anchor alone is what keeps `xBearer <token>` out.
  const token = value.slice(scheme.index + scheme[0].length);
  // Never empty: the value is trimmed and the scheme needs a space after it. Two tokens, or a
  // comma-joined repeat of the header, are never a single credential.
  if (token.includes(' ') || token.includes('\t')) {
    throw new MalformedAuthorizationError();
  }
  return token;
}
