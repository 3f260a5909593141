import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import type { JwtHeader, JwtPayload } from 'aws-jwt-verify/jwt-model';
import { InvalidTokenError } from './errors';

/** What a verified Cognito access token tells us about the caller. */
export interface VerifiedAccessToken {
  sub: string;
  username: string;
  clientId: string;
  scope: string | undefined;
  expiresAt: Date;
}

/** Cognito signs with RS256 only; anything else in the header is a forgery attempt. */
const ACCESS_TOKEN_ALGORITHM = 'RS256';

/** How far a token's `iat` may lie ahead of our clock: the clocks of Cognito and Lambda differ by less. */
const MAX_CLOCK_SKEW_SECONDS = 60;

/** The longest access token Cognito issues: its access token validity is at most one day. */
const MAX_ACCESS_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** `username` as Cognito and cognito-local put it in access tokens; `cognito:username` as a fallback. */
function usernameOf(payload: JwtPayload): unknown {
  return payload['username'] ?? payload['cognito:username'];
}

/**
 * Checks run after aws-jwt-verify's own (signature, issuer, expiry, token use, client): the
 * algorithm is RS256, no `crit` extension is asked for, the claims the app relies on are present,
 * an access token carries no `aud`, and `iat`/`exp` are sane for `nowMs` (see
 * {@link MAX_CLOCK_SKEW_SECONDS} and {@link MAX_ACCESS_TOKEN_LIFETIME_SECONDS}).
 *
 * @throws InvalidTokenError naming the first failed check
 *
 * @example
 * CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse: 'access', customJwtCheck: assertAccessTokenClaims });
 */
export function assertAccessTokenClaims({ header, payload }: { header: JwtHeader; payload: JwtPayload }, nowMs: number = Date.now()): void {
  if (header.alg !== ACCESS_TOKEN_ALGORITHM) {
    throw new InvalidTokenError('unsupported signature algorithm');
  }
  // RFC 7515 4.1.11: a recipient must reject a token whose `crit` names extensions it does not understand; we understand none.
  if (header['crit'] !== undefined) {
    throw new InvalidTokenError('unsupported crit header');
  }
  if (!nonEmptyString(payload.sub)) {
    throw new InvalidTokenError('missing sub claim');
  }
  if (!nonEmptyString(usernameOf(payload))) {
    throw new InvalidTokenError('missing username claim');
  }
  if (!nonEmptyString(payload['client_id'])) {
    throw new InvalidTokenError('missing client_id claim');
  }
  if (typeof payload.exp !== 'number') {
    throw new InvalidTokenError('missing exp claim');
  }
  if (typeof payload.iat !== 'number') {
    throw new InvalidTokenError('missing iat claim');
  }
  // Cognito access tokens name their client in client_id; an aud belongs to another kind of token.
  if (payload.aud !== undefined) {
    throw new InvalidTokenError('unexpected aud claim');
  }
  if (payload.iat > nowMs / 1000 + MAX_CLOCK_SKEW_SECONDS) {
    throw new InvalidTokenError('token issued in the future');
  }
  if (payload.exp - payload.iat > MAX_ACCESS_TOKEN_LIFETIME_SECONDS) {
    throw new InvalidTokenError('token lifetime too long');
  }
}

/**
 * The `customJwtCheck` both verifier kinds run, after signature, issuer and expiry: Cognito's own
 * access token checks (`token_use`, `client_id`; an access token has no `aud`), then
 * {@link assertAccessTokenClaims}. Same order in both kinds, so the same token fails the same way.
 *
 * @example
 * JwtVerifier.create({ issuer, jwksUri, audience: null, customJwtCheck: accessTokenCheck(clientId) });
 */
export function accessTokenCheck(clientId: string, now: () => number = Date.now): (jwt: { header: JwtHeader; payload: JwtPayload }) => void {
  return (jwt) => {
    validateCognitoJwtFields(jwt.payload, { tokenUse: 'access', clientId });
    assertAccessTokenClaims(jwt, now());
  };
}

/**
 * The caller as a verified access token describes them. Call only on a payload that passed
 * {@link assertAccessTokenClaims}.
 *
 * @example
 * const caller = verifiedAccessToken(await cognitoVerifier.verify(token));
 */
export function verifiedAccessToken(payload: JwtPayload): VerifiedAccessToken {
  return {
    sub: payload.sub as string,
    username: usernameOf(payload) as string,
    clientId: payload['client_id'] as string,
    scope: typeof payload.scope === 'string' ? payload.scope : undefined,
    expiresAt: new Date((payload.exp as number) * 1000),
  };
}
