import {
  CognitoJwtInvalidClientIdError,
  CognitoJwtInvalidTokenUseError,
  FetchError,
  JwksValidationError,
  JwtBaseError,
  JwtExpiredError,
  JwtInvalidAudienceError,
  JwtInvalidIssuerError,
  JwtInvalidSignatureAlgorithmError,
  JwtInvalidSignatureError,
  JwtNotBeforeError,
  JwtParseError,
  JwtWithoutValidKidError,
  KidNotFoundInJwksError,
  ParameterValidationError,
  WaitPeriodNotYetEndedJwkError,
} from 'aws-jwt-verify/error';
import { InvalidTokenError, JwksUnavailableError } from './errors';

type ErrorClass = abstract new (...args: never[]) => Error;

// First match wins: subclasses before their parents.
const INVALID_TOKEN_REASONS: ReadonlyArray<readonly [ErrorClass, string]> = [
  [JwtExpiredError, 'token expired'],
  [JwtNotBeforeError, 'token not yet valid'],
  [JwtInvalidSignatureError, 'invalid signature'],
  [JwtInvalidSignatureAlgorithmError, 'unsupported signature algorithm'],
  [JwtInvalidIssuerError, 'wrong issuer'],
  // A multi-issuer verifier (Cognito's: regional + global issuer) rejects unknown issuers this way.
  [ParameterValidationError, 'wrong issuer'],
  [JwtInvalidAudienceError, 'wrong audience'],
  [CognitoJwtInvalidTokenUseError, 'not an access token'],
  [CognitoJwtInvalidClientIdError, 'wrong client'],
  [JwtWithoutValidKidError, 'unknown signing key'],
  [KidNotFoundInJwksError, 'unknown signing key'],
  [WaitPeriodNotYetEndedJwkError, 'unknown signing key'],
  [JwtParseError, 'malformed token'],
];

/**
 * Translates an aws-jwt-verify error into this library's errors: JWKS fetch failures become
 * {@link JwksUnavailableError}, every other verification failure an {@link InvalidTokenError}
 * with a short reason. The original error is kept as `cause`. Anything else (this library's own
 * errors, a bug) is returned as is.
 *
 * @example
 * try { await cognitoVerifier.verify(token); } catch (err) { throw toJwtError(err); }
 */
export function toJwtError(err: unknown): unknown {
  if (err instanceof FetchError || err instanceof JwksValidationError) {
    return new JwksUnavailableError('could not fetch the JWKS', { cause: err });
  }
  if (err instanceof JwtBaseError) {
    const reason = INVALID_TOKEN_REASONS.find(([type]) => err instanceof type)?.[1] ?? 'invalid token';
    return new InvalidTokenError(reason, { cause: err });
  }
  return err;
}
