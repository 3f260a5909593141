import type { AuthorizerDenialReason } from '@cruddur/shared/metrics';
import { JwtExpiredError, JwtParseError } from 'aws-jwt-verify/error';
import type { AuthorizationDecision } from './authorize';
import { InvalidTokenError, MalformedAuthorizationError, MissingTokenError } from './errors';

/**
 * The `reason` a denial is counted under on the `AuthorizerDenials` metric: a short code from the
 * shared list, whatever the logged message says.
 *
 * @example
 * if (!decision.allowed) metrics.recordReason('authorizerDenials', denialReason(decision));
 */
export function denialReason(decision: Extract<AuthorizationDecision, { allowed: false }>): AuthorizerDenialReason {
  const { error } = decision;
  if (decision.fault === 'server') return 'server-error';
  if (error instanceof MissingTokenError) return 'missing-token';
  if (error instanceof MalformedAuthorizationError) return 'malformed-token';
  if (error instanceof InvalidTokenError && error.cause instanceof JwtExpiredError) return 'expired-token';
  if (error instanceof InvalidTokenError && error.cause instanceof JwtParseError) return 'malformed-token';
  return 'invalid-token';
}
