import { ParameterValidationError } from 'aws-jwt-verify/error';
import { createAccessTokenVerifier } from '../../src/access-token-verifier';
import type { AccessTokenVerifierConfig } from '../../src/config';
import { VerifierConfigError } from '../../src/errors';

describe('createAccessTokenVerifier, cognito mode (CognitoJwtVerifier, offline)', () => {
  it('throws VerifierConfigError for a malformed user pool ID, with aws-jwt-verify’s error as the cause', () => {
    const error = catchError(() => createAccessTokenVerifier({ kind: 'cognito', userPoolId: 'not-a-pool', clientId: 'c' }));

    expect(error).toBeInstanceOf(VerifierConfigError);
    expect((error as Error).message).toBe('access token verifier: Invalid Cognito User Pool ID: not-a-pool');
    expect((error as Error).cause).toBeInstanceOf(ParameterValidationError);
  });

  it('rethrows a failure that is not about the configuration (a caller bug) as it is', () => {
    // An untyped caller that forgot the pool ID: aws-jwt-verify fails with a TypeError, not a validation error.
    const config = { kind: 'cognito', clientId: 'c' } as unknown as AccessTokenVerifierConfig;

    const error = catchError(() => createAccessTokenVerifier(config));

    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(VerifierConfigError);
  });
});

describe('createAccessTokenVerifier, configuration', () => {
  it.each([
    ['an empty client ID', { kind: 'cognito', userPoolId: 'us-east-1_AbC', clientId: '' }, 'access token verifier: clientId is empty'],
    ['an empty issuer', { kind: 'issuer', issuer: '', jwksUri: 'http://127.0.0.1/jwks.json', clientId: 'c' }, 'access token verifier: issuer is empty'],
    [
      'a JWKS URI that is no URL',
      { kind: 'issuer', issuer: 'http://x', jwksUri: 'jwks.json', clientId: 'c' },
      'access token verifier: jwksUri is not an http(s) URL: jwks.json',
    ],
    [
      'a JWKS URI that is not http(s)',
      { kind: 'issuer', issuer: 'http://x', jwksUri: 'file:///etc/jwks.json', clientId: 'c' },
      'access token verifier: jwksUri is not an http(s) URL: file:///etc/jwks.json',
    ],
    [
      'a JWKS URI whose scheme only ends in https',
      { kind: 'issuer', issuer: 'http://x', jwksUri: 'xhttps://x/jwks.json', clientId: 'c' },
      'access token verifier: jwksUri is not an http(s) URL: xhttps://x/jwks.json',
    ],
  ] as const)('throws VerifierConfigError saying what is wrong for %s', (_, config, message) => {
    const error = catchError(() => createAccessTokenVerifier(config));

    expect(error).toBeInstanceOf(VerifierConfigError);
    expect((error as Error).message).toBe(message);
  });
});

function catchError(build: () => unknown): unknown {
  try {
    build();
  } catch (err) {
    return err;
  }
  return undefined;
}
