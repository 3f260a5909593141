import { createPublicKey, verify } from 'node:crypto';
import { accessTokenClaims, rsaSigningKey, signJwt } from '../../src';

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
