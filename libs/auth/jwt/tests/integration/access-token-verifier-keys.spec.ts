// What a caller notices when the issuer rotates its signing key, or signs a claim of the wrong type.
import { accessTokenClaims, rsaSigningKey, startJwksServer, type JwksServer } from '@cruddur/testing/fixtures';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { verifiedAccessToken } from '../../src/access-token-claims';
import { createAccessTokenVerifier } from '../../src/access-token-verifier';
import { InvalidTokenError } from '../../src/errors';

describe('createAccessTokenVerifier across a key rotation', () => {
  let server: JwksServer;
  beforeAll(async () => {
    server = await startJwksServer();
  });
  afterAll(() => server.close());

  it('accepts a token signed with a key published after its JWKS was cached, fetching the JWKS again', async () => {
    // A generous fetch timeout: the test is about which keys are used, not how fast they come.
    const verifier = createAccessTokenVerifier({ kind: 'issuer', issuer: server.issuer, jwksUri: server.jwksUri, clientId: server.clientId }, { jwksFetchTimeoutMs: 30_000 });
    await verifier.verify(server.signAccessToken());
    const before = server.requests;

    const next = rsaSigningKey();
    server.jwks.keys.push(next.jwk);
    const token = server.sign({ alg: 'RS256', kid: next.kid }, accessTokenClaims(server, { sub: 'after-rotation' }), { alg: 'RS256', key: next.privateKey });

    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'after-rotation' });
    expect(server.requests).toBe(before + 1);
    // The old key still works, from the cache.
    await expect(verifier.verify(server.signAccessToken())).resolves.toMatchObject({ clientId: server.clientId });
    expect(server.requests).toBe(before + 1);
  });

  it('still refuses a key the issuer never published, after fetching again', async () => {
    const verifier = createAccessTokenVerifier({ kind: 'issuer', issuer: server.issuer, jwksUri: server.jwksUri, clientId: server.clientId }, { jwks: server.jwks, jwksFetchTimeoutMs: 30_000 });
    const stranger = rsaSigningKey();
    const token = server.sign({ alg: 'RS256', kid: stranger.kid }, accessTokenClaims(server), { alg: 'RS256', key: stranger.privateKey });
    await expect(verifier.verify(token)).rejects.toMatchObject({ name: InvalidTokenError.name, message: 'unknown signing key' });
  });
});

describe('the scope of a verified token', () => {
  let server: JwksServer;
  beforeAll(async () => {
    server = await startJwksServer();
  });
  afterAll(() => server.close());

  // Shaped as a payload off the wire: the verifier's types say nothing about a forged claim's type.
  const claims = (scope: unknown) => ({ ...accessTokenClaims(server), scope }) as unknown as JwtPayload;

  it.each([
    ['an array', ['aws.cognito.signin.user.admin']],
    ['a number', 1],
    ['an object', { admin: true }],
  ])('is never anything but text: a signed token whose scope is %s is refused, a payload like it read without one', async (_, scope) => {
    const verifier = createAccessTokenVerifier({ kind: 'issuer', issuer: server.issuer, jwksUri: server.jwksUri, clientId: server.clientId }, { jwks: server.jwks });
    await expect(verifier.verify(server.signAccessToken({ scope }))).rejects.toMatchObject({ name: InvalidTokenError.name, message: 'malformed token' });
    expect(verifiedAccessToken(claims(scope)).scope).toBeUndefined();
  });

  it('is the claim itself when it is text', () => {
    expect(verifiedAccessToken(claims('openid profile')).scope).toBe('openid profile');
  });
});
