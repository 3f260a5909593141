export type { VerifiedAccessToken } from './access-token-claims';
export { createAccessTokenVerifier } from './access-token-verifier';
export type { AccessTokenVerifier, AccessTokenVerifierOptions } from './access-token-verifier';
export { authorize, createAccessTokenVerifierFromEnv } from './authorize';
export { denialReason } from './denial-reason';
export type { AuthorizationDecision } from './authorize';
export { bearerToken } from './bearer-token';
export { accessTokenVerifierConfigFromEnv } from './config';
export type { AccessTokenVerifierConfig } from './config';
export {
  InvalidTokenError,
  JwksUnavailableError,
  JwtError,
  MalformedAuthorizationError,
  MissingTokenError,
  VerifierConfigError,
} from './errors';
export { AUTHORIZER_ENV } from './config';
export { authorizerDepsFromEnv, createAuthorizerHandler } from './authorizer-handler';
export type { AuthorizerContext, AuthorizerHandlerDeps, AuthorizerResult } from './authorizer-handler';
