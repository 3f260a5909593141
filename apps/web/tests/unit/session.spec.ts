import type { CognitoConfig } from '../../src/config';
import { Session, SessionStore, isExpired, type KeyValueStorage } from '../../src/session';
import { fakeFetch, json } from '../helpers/fake-fetch';

function memoryStorage(): KeyValueStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

const cognito: CognitoConfig = { endpoint: 'http://127.0.0.1:9229/', region: 'us-east-1', userPoolId: 'p', clientId: 'c' };
const NOW = 1_767_225_600_000;

describe('SessionStore', () => {
  it('round-trips the tokens and forgets them on clear', () => {
    const store = new SessionStore(memoryStorage());
    store.save({ accessToken: 'a', refreshToken: 'r', expiresAt: NOW });
    expect(store.load()).toEqual({ accessToken: 'a', refreshToken: 'r', expiresAt: NOW });
    store.clear();
    expect(store.load()).toBeNull();
  });

  it('reads garbage as signed out', () => {
    const storage = memoryStorage();
    storage.setItem('cruddur.session', '{not json');
    expect(new SessionStore(storage).load()).toBeNull();
    storage.setItem('cruddur.session', '{"accessToken":1}');
    expect(new SessionStore(storage).load()).toBeNull();
  });
});

describe('isExpired', () => {
  it('counts a token expiring within a minute as expired', () => {
    expect(isExpired({ accessToken: 'a', expiresAt: NOW + 61_000 }, NOW)).toBe(false);
    expect(isExpired({ accessToken: 'a', expiresAt: NOW + 59_000 }, NOW)).toBe(true);
  });
});

describe('Session', () => {
  const signedInAnswer = json(200, { AuthenticationResult: { AccessToken: 'a1', RefreshToken: 'r1', ExpiresIn: 3600 } });

  it('signs in, hands out the token, and signs out by revoking the refresh token (RevokeToken)', async () => {
    const storage = memoryStorage();
    const fetch = fakeFetch(signedInAnswer, json(200, {}));
    const session = new Session({ store: new SessionStore(storage), cognito, fetch, now: () => NOW });
    expect(session.signedIn).toBe(false);
    await session.signIn('andrew', 'pw');
    expect(session.signedIn).toBe(true);
    await expect(session.accessToken()).resolves.toBe('a1');
    await session.signOut();
    expect(storage.items.size).toBe(0);
    expect(fetch.requests.map((r) => r.headers['X-Amz-Target'])).toEqual([
      'AWSCognitoIdentityProviderService.InitiateAuth',
      'AWSCognitoIdentityProviderService.RevokeToken',
    ]);
    expect(fetch.requests[1]?.body).toEqual({ ClientId: cognito.clientId, Token: 'r1' });
  });

  it('signs out without calling Cognito when the session has no refresh token', async () => {
    const fetch = fakeFetch(json(200, { AuthenticationResult: { AccessToken: 'a1', ExpiresIn: 3600 } }));
    const session = new Session({ store: new SessionStore(memoryStorage()), cognito, fetch, now: () => NOW });
    await session.signIn('andrew', 'pw');
    await session.signOut();
    expect(session.signedIn).toBe(false);
    expect(fetch.requests).toHaveLength(1);
  });

  it('signs out locally even when Cognito cannot be reached', async () => {
    const storage = memoryStorage();
    const session = new Session({ store: new SessionStore(storage), cognito, fetch: fakeFetch(signedInAnswer, new TypeError('offline')) });
    await session.signIn('andrew', 'pw');
    await session.signOut();
    expect(session.signedIn).toBe(false);
  });

  it('refreshes an expiring token once for concurrent callers', async () => {
    let now = NOW;
    const fetch = fakeFetch(signedInAnswer, json(200, { AuthenticationResult: { AccessToken: 'a2', ExpiresIn: 3600 } }));
    const session = new Session({ store: new SessionStore(memoryStorage()), cognito, fetch, now: () => now });
    await session.signIn('andrew', 'pw');
    now += 3_600_000;
    await expect(Promise.all([session.accessToken(), session.accessToken()])).resolves.toEqual(['a2', 'a2']);
    expect(fetch.requests).toHaveLength(2);
    expect(fetch.requests[1]?.body).toMatchObject({ AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: 'r1' } });
  });

  it('ends the session when the refresh is refused', async () => {
    let now = NOW;
    const fetch = fakeFetch(signedInAnswer, json(400, { __type: 'NotAuthorizedException' }));
    const session = new Session({ store: new SessionStore(memoryStorage()), cognito, fetch, now: () => now });
    await session.signIn('andrew', 'pw');
    now += 3_600_000;
    await expect(session.accessToken()).resolves.toBeNull();
    expect(session.signedIn).toBe(false);
  });
});
