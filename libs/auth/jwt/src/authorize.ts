import type { VerifiedAccessToken } from './access-token-claims';
import { createAccessTokenVerifier } from './access-token-verifier';
import type { AccessTokenVerifier } from './access-token-verifier';
import { accessTokenVerifierConfigFromEnv } from './config';
import { JwksUnavailableError, JwtError, VerifierConfigError } from './errors';

/**
 * Whether a request may pass. A denial says whose fault it is: `client` (no, malformed or invalid
 * token: a warning) or `server` (JWKS unreachable, broken configuration, a bug: an error to alert on).
 */
export type AuthorizationDecision =
  | { allowed: true; token: VerifiedAccessToken }
  | { allowed: false; fault: 'client' | 'server'; reason: string; error: unknown };

/**
 * A verifier built from `process.env`-style variables, or the configuration error if it cannot be
 * built. Never throws, so a Lambda's init survives a broken configuration and each request can be
 * denied with the reason logged.
 *
 * @example
 * const verifier = createAccessTokenVerifierFromEnv(process.env); // module scope
 */
export function createAccessTokenVerifierFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): AccessTokenVerifier | VerifierConfigError {
  try {
    return createAccessTokenVerifier(accessTokenVerifierConfigFromEnv(env));
  } catch (err) {
    return err instanceof VerifierConfigError
      ? err
      : new VerifierConfigError('access token verifier: could not be created', { cause: err });
  }
}

/**
 * Decides whether the request bearing these headers may pass. Never rejects: every failure is a
 * denial with a short reason that is safe to log (never the token or the header).
 *
 * @example
 * const decision = await authorize(verifier, event.headers);
 * if (decision.allowed) return { isAuthorized: true, context: { sub: decision.token.sub } };
 */
export async function authorize(
  verifier: AccessTokenVerifier | VerifierConfigError,
  headers: Record<string, string | undefined> | undefined,
): Promise<AuthorizationDecision> {
  if (verifier instanceof VerifierConfigError) {
    return { allowed: false, fault: 'server', reason: verifier.message, error: verifier };
  }
  try {
    return { allowed: true, token: await verifier.verifyAuthorization(headers) };
  } catch (err) {
    if (err instanceof JwksUnavailableError) {
      return { allowed: false, fault: 'server', reason: err.message, error: err };
    }
    if (err instanceof JwtError) {
      return { allowed: false, fault: 'client', reason: err.message, error: err };
    }
    return { allowed: false, fault: 'server', reason: 'unexpected verification error', error: err };
  }
}
