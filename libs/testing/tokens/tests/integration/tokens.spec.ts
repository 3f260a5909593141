import { createPublicKey, verify } from 'node:crypto';
import { FORGED_TOKEN_KINDS, type JwksServer, accessTokenClaims, forgeToken, rsaSigningKey, signJwt, startJwksServer } from '../../src';

function parts(token: string): { header: Record<string, unknown>; payload: Record<string, unknown>; signature: string } {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const json = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  return { header: json(header), payload: json(payload), signature };
}

describe('signJwt', () => {
  it('signs RS256 tokens that the public key verifies', () => {
    const key = rsaSigningKey('k1');
    const token = signJwt({ kid: 'k1' }, { sub: 'u1' }, { alg: 'RS256', key: key.privateKey });
    const [h, p, s] = token.split('.');
    expect(verify('RSA-SHA256', Buffer.from(`${h}.${p}`), createPublicKey(key.publicKeyPem), Buffer.from(s!, 'base64url'))).toBe(true);
    expect(parts(token).header).toMatchObject({ kid: 'k1', alg: 'RS256' });
  });

  it('uses a string payload exactly as written', () => {
    const token = signJwt({}, '{"sub":"u1","\\u0073ub":"u2"}', { alg: 'none' });
    expect(Buffer.from(token.split('.')[1]!, 'base64url').toString()).toBe('{"sub":"u1","\\u0073ub":"u2"}');
    expect(token.endsWith('.')).toBe(true);
  });

  it('builds access-token claims for the pool', () => {
    expect(accessTokenClaims({ issuer: 'https://issuer', clientId: 'c1' }, { username: 'bob' })).toMatchObject({
      iss: 'https://issuer',
      client_id: 'c1',
      token_use: 'access',
      username: 'bob',
    });
  });
});

describe('startJwksServer', () => {
  let server: JwksServer;
  beforeAll(async () => {
    server = await startJwksServer();
  });
  afterAll(() => server.close());

  it('serves its key at the pool path and counts the requests', async () => {
    const before = server.requests;
    const jwks = (await (await fetch(server.jwksUri)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((key) => key.kid)).toEqual([server.kid]);
    expect(server.requests).toBe(before + 1);
    expect((await fetch(server.jwksUri.replace('jwks.json', 'other'))).status).toBe(404);
  });

  it('fails on purpose when told to', async () => {
    server.failWith(503);
    expect((await fetch(server.jwksUri)).status).toBe(503);
    server.failWith(undefined);
    expect((await fetch(server.jwksUri)).status).toBe(200);
  });

  it('forges each kind differently from a valid token', () => {
    const tokens = FORGED_TOKEN_KINDS.map((kind) => forgeToken(server, kind));
    expect(new Set(tokens).size).toBe(FORGED_TOKEN_KINDS.length);
    expect(parts(forgeToken(server, 'alg-none')).header['alg']).toBe('none');
    expect(parts(forgeToken(server, 'id-token')).payload['token_use']).toBe('id');
    expect(parts(server.signAccessToken()).payload).toMatchObject({ iss: server.issuer, client_id: server.clientId, token_use: 'access' });
  });
});
