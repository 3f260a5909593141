import { API_RETRY } from '@cruddur/shared/contract';
import { ApiClient, type ApiRetry, apiErrorFrom, busyMessage } from '../../src/api-client';
import { ApiError, NetworkError, ProfileNotFoundError, SessionExpiredError } from '../../src/errors';
import { fakeFetch, json } from '../helpers/fake-fetch';
import { profileJson } from '../helpers/profiles';

const API = 'https://api.example.com';

function client(fetch: ReturnType<typeof fakeFetch>, token: string | null = 'token-1') {
  return new ApiClient({ apiUrl: API, fetch, accessToken: async () => token });
}

describe('ApiClient', () => {
  it('reads your own profile with the bearer token', async () => {
    const fetch = fakeFetch(json(200, profileJson({}, '1767225600000-9f86d081884c7d65')));
    await expect(client(fetch).ownProfile()).resolves.toMatchObject({ handle: 'andrew', avatar: { version: '1767225600000-9f86d081884c7d65' } });
    expect(fetch.requests[0]).toMatchObject({ url: `${API}/api/profile`, method: 'GET', headers: { Authorization: 'Bearer token-1' } });
  });

  it('DELETEs the avatar with the bearer token and reads nothing from the 204', async () => {
    const fetch = fakeFetch(new Response(null, { status: 204 }));
    await expect(client(fetch).removeAvatar()).resolves.toBeUndefined();
    expect(fetch.requests[0]).toMatchObject({ url: `${API}/api/profile/avatar`, method: 'DELETE', headers: { Authorization: 'Bearer token-1' }, body: undefined });
  });

  it('says the server had a problem when a removal is answered 503, and that the session is over on 401', async () => {
    await expect(client(fakeFetch(json(503, { message: 'avatar removed, but its images are not deleted yet: try again' }))).removeAvatar()).rejects.toEqual(
      new ApiError(503, 'The server had a problem. Please try again.'),
    );
    await expect(client(fakeFetch(json(401, { message: 'Unauthorized' }))).removeAvatar()).rejects.toBeInstanceOf(SessionExpiredError);
  });

  it('reads a public profile without a token, encoding the handle', async () => {
    const fetch = fakeFetch(json(200, profileJson({ handle: 'alice' })));
    await client(fetch, null).profile('al ice');
    expect(fetch.requests[0]?.url).toBe(`${API}/api/profiles/al%20ice`);
    expect(fetch.requests[0]?.headers['Authorization']).toBeUndefined();
  });

  it('turns a 404 on a public profile into ProfileNotFoundError', async () => {
    const failure = client(fakeFetch(json(404, { message: 'profile not found' }))).profile('nobody');
    await expect(failure).rejects.toBeInstanceOf(ProfileNotFoundError);
    await expect(failure).rejects.toThrow('There is no profile @nobody.');
  });

  it('PUTs the profile update as JSON and shows the API validation message on 400', async () => {
    const fetch = fakeFetch(json(400, { message: 'bio must be at most 160 characters' }));
    const failure = client(fetch).updateProfile({ display_name: 'A', bio: 'b' });
    await expect(failure).rejects.toEqual(new ApiError(400, 'bio must be at most 160 characters'));
    expect(fetch.requests[0]).toMatchObject({
      url: `${API}/api/profile/update`,
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer token-1' },
      body: { display_name: 'A', bio: 'b' },
    });
  });

  it('asks for an upload ticket and keeps only what the upload needs', async () => {
    const ticket = {
      url: 'https://uploads.s3.amazonaws.com/uploads/avatars/x.jpg?X-Amz-Signature=abc',
      method: 'PUT',
      headers: { 'Content-Type': 'image/jpeg', 'Content-Length': '1234' },
      key: 'uploads/avatars/x.jpg',
      uploadId: '1767225600000-9f86d081884c7d65',
      expiresAt: '2026-01-01T00:05:00.000Z',
    };
    const fetch = fakeFetch(json(200, ticket));
    await expect(client(fetch).avatarUploadTicket('image/jpeg', 1234)).resolves.toEqual(ticket);
    expect(fetch.requests[0]).toMatchObject({ url: `${API}/avatars/key_upload`, method: 'POST', body: { contentType: 'image/jpeg', contentLength: 1234 } });
  });

  it('asks for a ticket bound to a crop, and keeps the signed crop header of the answer', async () => {
    const crop = { left: 0.5, top: 0, width: 0.5, height: 1 };
    const signed = {
      url: 'https://uploads.s3.amazonaws.com/uploads/avatars/x.jpg?X-Amz-Signature=abc',
      method: 'PUT',
      headers: { 'Content-Type': 'image/jpeg', 'Content-Length': '1234', 'x-amz-meta-crop': '0.5000,0.0000,0.5000,1.0000' },
      key: 'uploads/avatars/x.jpg',
      uploadId: '1767225600000-9f86d081884c7d65',
      expiresAt: '2026-01-01T00:05:00.000Z',
    };
    const fetch = fakeFetch(json(200, signed));
    await expect(client(fetch).avatarUploadTicket('image/jpeg', 1234, crop)).resolves.toEqual(signed);
    expect(fetch.requests[0]!.body).toEqual({ contentType: 'image/jpeg', contentLength: 1234, crop });
  });

  it("reads an upload's status from its route, with the token", async () => {
    const fetch = fakeFetch(json(200, { status: 'rejected', reason: 'corrupt' }));
    await expect(client(fetch).uploadStatus('1767225600000-9f86d081884c7d65')).resolves.toEqual({ status: 'rejected', reason: 'corrupt' });
    expect(fetch.requests[0]).toMatchObject({ url: `${API}/avatars/uploads/1767225600000-9f86d081884c7d65`, method: 'GET', headers: { Authorization: 'Bearer token-1' } });
  });

  it('reads a ready upload with its placeholder, and one from a profile backend deployed before placeholders', async () => {
    const avatar = profileJson({}, '1767225600000-9f86d081884c7d65').avatar!;
    const { placeholder, ...older } = avatar;
    await expect(client(fakeFetch(json(200, { status: 'ready', avatar }))).uploadStatus(avatar.version)).resolves.toEqual({ status: 'ready', avatar });
    expect(placeholder).not.toBeNull();
    await expect(client(fakeFetch(json(200, { status: 'ready', avatar: older }))).uploadStatus(avatar.version)).resolves.toEqual({ status: 'ready', avatar: older });
  });

  it('refuses an upload status it cannot read', async () => {
    const fetch = fakeFetch(json(200, { status: 'done' }));
    await expect(client(fetch).uploadStatus('1767225600000-9f86d081884c7d65')).rejects.toThrow('upload status this page cannot read');
  });

  it('refuses a ticket for another method (a POST form) it cannot send', async () => {
    const fetch = fakeFetch(json(200, { url: 'https://s3', method: 'POST', headers: { 'Content-Type': 'image/jpeg' } }));
    await expect(client(fetch).avatarUploadTicket('image/jpeg', 1)).rejects.toThrow('upload link this page cannot use');
  });

  it('needs a session for protected routes, without calling the API', async () => {
    const fetch = fakeFetch(json(200, {}));
    await expect(client(fetch, null).ownProfile()).rejects.toBeInstanceOf(SessionExpiredError);
    expect(fetch.requests).toHaveLength(0);
  });

  it('reports an unreachable API and an unreadable answer', async () => {
    await expect(client(fakeFetch(new TypeError('Failed to fetch'))).ownProfile()).rejects.toBeInstanceOf(NetworkError);
    await expect(client(fakeFetch(new Response('<html>', { status: 200 }))).ownProfile()).rejects.toThrow('unreadable answer');
    await expect(client(fakeFetch(json(200, { handle: 5 }))).ownProfile()).rejects.toThrow('without a valid handle');
  });
});

describe('apiErrorFrom', () => {
  it.each([
    [401, '{"message":"Unauthorized"}', true, SessionExpiredError, 'Your session has expired. Please sign in again.'],
    [403, '{"message":"Forbidden"}', true, ApiError, 'The server could not check your sign-in just now. Please try again in a moment.'],
    [400, '{"message":"display_name must be 1 to 50 visible characters"}', true, ApiError, 'display_name must be 1 to 50 visible characters'],
    [413, '{"message":"file must be at most 10485760 bytes"}', true, ApiError, 'file must be at most 10485760 bytes'],
    [415, '', true, ApiError, 'That file type is not supported.'],
    [413, '<html>Request Entity Too Large</html>', true, ApiError, 'That file is too large.'],
    [500, '{"message":"TypeError: x is undefined at handler.js:1"}', false, ApiError, 'The server had a problem. Please try again.'],
    [502, '{"message":"Internal Server Error"}', false, ApiError, 'The server had a problem. Please try again.'],
    [418, 'teapot', false, ApiError, 'The server answered 418.'],
  ])('maps %i %s (signed in: %s)', (status, body, authenticated, type, message) => {
    const error = apiErrorFrom(status, body, authenticated);
    expect(error).toBeInstanceOf(type);
    expect(error.message).toBe(message);
  });

  it('keeps a 401 of a public route as an API error', () => {
    expect(apiErrorFrom(401, '{"message":"Unauthorized"}', false)).toEqual(new ApiError(401, 'Unauthorized'));
  });
});

describe('ApiClient when the API is busy (the contract API_RETRY)', () => {
  function busyClient(fetch: ReturnType<typeof fakeFetch>) {
    const waits: number[] = [];
    const retries: ApiRetry[] = [];
    let cleared = 0;
    const api = new ApiClient({
      apiUrl: API,
      fetch,
      accessToken: async () => 'token-1',
      sleep: async (ms) => void waits.push(ms),
      now: () => Date.parse('2026-12-08T12:00:00Z'),
      random: () => 0.5,
      onRetry: (retry) => void retries.push(retry),
      onRetried: () => void (cleared += 1),
    });
    return { api, waits, retries, cleared: () => cleared };
  }
  const throttled = (headers: Record<string, string> = {}) => json(429, { message: 'Too Many Requests' }, headers);

  it('retries a throttled call after a jittered, growing wait, tells the page each time, and returns the answer', async () => {
    const fetch = fakeFetch(throttled(), throttled(), json(200, profileJson({})));
    const { api, waits, retries, cleared } = busyClient(fetch);
    await expect(api.ownProfile()).resolves.toMatchObject({ handle: 'andrew' });
    expect(fetch.requests).toHaveLength(3);
    expect(waits).toEqual([250, 500]);
    expect(retries).toEqual([
      { method: 'GET', path: '/api/profile', status: 429, retry: 1, delayMs: 250 },
      { method: 'GET', path: '/api/profile', status: 429, retry: 2, delayMs: 500 },
    ]);
    expect(cleared()).toBe(1);
  });

  it('waits what Retry-After asks for, and retries a throttled upload-URL request (a 429 ran nothing)', async () => {
    const ticket = { url: 'https://s3/put', method: 'PUT', headers: { 'Content-Type': 'image/png', 'Content-Length': '1234' }, key: 'uploads/avatars/u/1767225600000-9f86d081884c7d65.png', uploadId: '1767225600000-9f86d081884c7d65', expiresAt: '2026-12-08T12:05:00.000Z' };
    const fetch = fakeFetch(throttled({ 'Retry-After': '3' }), json(200, ticket));
    const { api, waits } = busyClient(fetch);
    await expect(api.avatarUploadTicket('image/png', 1234)).resolves.toMatchObject({ uploadId: ticket.uploadId });
    expect(waits).toEqual([3_000]);
    expect(fetch.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
  });

  it('gives up after the last attempt with the API message, and at once when Retry-After is longer than the page waits', async () => {
    const always = busyClient(fakeFetch(throttled()));
    await expect(always.api.ownProfile()).rejects.toEqual(new ApiError(429, 'Too Many Requests'));
    expect(always.waits).toHaveLength(API_RETRY.attempts - 1);
    expect(always.cleared()).toBe(1);

    const limited = busyClient(fakeFetch(json(429, { message: 'You changed your avatar 5 times in 10 minutes. Try again in 8 minutes.' }, { 'Retry-After': '480' })));
    await expect(limited.api.avatarUploadTicket('image/png', 1234)).rejects.toEqual(new ApiError(429, 'You changed your avatar 5 times in 10 minutes. Try again in 8 minutes.'));
    expect(limited.waits).toEqual([]);
    expect(limited.retries).toEqual([]);
  });

  it('retries a 503 of a read, never of a removal (its 503 means removed, images not deleted yet)', async () => {
    const read = busyClient(fakeFetch(json(503, { message: 'Service Unavailable' }), json(200, profileJson({}))));
    await expect(read.api.ownProfile()).resolves.toMatchObject({ handle: 'andrew' });
    const removal = busyClient(fakeFetch(json(503, { message: 'avatar removed, but its images are not deleted yet: try again' })));
    await expect(removal.api.removeAvatar()).rejects.toEqual(new ApiError(503, 'The server had a problem. Please try again.'));
    expect(removal.waits).toEqual([]);
  });

  it('does not retry what is not busy (500, 502, 404)', async () => {
    for (const status of [500, 502, 404]) {
      const { api, waits } = busyClient(fakeFetch(json(status, { message: 'no' })));
      await expect(api.ownProfile()).rejects.toBeInstanceOf(ApiError);
      expect(waits).toEqual([]);
    }
  });

  it('words the wait for people', () => {
    expect(busyMessage(250)).toBe('The server is busy. Trying again…');
    expect(busyMessage(2_300)).toBe('The server is busy. Trying again in 3 s…');
  });
});
