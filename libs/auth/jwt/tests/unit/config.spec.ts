import { accessTokenVerifierConfigFromEnv } from '../../src/config';
import { VerifierConfigError } from '../../src/errors';

describe('accessTokenVerifierConfigFromEnv', () => {
  it('selects a Cognito user pool from COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID', () => {
    expect(
      accessTokenVerifierConfigFromEnv({ COGNITO_USER_POOL_ID: 'us-east-1_AbC', COGNITO_CLIENT_ID: 'client' }),
    ).toEqual({ kind: 'cognito', userPoolId: 'us-east-1_AbC', clientId: 'client' });
  });

  it('selects an issuer from JWT_ISSUER, JWT_JWKS_URI and COGNITO_CLIENT_ID', () => {
    expect(
      accessTokenVerifierConfigFromEnv({
        JWT_ISSUER: 'http://localhost:9229/local_pool',
        JWT_JWKS_URI: 'http://localhost:9229/local_pool/.well-known/jwks.json',
        COGNITO_CLIENT_ID: 'client',
      }),
    ).toEqual({
      kind: 'issuer',
      issuer: 'http://localhost:9229/local_pool',
      jwksUri: 'http://localhost:9229/local_pool/.well-known/jwks.json',
      clientId: 'client',
    });
  });

  it('prefers the user pool when both are configured', () => {
    const config = accessTokenVerifierConfigFromEnv({
      COGNITO_USER_POOL_ID: 'us-east-1_AbC',
      COGNITO_CLIENT_ID: 'client',
      JWT_ISSUER: 'http://localhost:9229/local_pool',
      JWT_JWKS_URI: 'http://localhost:9229/local_pool/.well-known/jwks.json',
    });
    expect(config.kind).toBe('cognito');
  });

  it('trims values', () => {
    expect(
      accessTokenVerifierConfigFromEnv({ COGNITO_USER_POOL_ID: ' us-east-1_AbC ', COGNITO_CLIENT_ID: 'client\n' }),
    ).toEqual({ kind: 'cognito', userPoolId: 'us-east-1_AbC', clientId: 'client' });
  });

  it.each([
    ['nothing set', {}, /COGNITO_USER_POOL_ID \+ COGNITO_CLIENT_ID, or JWT_ISSUER \+ JWT_JWKS_URI \+ COGNITO_CLIENT_ID/],
    ['the pool without client', { COGNITO_USER_POOL_ID: 'us-east-1_AbC' }, /missing COGNITO_CLIENT_ID$/],
    ['the client alone', { COGNITO_CLIENT_ID: 'client' }, /set COGNITO_USER_POOL_ID/],
    ['an empty pool ID', { COGNITO_USER_POOL_ID: ' ', COGNITO_CLIENT_ID: 'client' }, /set COGNITO_USER_POOL_ID/],
    ['the issuer without JWKS URI', { JWT_ISSUER: 'http://x/p', COGNITO_CLIENT_ID: 'c' }, /missing JWT_JWKS_URI$/],
    ['the JWKS URI alone', { JWT_JWKS_URI: 'http://x/p/jwks' }, /missing JWT_ISSUER, COGNITO_CLIENT_ID$/],
  ])('throws VerifierConfigError naming what is missing: %s', (_, env, message) => {
    expect(() => accessTokenVerifierConfigFromEnv(env)).toThrow(VerifierConfigError);
    expect(() => accessTokenVerifierConfigFromEnv(env)).toThrow(message);
  });

  it('reads process.env by default', () => {
    const saved = { ...process.env };
    try {
      process.env['COGNITO_USER_POOL_ID'] = 'eu-west-1_Env';
      process.env['COGNITO_CLIENT_ID'] = 'env-client';
      expect(accessTokenVerifierConfigFromEnv()).toEqual({
        kind: 'cognito',
        userPoolId: 'eu-west-1_Env',
        clientId: 'env-client',
      });
    } finally {
      process.env = saved;
    }
  });
});
