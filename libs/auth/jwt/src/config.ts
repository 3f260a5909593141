import { FUNCTION_ENV } from '@cruddur/shared/contract';
import { VerifierConfigError } from './errors';

/**
 * Where access tokens come from. `cognito` is a real user pool (issuer and JWKS derived from the
 * pool ID); `issuer` is any Cognito-compatible issuer, e.g. cognito-local on a laptop.
 */
export type AccessTokenVerifierConfig =
  | { kind: 'cognito'; userPoolId: string; clientId: string }
  | { kind: 'issuer'; issuer: string; jwksUri: string; clientId: string };

/** The environment variables the authorizer reads (the contract's names, which infra sets). */
const AUTHORIZER_ENV = FUNCTION_ENV.authorizer;

function read(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/**
 * The verifier configuration from environment variables:
 * `COGNITO_USER_POOL_ID` + `COGNITO_CLIENT_ID` select a Cognito user pool;
 * otherwise `JWT_ISSUER` + `JWT_JWKS_URI` + `COGNITO_CLIENT_ID` select an issuer.
 *
 * @throws VerifierConfigError naming the missing variables
 *
 * @example
 * const config = accessTokenVerifierConfigFromEnv();
 * // { kind: 'cognito', userPoolId: 'us-east-1_AbC', clientId: '5abc...' }
 */
export function accessTokenVerifierConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AccessTokenVerifierConfig {
  const clientId = read(env, AUTHORIZER_ENV.cognitoClientId);
  const userPoolId = read(env, AUTHORIZER_ENV.cognitoUserPoolId);
  const issuer = read(env, AUTHORIZER_ENV.jwtIssuer);
  const jwksUri = read(env, AUTHORIZER_ENV.jwtJwksUri);

  if (userPoolId && clientId) {
    return { kind: 'cognito', userPoolId, clientId };
  }
  if (issuer && jwksUri && clientId) {
    return { kind: 'issuer', issuer, jwksUri, clientId };
  }

  const missing = (names: string[]) => names.filter((name) => !read(env, name));
  const cognitoVars = [AUTHORIZER_ENV.cognitoUserPoolId, AUTHORIZER_ENV.cognitoClientId];
  const issuerVars = [AUTHORIZER_ENV.jwtIssuer, AUTHORIZER_ENV.jwtJwksUri, AUTHORIZER_ENV.cognitoClientId];
  // Name the variables of the mode the deployment was evidently going for, else both options.
  // With the pool ID set, only the client ID can be what is missing.
  const problem = userPoolId
    ? `missing ${AUTHORIZER_ENV.cognitoClientId}`
    : issuer || jwksUri
      ? `missing ${missing(issuerVars).join(', ')}`
      : `set ${cognitoVars.join(' + ')}, or ${issuerVars.join(' + ')}`;
  throw new VerifierConfigError(`access token verifier: ${problem}`);
}
