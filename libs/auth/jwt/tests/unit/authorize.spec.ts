import type { AccessTokenVerifier } from '../../src/access-token-verifier';
import { authorize, createAccessTokenVerifierFromEnv } from '../../src/authorize';
import { VerifierConfigError } from '../../src/errors';

describe('authorize', () => {
  it('denies as the server’s fault, without rejecting, when the verifier fails unexpectedly', async () => {
    const bug = new TypeError('boom');
    const broken: AccessTokenVerifier = {
      verify: () => Promise.reject(bug),
      verifyAuthorization: () => Promise.reject(bug),
      hydrate: () => Promise.resolve(),
    };

    await expect(authorize(broken, {})).resolves.toEqual({
      allowed: false,
      fault: 'server',
      reason: 'unexpected verification error',
      error: bug,
    });
  });
});

describe('createAccessTokenVerifierFromEnv', () => {
  it('returns, not throws, the error of a missing configuration', () => {
    const result = createAccessTokenVerifierFromEnv({});

    expect(result).toBeInstanceOf(VerifierConfigError);
    expect((result as VerifierConfigError).message).toMatch(/COGNITO_USER_POOL_ID/);
  });

  it('returns, not throws, a configuration error wrapping any unexpected failure, so the Lambda init survives it', () => {
    // A hand-built environment (a test harness, a JSON file) with a number where a string belongs.
    const env = { COGNITO_USER_POOL_ID: 'us-east-1_AbC', COGNITO_CLIENT_ID: 42 } as unknown as NodeJS.ProcessEnv;

    const result = createAccessTokenVerifierFromEnv(env);

    expect(result).toBeInstanceOf(VerifierConfigError);
    expect((result as VerifierConfigError).message).toBe('access token verifier: could not be created');
    expect((result as VerifierConfigError).cause).toBeInstanceOf(TypeError);
  });

  it('returns, not throws, the error of an invalid configuration', () => {
    const result = createAccessTokenVerifierFromEnv({ COGNITO_USER_POOL_ID: 'nope', COGNITO_CLIENT_ID: 'c' });

    expect(result).toBeInstanceOf(VerifierConfigError);
    expect((result as VerifierConfigError).message).toMatch(/Invalid Cognito User Pool ID/);
  });
});
