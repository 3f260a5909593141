export { createAccessTokenVerifier, type AccessTokenVerifier } from './access-token-verifier';
export { createAccessTokenVerifierFromEnv } from './authorize';
export { authorizerDepsFromEnv, createAuthorizerHandler, type AuthorizerResult } from './authorizer-handler';
