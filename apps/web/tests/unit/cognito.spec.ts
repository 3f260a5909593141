import { cognitoErrorType, revokeSession, refreshSession, sessionTokensFrom, signIn, signInErrorMessage } from '../../src/cognito';
import type { CognitoConfig } from '../../src/config';
import { CognitoError, NetworkError } from '../../src/errors';
import { fakeFetch, json } from '../helpers/fake-fetch';

const cognito: CognitoConfig = {
  endpoint: 'https://cognito-idp.us-east-1.amazonaws.com/',
  region: 'us-east-1',
  userPoolId: 'us-east-1_pool',
  clientId: 'web-client',
};
const NOW = 1_767_225_600_000;
const authResult = { AuthenticationResult: { AccessToken: 'access', RefreshToken: 'refresh', IdToken: 'id', ExpiresIn: 3600, TokenType: 'Bearer' } };

describe('signIn', () => {
  it('calls InitiateAuth with USER_PASSWORD_AUTH as the Cognito JSON protocol wants', async () => {
    const fetch = fakeFetch(json(200, authResult));
    await expect(signIn(cognito, 'andrew', 'pw', fetch, () => NOW)).resolves.toEqual({
      accessToken: 'access',
      refreshToken: 'refresh',
      expiresAt: NOW + 3_600_000,
    });
    expect(fetch.requests).toEqual([
      {
        url: cognito.endpoint,
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-amz-json-1.1',
          'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth',
        },
        body: { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'web-client', AuthParameters: { USERNAME: 'andrew', PASSWORD: 'pw' } },
      },
    ]);
  });

  it('turns bad credentials into a clear message', async () => {
    const fetch = fakeFetch(json(400, { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' }));
    const failure = signIn(cognito, 'andrew', 'wrong', fetch);
    await expect(failure).rejects.toBeInstanceOf(CognitoError);
    await expect(failure).rejects.toMatchObject({ code: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it("treats cognito-local's InvalidPasswordException like Cognito's NotAuthorizedException", async () => {
    const fetch = fakeFetch(json(400, { __type: 'InvalidPasswordException', message: 'Invalid password' }));
    await expect(signIn(cognito, 'andrew', 'wrong', fetch)).rejects.toThrow('Incorrect username or password.');
  });

  it('reads the error type from the header when the body has none', async () => {
    const fetch = fakeFetch(new Response('', { status: 400, headers: { 'x-amzn-ErrorType': 'UserNotConfirmedException:http://internal' } }));
    await expect(signIn(cognito, 'andrew', 'pw', fetch)).rejects.toMatchObject({ code: 'UserNotConfirmedException' });
  });

  it('says the service is unreachable when fetch fails', async () => {
    await expect(signIn(cognito, 'andrew', 'pw', fakeFetch(new TypeError('Failed to fetch')))).rejects.toBeInstanceOf(NetworkError);
  });
});

describe('sessionTokensFrom', () => {
  it('refuses challenges this page cannot answer', () => {
    expect(() => sessionTokensFrom({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's' }, NOW)).toThrow(
      'This account must set a new password before it can sign in here.',
    );
    expect(() => sessionTokensFrom({ ChallengeName: 'SOFTWARE_TOKEN_MFA' }, NOW)).toThrow(CognitoError);
  });

  it('refuses an answer without an access token', () => {
    expect(() => sessionTokensFrom({ AuthenticationResult: { IdToken: 'id' } }, NOW)).toThrow('did not return a session');
  });

  it('keeps the previous refresh token when a refresh returns none', () => {
    expect(sessionTokensFrom({ AuthenticationResult: { AccessToken: 'a2', ExpiresIn: 60 } }, NOW, 'r1')).toEqual({
      accessToken: 'a2',
      refreshToken: 'r1',
      expiresAt: NOW + 60_000,
    });
  });
});

describe('cognitoErrorType', () => {
  it.each([
    [{ __type: 'NotAuthorizedException' }, null, 'NotAuthorizedException'],
    [{ __type: 'com.amazonaws.cognito#TooManyRequestsException' }, null, 'TooManyRequestsException'],
    [undefined, 'LimitExceededException:http://internal.amazon.com/', 'LimitExceededException'],
    [undefined, null, 'UnknownError'],
  ])('reads %j / %s as %s', (body, header, type) => {
    expect(cognitoErrorType(body, header)).toBe(type);
  });

  it('gives unknown codes a generic message, never the raw one', () => {
    expect(signInErrorMessage('InternalErrorException')).toBe('Signing in failed. Please try again.');
  });
});

describe('refreshSession and revokeSession', () => {
  it('refreshes with REFRESH_TOKEN_AUTH', async () => {
    const fetch = fakeFetch(json(200, { AuthenticationResult: { AccessToken: 'a2', ExpiresIn: 3600 } }));
    await expect(refreshSession(cognito, 'r1', fetch, () => NOW)).resolves.toEqual({ accessToken: 'a2', refreshToken: 'r1', expiresAt: NOW + 3_600_000 });
    expect(fetch.requests[0]?.body).toEqual({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'web-client', AuthParameters: { REFRESH_TOKEN: 'r1' } });
  });

  it('revokes the refresh token with RevokeToken, and never throws', async () => {
    const fetch = fakeFetch(json(200, {}));
    await expect(revokeSession(cognito, 'refresh', fetch)).resolves.toBe(true);
    expect(fetch.requests[0]?.headers['X-Amz-Target']).toBe('AWSCognitoIdentityProviderService.RevokeToken');
    expect(fetch.requests[0]?.body).toEqual({ ClientId: 'web-client', Token: 'refresh' });
    await expect(revokeSession(cognito, 'refresh', fakeFetch(new TypeError('offline')))).resolves.toBe(false);
    await expect(revokeSession(cognito, 'refresh', fakeFetch(json(400, { __type: 'UnsupportedTokenTypeException' })))).resolves.toBe(false);
  });
});
