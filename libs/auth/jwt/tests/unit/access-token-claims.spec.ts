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
const without = (...names: string[]): JwtPayload =>
  Object.fromEntries(Object.entries(payload).filter(([k]) => !names.includes(k)));

describe('assertAccessTokenClaims', () => {
  it('accepts an RS256 access token with sub, username, client_id and exp', () => {
    expect(() => assertAccessTokenClaims({ header, payload })).not.toThrow();
  });

  it('accepts cognito:username when username is absent', () => {
    expect(() =>
      assertAccessTokenClaims({ header, payload: { ...without('username'), 'cognito:username': 'alice' } }),
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
  ])('rejects %s', (_, jwt, reason) => {
    expect(() => assertAccessTokenClaims(jwt)).toThrow(new InvalidTokenError(reason));
  });
});

describe('accessTokenCheck', () => {
  const check = accessTokenCheck('client');

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
