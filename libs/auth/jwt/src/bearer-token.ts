import { MalformedAuthorizationError, MissingTokenError } from './errors';

// RFC 6750 b64token: a JWT (base64url parts joined by dots) always matches it.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
const AUTHORIZATION = 'authorization';

/**
 * The token of a `Bearer` `Authorization` header. Header names match in any case (payload 2.0
 * lower-cases them, payload 1.0 and tests may not); the scheme matches in any case too.
 *
 * @throws MissingTokenError when there is no `Authorization` header or it is blank
 * @throws MalformedAuthorizationError when the header is not exactly `Bearer <token>`
 *
 * @example
 * bearerToken({ authorization: 'Bearer eyJ...' }); // 'eyJ...'
 * bearerToken({ Authorization: 'Basic dXNlcg==' }); // throws MalformedAuthorizationError
 */
export function bearerToken(headers: Record<string, string | undefined> | undefined): string {
  let value: string | undefined;
  // A loop rather than entries/flatMap: this runs on every request, before the signature check.
  for (const name of Object.keys(headers ?? {})) {
    if (name.length !== AUTHORIZATION.length || name.toLowerCase() !== AUTHORIZATION) continue;
    const candidate = headers?.[name]?.trim();
    if (!candidate) continue;
    if (value !== undefined) {
      throw new MalformedAuthorizationError('more than one Authorization header');
    }
    value = candidate;
  }
  if (value === undefined) {
    throw new MissingTokenError();
  }
  const token = BEARER.exec(value)?.[1];
  if (token === undefined) {
    throw new MalformedAuthorizationError();
  }
  return token;
}
