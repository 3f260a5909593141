import { CognitoJwtVerifier } from 'aws-jwt-verify/cognito-verifier';
import { JwksNotAvailableInCacheError, KidNotFoundInJwksError, ParameterValidationError } from 'aws-jwt-verify/error';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { Jwks } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { JwtVerifier } from 'aws-jwt-verify/jwt-verifier';
import { accessTokenCheck, verifiedAccessToken } from './access-token-claims';
import type { VerifiedAccessToken } from './access-token-claims';
import { bearerToken } from './bearer-token';
import type { AccessTokenVerifierConfig } from './config';
import { VerifierConfigError } from './errors';
import { HttpJwksFetcher } from './http-jwks-fetcher';
import { toJwtError } from './verification-error';

/** Verifies Cognito access tokens. Build one per container: it caches the signing keys (JWKS). */
export interface AccessTokenVerifier {
  /**
   * Verifies an access token (no `Bearer ` prefix).
   * @throws InvalidTokenError, JwksUnavailableError
   */
  verify(token: string): Promise<VerifiedAccessToken>;
  /**
   * Verifies the `Bearer` token of a request's headers.
   * @throws MissingTokenError, MalformedAuthorizationError, InvalidTokenError, JwksUnavailableError
   */
  verifyAuthorization(headers: Record<string, string | undefined> | undefined): Promise<VerifiedAccessToken>;
  /**
   * Fetches the JWKS now rather than on the first request, e.g. during a Lambda init.
   * @throws JwksUnavailableError
   */
  hydrate(): Promise<void>;
}

export interface AccessTokenVerifierOptions {
  /** A JWKS to start with, e.g. bundled with the code or for tests without network. */
  jwks?: Jwks;
  /** Timeout of the JWKS fetch in `issuer` mode. */
  jwksFetchTimeoutMs?: number;
}

/** The part of aws-jwt-verify's verifiers we use; both kinds fit it. */
interface PayloadVerifier {
  verify(token: string): Promise<JwtPayload>;
  verifySync(token: string): JwtPayload;
  hydrate(): Promise<void>;
  cacheJwks(jwks: Jwks): void;
}

/** The schemes a JWKS may be fetched over: `http:` for cognito-local on a laptop, `https:` everywhere else. */
const JWKS_URI_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:']);

function assertConfig(config: AccessTokenVerifierConfig): void {
  if (!config.clientId) {
    throw new VerifierConfigError('access token verifier: clientId is empty');
  }
  if (config.kind === 'issuer') {
    if (!config.issuer) {
      throw new VerifierConfigError('access token verifier: issuer is empty');
    }
    if (!URL.canParse(config.jwksUri) || !JWKS_URI_PROTOCOLS.has(new URL(config.jwksUri).protocol)) {
      throw new VerifierConfigError(`access token verifier: jwksUri is not an http(s) URL: ${config.jwksUri}`);
    }
  }
}

function payloadVerifier(config: AccessTokenVerifierConfig, options: AccessTokenVerifierOptions): PayloadVerifier {
  const customJwtCheck = accessTokenCheck(config.clientId);
  if (config.kind === 'cognito') {
    return CognitoJwtVerifier.create({
      userPoolId: config.userPoolId,
      clientId: config.clientId,
      tokenUse: 'access',
      customJwtCheck,
    });
  }
  return JwtVerifier.create(
    { issuer: config.issuer, jwksUri: config.jwksUri, audience: null, customJwtCheck },
    {
      jwksCache: new SimpleJwksCache({ fetcher: new HttpJwksFetcher({ timeoutMs: options.jwksFetchTimeoutMs }) }),
    },
  );
}

/**
 * A verifier of Cognito access tokens. `cognito` mode checks a real user pool; `issuer` mode runs
 * the same checks against any issuer (cognito-local, tests): RS256 signature, issuer, expiry,
 * `token_use` `access`, `client_id`, `sub` and `username` present.
 *
 * @throws VerifierConfigError when the configuration is invalid (e.g. a malformed user pool ID)
 *
 * @example
 * const verifier = createAccessTokenVerifier(accessTokenVerifierConfigFromEnv()); // module scope
 * const { sub, username } = await verifier.verifyAuthorization(event.headers);
 */
export function createAccessTokenVerifier(
  config: AccessTokenVerifierConfig,
  options: AccessTokenVerifierOptions = {},
): AccessTokenVerifier {
  assertConfig(config);
  let verifier: PayloadVerifier;
  try {
    verifier = payloadVerifier(config, options);
    if (options.jwks) {
      verifier.cacheJwks(options.jwks);
    }
  } catch (err) {
    if (err instanceof ParameterValidationError) {
      throw new VerifierConfigError(`access token verifier: ${err.message}`, { cause: err });
    }
    throw err;
  }

  const verify = async (token: string): Promise<VerifiedAccessToken> => {
    try {
      // Once the keys are cached, the synchronous path does the same checks without the promise
      // chain; only a missing JWKS or an unknown kid (key rotation) needs the fetching path.
      // Stryker disable BlockStatement: equivalent, only slower (the bench measures it). Emptying the try skips this path,
      // emptying the catch swallows its error; either way verifier.verify() follows, which (aws-jwt-verify 5) takes the same
      // cached key, fetching only where this path throws one of the two errors let through, and makes the same checks in the
      // same order, so it returns the same payload or throws the same error.
      try {
        return verifiedAccessToken(verifier.verifySync(token));
      } catch (err) {
        if (!(err instanceof JwksNotAvailableInCacheError || err instanceof KidNotFoundInJwksError)) throw err;
      }
      // Stryker restore BlockStatement
      return verifiedAccessToken(await verifier.verify(token));
    } catch (err) {
      throw toJwtError(err);
    }
  };
  return {
    verify,
    verifyAuthorization: async (headers) => verify(bearerToken(headers)),
    hydrate: async () => {
      try {
        await verifier.hydrate();
      } catch (err) {
        throw toJwtError(err);
      }
    },
  };
}
