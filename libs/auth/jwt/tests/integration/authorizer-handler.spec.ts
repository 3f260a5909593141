import { Logger } from '@aws-lambda-powertools/logger';
import { authorizerEvent, lambdaContext } from '@cruddur/shared/lambda-events';
import { forgeToken, startJwksServer, type ForgedTokenKind, type JwksServer } from '@cruddur/testing/fixtures';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { createAccessTokenVerifier, createAuthorizerHandler } from '../../src';
import type { AccessTokenVerifier, AuthorizerResult } from '../../src';
import { capturedLogger, withBearer } from '../helpers/authorizer';

type Handler = (event: APIGatewayRequestAuthorizerEventV2, context: ReturnType<typeof lambdaContext>) => Promise<AuthorizerResult>;

function issuerVerifier(server: JwksServer): AccessTokenVerifier {
  return createAccessTokenVerifier({
    kind: 'issuer',
    issuer: server.issuer,
    jwksUri: server.jwksUri,
    clientId: server.clientId,
  });
}

describe('authorizer handler', () => {
  let server: JwksServer;
  let logs: ReturnType<typeof capturedLogger>;
  let handler: Handler;

  beforeAll(async () => {
    server = await startJwksServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    logs = capturedLogger();
    handler = createAuthorizerHandler({ verifier: issuerVerifier(server), logger: logs.logger });
  });

  it('allows a valid access token, with sub and username in the context', async () => {
    const token = server.signAccessToken({ sub: 'user-1', username: 'alice' });

    await expect(handler(withBearer(token), lambdaContext())).resolves.toEqual({
      isAuthorized: true,
      context: { sub: 'user-1', username: 'alice' },
    });
    expect(logs.warn).not.toHaveBeenCalled();
    expect(logs.error).not.toHaveBeenCalled();
  });

  it('logs an allowed request at debug level only when debug is on', async () => {
    const token = server.signAccessToken({ sub: 'user-1' });
    await handler(withBearer(token), lambdaContext());
    expect(logs.debug).toHaveBeenCalledWith('request authorized', expect.objectContaining({ sub: 'user-1' }));

    const quiet = new Logger({ serviceName: 'authorizer-test', logLevel: 'INFO' });
    const quietDebug = jest.spyOn(quiet, 'debug');
    const quietHandler = createAuthorizerHandler({ verifier: issuerVerifier(server), logger: quiet });
    await expect(quietHandler(withBearer(token), lambdaContext())).resolves.toMatchObject({ isAuthorized: true });
    expect(quietDebug).not.toHaveBeenCalled();
  });

  it.each(['Authorization', 'AUTHORIZATION', 'authorization'])('reads the header named %s', async (name) => {
    const event = { ...authorizerEvent(), headers: { [name]: `Bearer ${server.signAccessToken({ sub: 'user-2' })}` } };

    await expect(handler(event, lambdaContext())).resolves.toMatchObject({ isAuthorized: true, context: { sub: 'user-2' } });
  });

  const forged: ReadonlyArray<readonly [string, ForgedTokenKind, string]> = [
    ['alg none', 'alg-none', 'malformed token'],
    ['HS256 signed with the public key', 'hs256-with-public-key', 'unsupported signature algorithm'],
    ['an unknown kid', 'unknown-kid', 'unknown signing key'],
    ['a tampered payload', 'tampered-payload', 'invalid signature'],
    ['an expired token', 'expired', 'token expired'],
    ['a wrong issuer', 'wrong-issuer', 'wrong issuer'],
    ['a wrong client', 'wrong-client', 'wrong client'],
    ['an ID token', 'id-token', 'not an access token'],
    ['another key under the same kid', 'other-key-same-kid', 'invalid signature'],
    ['an iat an hour ahead', 'iat-in-future', 'token issued in the future'],
    ['an exp of 1e20', 'absurd-exp', 'token lifetime too long'],
    ['an aud claim on an access token', 'aud-on-access-token', 'unexpected aud claim'],
    ['a crit header parameter', 'crit-header', 'unsupported crit header'],
    ['a string exp', 'non-numeric-exp', 'malformed token'],
    ['a string iat', 'non-numeric-iat', 'malformed token'],
  ];

  it.each(forged)('denies %s and warns with the reason, never the token', async (_, kind, reason) => {
    const token = forgeToken(server, kind);

    await expect(handler(withBearer(token), lambdaContext())).resolves.toEqual({ isAuthorized: false });
    expect(logs.warn).toHaveBeenCalledWith('request denied', expect.objectContaining({ reason }));
    expect(logs.error).not.toHaveBeenCalled();
    expect(JSON.stringify(logs.warn.mock.calls)).not.toContain(token.split('.')[2] || token.split('.')[1]);
  });

  const badHeaders: ReadonlyArray<readonly [string, Record<string, string>, string]> = [
    ['a missing header', {}, 'missing Authorization header'],
    ['Basic credentials', { authorization: 'Basic xyz' }, 'Authorization header is not "Bearer <token>"'],
    ['the scheme alone', { authorization: 'Bearer' }, 'Authorization header is not "Bearer <token>"'],
    ['two tokens', { authorization: 'Bearer a b' }, 'Authorization header is not "Bearer <token>"'],
    ['a non-JWT token', { authorization: 'Bearer not-a-jwt' }, 'malformed token'],
  ];

  it.each(badHeaders)('denies %s and warns with the reason', async (_, headers, reason) => {
    await expect(handler(authorizerEvent({ headers }), lambdaContext())).resolves.toEqual({ isAuthorized: false });
    expect(logs.warn).toHaveBeenCalledWith('request denied', expect.objectContaining({ reason }));
    expect(JSON.stringify(logs.warn.mock.calls)).not.toContain('xyz');
  });

  it('answers even at the very end of the time the function has left (no early-timeout timer)', async () => {
    const context = lambdaContext({ getRemainingTimeInMillis: () => 1 });

    await expect(handler(withBearer(server.signAccessToken()), context)).resolves.toMatchObject({ isAuthorized: true });
  });

  it('denies an event without headers at all', async () => {
    const event = { ...authorizerEvent(), headers: undefined };

    await expect(handler(event, lambdaContext())).resolves.toEqual({ isAuthorized: false });
  });
});

describe('authorizer handler, JWKS', () => {
  it('fetches the JWKS once across many invocations of one container', async () => {
    const server = await startJwksServer();
    try {
      const handler = createAuthorizerHandler({ verifier: issuerVerifier(server), logger: capturedLogger().logger });

      for (let i = 0; i < 20; i += 1) {
        await expect(handler(withBearer(server.signAccessToken()), lambdaContext())).resolves.toMatchObject({
          isAuthorized: true,
        });
      }

      expect(server.requests).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('denies and logs an error when the JWKS server is down', async () => {
    const server = await startJwksServer();
    const logs = capturedLogger();
    const handler = createAuthorizerHandler({ verifier: issuerVerifier(server), logger: logs.logger });
    const token = server.signAccessToken();
    await server.close();

    await expect(handler(withBearer(token), lambdaContext())).resolves.toEqual({ isAuthorized: false });
    expect(logs.error).toHaveBeenCalledWith(
      'request denied',
      expect.objectContaining({ reason: 'could not fetch the JWKS', error: expect.objectContaining({ name: 'JwksUnavailableError' }) }),
    );
    expect(logs.warn).not.toHaveBeenCalled();
  });

  it('denies and logs an error when the JWKS server answers 500', async () => {
    const server = await startJwksServer();
    try {
      server.failWith(500);
      const logs = capturedLogger();
      const handler = createAuthorizerHandler({ verifier: issuerVerifier(server), logger: logs.logger });

      await expect(handler(withBearer(server.signAccessToken()), lambdaContext())).resolves.toEqual({ isAuthorized: false });
      expect(logs.error).toHaveBeenCalledWith('request denied', expect.objectContaining({ reason: 'could not fetch the JWKS' }));
    } finally {
      await server.close();
    }
  });
});
