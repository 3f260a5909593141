import { MalformedAuthorizationError, MissingTokenError } from './errors';

// RFC 6750 b64token: a JWT (base64url parts joined by dots) always matches it.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

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
  const values = Object.entries(headers ?? {}).flatMap(([name, value]) =>
    name.toLowerCase() === 'authorization' && value?.trim() ? [value.trim()] : [],
  );
  if (values.length === 0) {
    throw new MissingTokenError();
  }
  if (values.length > 1) {
    throw new MalformedAuthorizationError('more than one Authorization header');
  }
  const token = BEARER.exec(values[0] ?? '')?.[1];
  if (token === undefined) {
    throw new MalformedAuthorizationError();
  }
  return token;
}
