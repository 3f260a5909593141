import { CognitoJwtInvalidClientIdError, CognitoJwtInvalidTokenUseError } from 'aws-jwt-verify/error';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { accessTokenCheck, assertAccessTokenClaims, verifiedAccessToken } from '../../src/access-token-claims';
import { InvalidTokenError } from '../../src/errors';

const header = { alg: 'RS256', kid: 'k1' };
const payload: JwtPayload = {
  sub: 'u-1',
  iss: 'http://127.0.0.1:9229/local_pool',
  client_id: 'client',
  token_use: 'access',
  scope: 'aws.cognito.signin.user.admin',
  exp: 2_000_000_000,
  iat: 1_999_996_400,
  username: 'alice',
};
// The fixture's clock: 100 s after its iat.
const NOW_MS = 1_999_996_500_000;
const without = (...names: string[]): JwtPayload =>
  Object.fromEntries(Object.entries(payload).filter(([k]) => !names.includes(k)));

describe('assertAccessTokenClaims', () => {
  it('accepts an RS256 access token with sub, username, client_id and exp', () => {
    expect(() => assertAccessTokenClaims({ header, payload }, NOW_MS)).not.toThrow();
  });

  it('accepts cognito:username when username is absent', () => {
    expect(() =>
      assertAccessTokenClaims({ header, payload: { ...without('username'), 'cognito:username': 'alice' } }, NOW_MS),
    ).not.toThrow();
  });

  it.each([
    ['another algorithm', { header: { ...header, alg: 'RS512' }, payload }, 'unsupported signature algorithm'],
    ['no sub', { header, payload: without('sub') }, 'missing sub claim'],
    ['an empty sub', { header, payload: { ...payload, sub: '' } }, 'missing sub claim'],
    ['no username', { header, payload: without('username') }, 'missing username claim'],
    ['a non-string username', { header, payload: { ...payload, username: 42 } }, 'missing username claim'],
    ['no client_id', { header, payload: without('client_id') }, 'missing client_id claim'],
    ['no exp: a token that never expires', { header, payload: without('exp') }, 'missing exp claim'],
    ['no iat', { header, payload: without('iat') }, 'missing iat claim'],
    ['a crit header parameter (RFC 7515: unknown extensions are refused)', { header: { ...header, crit: ['exp'] }, payload }, 'unsupported crit header'],
    ['an empty crit list', { header: { ...header, crit: [] }, payload }, 'unsupported crit header'],
    ['an aud claim on an access token', { header, payload: { ...payload, aud: 'client' } }, 'unexpected aud claim'],
    ['an iat beyond the clock skew', { header, payload: { ...payload, iat: NOW_MS / 1000 + 61, exp: NOW_MS / 1000 + 3661 } }, 'token issued in the future'],
    ['an absurd exp (1e20)', { header, payload: { ...payload, exp: 1e20 } }, 'token lifetime too long'],
    ['a lifetime over a day', { header, payload: { ...payload, exp: payload.iat! + 86_401 } }, 'token lifetime too long'],
  ])('rejects %s', (_, jwt, reason) => {
    expect(() => assertAccessTokenClaims(jwt, NOW_MS)).toThrow(new InvalidTokenError(reason));
  });

  it('accepts an iat within the clock skew and a lifetime of exactly a day', () => {
    expect(() => assertAccessTokenClaims({ header, payload: { ...payload, iat: NOW_MS / 1000 + 60, exp: NOW_MS / 1000 + 60 + 86_400 } }, NOW_MS)).not.toThrow();
  });
});

describe('accessTokenCheck', () => {
  const check = accessTokenCheck('client', () => NOW_MS);

  it('passes a valid access token', () => {
    expect(() => check({ header, payload })).not.toThrow();
  });

  it("runs Cognito's token_use check first: an ID token is not an access token", () => {
    expect(() => check({ header, payload: { ...without('client_id'), token_use: 'id', aud: 'client' } })).toThrow(
      CognitoJwtInvalidTokenUseError,
    );
  });

  it("runs Cognito's client_id check", () => {
    expect(() => check({ header, payload: { ...payload, client_id: 'other' } })).toThrow(
      CognitoJwtInvalidClientIdError,
    );
  });

  it('then the claims this app relies on', () => {
    expect(() => check({ header, payload: without('username') })).toThrow(InvalidTokenError);
  });
});

describe('verifiedAccessToken', () => {
  it('describes the caller', () => {
    expect(verifiedAccessToken(payload)).toEqual({
      sub: 'u-1',
      username: 'alice',
      clientId: 'client',
      scope: 'aws.cognito.signin.user.admin',
      expiresAt: new Date(2_000_000_000_000),
    });
  });

  it('falls back to cognito:username and tolerates no scope', () => {
    const token = verifiedAccessToken({ ...without('username', 'scope'), 'cognito:username': 'bob' });
    expect(token).toMatchObject({ username: 'bob', scope: undefined });
  });
});
