import { forgeToken, startJwksServer, type JwksServer } from '@cruddur/testing/fixtures';
import { createAccessTokenVerifier } from '../../src/access-token-verifier';
import type { AccessTokenVerifier } from '../../src/access-token-verifier';
import { authorize, createAccessTokenVerifierFromEnv } from '../../src/authorize';
import {
  InvalidTokenError,
  JwksUnavailableError,
  MalformedAuthorizationError,
  MissingTokenError,
  VerifierConfigError,
} from '../../src/errors';

describe('authorize', () => {
  let server: JwksServer;
  let verifier: AccessTokenVerifier;

  beforeAll(async () => {
    server = await startJwksServer();
    verifier = createAccessTokenVerifier({
      kind: 'issuer',
      issuer: server.issuer,
      jwksUri: server.jwksUri,
      clientId: server.clientId,
    });
  });
  afterAll(() => server.close());

  it('allows a valid token', async () => {
    const decision = await authorize(verifier, { authorization: `Bearer ${server.signAccessToken({ sub: 'u-9' })}` });

    expect(decision).toEqual({ allowed: true, token: expect.objectContaining({ sub: 'u-9', username: 'alice' }) });
  });

  it.each([
    ['no header', () => ({}), MissingTokenError],
    ['another scheme', () => ({ authorization: 'Basic xyz' }), MalformedAuthorizationError],
    ['an invalid token', () => ({ authorization: `Bearer ${forgeToken(server, 'expired')}` }), InvalidTokenError],
  ])('denies %s as the client’s fault', async (_, headers, ErrorClass) => {
    const decision = await authorize(verifier, headers());

    expect(decision).toMatchObject({ allowed: false, fault: 'client', error: expect.any(ErrorClass) });
  });

  it('gives a short reason that never contains the token', async () => {
    const token = forgeToken(server, 'wrong-client');

    const decision = await authorize(verifier, { authorization: `Bearer ${token}` });

    expect(decision).toMatchObject({ allowed: false, reason: 'wrong client' });
  });

  it('denies as the server’s fault when the JWKS is unavailable', async () => {
    const down = await startJwksServer();
    const downVerifier = createAccessTokenVerifier({
      kind: 'issuer',
      issuer: down.issuer,
      jwksUri: down.jwksUri,
      clientId: down.clientId,
    });
    const token = down.signAccessToken();
    await down.close();

    const decision = await authorize(downVerifier, { authorization: `Bearer ${token}` });

    expect(decision).toMatchObject({ allowed: false, fault: 'server', error: expect.any(JwksUnavailableError) });
  });

  it('denies as the server’s fault when the verifier could not be configured', async () => {
    const configError = new VerifierConfigError('access token verifier: missing COGNITO_CLIENT_ID');

    const decision = await authorize(configError, { authorization: `Bearer ${server.signAccessToken()}` });

    expect(decision).toEqual({
      allowed: false,
      fault: 'server',
      reason: 'access token verifier: missing COGNITO_CLIENT_ID',
      error: configError,
    });
  });
});

describe('createAccessTokenVerifierFromEnv', () => {
  it('builds a working verifier from the environment', async () => {
    const server = await startJwksServer();
    try {
      const verifier = createAccessTokenVerifierFromEnv({
        JWT_ISSUER: server.issuer,
        JWT_JWKS_URI: server.jwksUri,
        COGNITO_CLIENT_ID: server.clientId,
      });

      expect(verifier).not.toBeInstanceOf(Error);
      await expect((verifier as AccessTokenVerifier).verify(server.signAccessToken())).resolves.toMatchObject({
        username: 'alice',
      });
    } finally {
      await server.close();
    }
  });
});
