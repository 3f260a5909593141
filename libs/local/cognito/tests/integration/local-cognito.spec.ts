import { mkdtempSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalCognito, seedUserPool } from '../../src';
import { CognitoApiError } from '../../src/errors';
import { type LocalCognito } from '../../src/local-cognito';
import { type SeededUserPool } from '../../src/seed-user-pool';
import { cognitoCall } from '../../src/cognito-api';

interface AuthAnswer {
  AuthenticationResult?: { AccessToken: string };
}

describe('the Cognito stand-in', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'local-cognito-'));
  let server: Server;
  let cognito: LocalCognito;
  let pool: SeededUserPool;

  const signIn = (username: string, password: string) =>
    cognitoCall<AuthAnswer>(cognito.endpoint, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: username, PASSWORD: password } });

  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cognito = await createLocalCognito({ directory, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, log: () => undefined });
    server.on('request', cognito.handle);
    pool = await seedUserPool(cognito.endpoint);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(directory, { recursive: true, force: true });
  });

  it('seeds the pool, its web client and the demo users, each with a sub', () => {
    expect(pool.userPoolId).toMatch(/^local_/);
    expect(pool.demoUsers.map((user) => user.username)).toEqual(['andrew', 'alice']);
    for (const user of pool.demoUsers) expect(user.sub).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('finds the same pool, client and users again on a second seeding', async () => {
    const again = await seedUserPool(cognito.endpoint);
    expect(again).toEqual(pool);
  });

  it('signs a demo user in with an access token of the pool’s issuer', async () => {
    const user = pool.demoUsers[0]!;
    const { AuthenticationResult } = await signIn(user.username, user.password);
    const payload = JSON.parse(Buffer.from(AuthenticationResult!.AccessToken.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(payload).toMatchObject({ iss: cognito.issuer(pool.userPoolId), token_use: 'access', client_id: pool.clientId, sub: user.sub });
  });

  it('answers a wrong password and an unknown user alike, as Cognito does', async () => {
    for (const [username, password] of [['andrew', 'wrong-password-1!'], ['nobody', 'Whatever-1!']] as const) {
      const error = await signIn(username, password).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CognitoApiError);
      expect(error).toMatchObject({ type: 'NotAuthorizedException', status: 400, message: 'NotAuthorizedException: Incorrect username or password.' });
    }
  });

  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

  it.each([
    ['the e-mail address', (u: SeededUserPool['demoUsers'][number]) => u.email],
    ['the e-mail address in another case', (u: SeededUserPool['demoUsers'][number]) => u.email.toUpperCase()],
    ['the username in another case', (u: SeededUserPool['demoUsers'][number]) => u.username.toUpperCase()],
  ])('signs a user in with %s, as the deployed pool (email alias, case-insensitive), tokens naming the username', async (_, nameOf) => {
    const user = pool.demoUsers[1]!;
    const { AuthenticationResult } = await signIn(nameOf(user), user.password);
    expect(claimsOf(AuthenticationResult!.AccessToken)).toMatchObject({ username: user.username, sub: user.sub });
  });

  it('does not sign in with an e-mail address that is not verified, nor with a wrong password for an e-mail', async () => {
    await cognitoCall(cognito.endpoint, 'AdminCreateUser', {
      UserPoolId: pool.userPoolId,
      Username: 'unverified',
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: 'unverified@cruddur.local' }],
    });
    await cognitoCall(cognito.endpoint, 'AdminSetUserPassword', { UserPoolId: pool.userPoolId, Username: 'unverified', Password: 'Unverified-1!', Permanent: true });
    await expect(signIn('unverified', 'Unverified-1!')).resolves.toMatchObject({ AuthenticationResult: expect.any(Object) });
    await expect(signIn('unverified@cruddur.local', 'Unverified-1!')).rejects.toMatchObject({ type: 'NotAuthorizedException' });
    await expect(signIn(pool.demoUsers[0]!.email, 'wrong-password-1!')).rejects.toMatchObject({ type: 'NotAuthorizedException' });
  });

  it('revokes a refresh token with RevokeToken (what the page signs out with): it no longer refreshes', async () => {
    const user = pool.demoUsers[0]!;
    const { AuthenticationResult } = await cognitoCall<{ AuthenticationResult: { RefreshToken: string } }>(cognito.endpoint, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: pool.clientId,
      AuthParameters: { USERNAME: user.email, PASSWORD: user.password },
    });
    const refresh = () =>
      cognitoCall(cognito.endpoint, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: pool.clientId, AuthParameters: { REFRESH_TOKEN: AuthenticationResult.RefreshToken } });
    await expect(refresh()).resolves.toMatchObject({ AuthenticationResult: { AccessToken: expect.any(String) } });
    await expect(cognitoCall(cognito.endpoint, 'RevokeToken', { ClientId: pool.clientId, Token: AuthenticationResult.RefreshToken })).resolves.toEqual({});
    await expect(refresh()).rejects.toMatchObject({ type: 'NotAuthorizedException' });
  });

  it('answers GlobalSignOut itself (cognito-local lacks it): every refresh token of the user stops working', async () => {
    const user = pool.demoUsers[1]!;
    const session = () =>
      cognitoCall<{ AuthenticationResult: { AccessToken: string; RefreshToken: string } }>(cognito.endpoint, 'InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: pool.clientId,
        AuthParameters: { USERNAME: user.username, PASSWORD: user.password },
      });
    const [first, second] = [(await session()).AuthenticationResult, (await session()).AuthenticationResult];
    const refresh = (token: string) =>
      cognitoCall(cognito.endpoint, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: pool.clientId, AuthParameters: { REFRESH_TOKEN: token } });
    await expect(cognitoCall(cognito.endpoint, 'GlobalSignOut', { AccessToken: first.AccessToken })).resolves.toEqual({});
    await expect(refresh(first.RefreshToken)).rejects.toMatchObject({ type: 'NotAuthorizedException' });
    await expect(refresh(second.RefreshToken)).rejects.toMatchObject({ type: 'NotAuthorizedException' });
  });

  it('refuses GlobalSignOut with a forged token, an ID token, an unsigned one or none: 400 NotAuthorizedException', async () => {
    const user = pool.demoUsers[1]!;
    const { AuthenticationResult } = await cognitoCall<{ AuthenticationResult: { AccessToken: string; IdToken: string } }>(cognito.endpoint, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: pool.clientId,
      AuthParameters: { USERNAME: user.username, PASSWORD: user.password },
    });
    const [header, payload] = AuthenticationResult.AccessToken.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claimsOf(AuthenticationResult.AccessToken), sub: pool.demoUsers[0]!.sub })).toString('base64url')}.${AuthenticationResult.AccessToken.split('.')[2]}`;
    for (const token of [forged, AuthenticationResult.IdToken, `${header}.${payload}.`, 'not-a-jwt', undefined]) {
      await expect(cognitoCall(cognito.endpoint, 'GlobalSignOut', { AccessToken: token })).rejects.toMatchObject({ type: 'NotAuthorizedException', status: 400 });
    }
  });

  it('serves the JWKS and the OpenID configuration under the issuer', async () => {
    const jwks = (await (await fetch(cognito.jwksUri(pool.userPoolId))).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((key) => key.kid)).toEqual(['CognitoLocal']);
    const config = (await (await fetch(`${cognito.issuer(pool.userPoolId)}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(config).toMatchObject({ issuer: cognito.issuer(pool.userPoolId), jwks_uri: cognito.jwksUri(pool.userPoolId) });
  });

  it('answers an unreadable request with a short JSON error', async () => {
    const send = (body: string) =>
      fetch(cognito.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' }, body });
    const malformed = await send('{not json');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ __type: 'SerializationException', message: 'Request body is not valid JSON' });
    const huge = await send(JSON.stringify({ AuthFlow: 'x'.repeat(2 * 1024 * 1024) }));
    expect(huge.status).toBe(400);
    expect(await huge.json()).toEqual({ __type: 'SerializationException', message: 'Request too large' });
  });

  it('answers browsers’ preflights for any origin', async () => {
    const response = await fetch(cognito.endpoint, { method: 'OPTIONS', headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-amz-target' } });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type,x-amz-target');
  });
});
