import { readFileSync } from 'node:fs';
import { RENDITION_CACHE_CONTROL } from '@cruddur/avatars/processing';
import { API_ROUTES, routePath } from '@cruddur/shared/contract';
import { heicFixture, pdfNamedJpg, photoJpeg } from '@cruddur/testing/images';
import { accessTokenClaims, rsaSigningKey, signJwt } from '@cruddur/testing/fixtures';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { requestUpload, s3ClientFor, sharedStack, type SharedStack, signIn, stackLines, waitFor, EVENT_WAIT_MS } from '../helpers/shared-stack';

interface ProfileAnswer {
  handle: string;
  display_name: string;
  bio: string;
  avatar: { version: string; url: string; urls: Record<string, { webp: string; jpeg: string }> } | null;
}

async function publicProfile(stack: SharedStack, handle: string): Promise<ProfileAnswer> {
  const response = await fetch(`${stack.apiUrl}/api/profiles/${handle}`);
  expect(response.status).toBe(200);
  return (await response.json()) as ProfileAnswer;
}

describe('the local stack, end to end without a browser', () => {
  let stack: SharedStack;
  let me: SharedStack['demoUsers'][number];
  let other: SharedStack['demoUsers'][number];
  let token: string;

  beforeAll(async () => {
    stack = sharedStack('flow');
    [me, other] = stack.demoUsers as [typeof me, typeof other];
    token = (await signIn(stack, me.username, me.password)).accessToken;
  });

  it('describes itself in stack.json', () => {
    const file = JSON.parse(readFileSync(`${stack.dataDir}/stack.json`, 'utf8'));
    expect(file).toMatchObject({ apiUrl: stack.apiUrl, webUrl: stack.webUrl, assetsUrl: stack.assetsUrl, s3Url: stack.s3Url });
    expect(file.cognito).toMatchObject({ userPoolId: stack.cognito.userPoolId, clientId: stack.cognito.clientId });
    expect(file.demoUsers.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['andrew', 'alice', me.username, other.username]));
  });

  it('issues Cognito access tokens whose issuer and JWKS are cognito-local’s', async () => {
    const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toMatchObject({ alg: 'RS256', kid: 'CognitoLocal' });
    expect(payload).toMatchObject({ iss: `${stack.cognito.endpoint}/${stack.cognito.userPoolId}`, token_use: 'access', client_id: stack.cognito.clientId, username: me.username });
    const jwks = (await (await fetch(stack.cognito.jwksUri)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((key) => key.kid)).toEqual(['CognitoLocal']);
  });

  it('refuses a wrong password or an unknown user the way Cognito does', async () => {
    for (const [username, password] of [[me.username, 'not-the-password'], ['nobody', 'whatever']]) {
      await expect(signIn(stack, username!, password!)).rejects.toThrow('400 {"__type":"NotAuthorizedException","message":"Incorrect username or password."}');
    }
  });

  it('serves config.json and the page (with the SPA fallback) on the web port', async () => {
    const config = await (await fetch(`${stack.webUrl}/config.json`)).json();
    expect(config).toEqual({
      apiUrl: stack.apiUrl,
      assetsUrl: stack.assetsUrl,
      cognito: { endpoint: stack.cognito.endpoint, region: 'us-east-1', userPoolId: stack.cognito.userPoolId, clientId: stack.cognito.clientId },
    });
    const page = await fetch(`${stack.webUrl}/@${me.username}`, { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('answers the CORS preflight of a protected route without a token', async () => {
    const response = await fetch(`${stack.apiUrl}/avatars/key_upload`, {
      method: 'OPTIONS',
      headers: { Origin: stack.webUrl, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(stack.webUrl);
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
  });

  it('answers 401 without a token and 403 with a forged one, like API Gateway', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${stack.apiUrl}/avatars/key_upload`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: stack.webUrl, ...headers },
        body: JSON.stringify({ contentType: 'image/jpeg', contentLength: 1000 }),
      });
    const missing = await post({});
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ message: 'Unauthorized' });
    expect(missing.headers.get('access-control-allow-origin')).toBe(stack.webUrl);

    // Everything right but the key: signed by another RSA key under cognito-local's kid.
    const claims = accessTokenClaims({ issuer: `${stack.cognito.endpoint}/${stack.cognito.userPoolId}`, clientId: stack.cognito.clientId }, { username: me.username });
    const forged = signJwt({ kid: 'CognitoLocal' }, claims, { alg: 'RS256', key: rsaSigningKey('CognitoLocal').privateKey });
    const denied = await post({ Authorization: `Bearer ${forged}` });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ message: 'Forbidden' });
    // The handlers' metrics: one short line each in the stack's log, not EMF JSON.
    expect(stackLines()).toContain('metrics: authorizer AuthorizerDenials reason=invalid-token 1 Count');

    const own = await fetch(`${stack.apiUrl}/api/profile`);
    expect(own.status).toBe(401);
  });

  it('signs in, presigns, uploads, and the profile shows the new avatar served by the assets CDN', async () => {
    const photo = await photoJpeg({ width: 1200, height: 900, exif: true });
    const ticket = await requestUpload(stack, token, 'image/jpeg', photo.byteLength);
    expect(ticket.key).toMatch(/^uploads\/avatars\/[0-9a-f-]+\/\d{13}-[0-9a-f]{16}\.jpg$/);

    const put = await fetch(ticket.url, { method: 'PUT', headers: { 'Content-Type': ticket.headers['Content-Type'], Origin: stack.webUrl }, body: photo });
    expect(put.status).toBe(200);
    expect(put.headers.get('access-control-allow-origin')).toBe(stack.webUrl);

    const version = ticket.key.split('/').at(-1)!.replace(/\.jpg$/, '');
    const profile = await waitFor(async () => {
      const answer = await publicProfile(stack, me.username);
      return answer.avatar?.version === version ? answer : undefined;
    }, EVENT_WAIT_MS, 'the avatar on the profile');
    expect(profile.avatar!.url.startsWith(`${stack.assetsUrl}/avatars/`)).toBe(true);

    const image = await fetch(profile.avatar!.url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(image.headers.get('cache-control')).toBe(RENDITION_CACHE_CONTROL);
    expect(image.headers.get('cache-control')).toContain('immutable');
    const etag = image.headers.get('etag')!;
    expect(Buffer.from(await image.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));

    const again = await fetch(profile.avatar!.url, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    const webp = await fetch(profile.avatar!.urls['128']!.webp);
    expect(webp.headers.get('content-type')).toBe('image/webp');
    const missing = await fetch(`${stack.assetsUrl}/avatars/nobody/1767225600000-0000000000000000/512.jpg`);
    expect(missing.status).toBe(404);
    // Only the renditions prefix is readable through the CDN, as the bucket policy says.
    expect((await fetch(`${stack.assetsUrl}/${ticket.key}`)).status).toBe(403);

    // The original (with its EXIF) is deleted by the thumbnail function once it is done, as in AWS.
    const s3 = s3ClientFor(stack);
    try {
      await waitFor(
        () => s3.send(new HeadObjectCommand({ Bucket: stack.buckets.uploads, Key: ticket.key })).then(() => undefined, (error: { name?: string }) => (error.name === 'NotFound' ? true : undefined)),
        EVENT_WAIT_MS,
        'the original deleted',
      );
    } finally {
      s3.destroy();
    }

    await waitFor(async () => stackLines().includes('metrics: profile AvatarsRecorded 1 Count') || undefined, EVENT_WAIT_MS, 'the AvatarsRecorded line');
    expect(stackLines()).toEqual(
      expect.arrayContaining(['metrics: presign UploadUrlsIssued 1 Count', 'metrics: thumbnail UploadsProcessed 1 Count', expect.stringMatching(/^metrics: thumbnail ProcessingDuration \d+ Milliseconds$/)]),
    );
    expect(stackLines().join('\n')).not.toContain('"_aws"');
  });

  describe('GET /avatars/uploads/{uploadId}: every upload tells its outcome', () => {
    const uploadStatus = async (uploadId: string, accessToken = token) => {
      const response = await fetch(`${stack.apiUrl}${routePath(API_ROUTES.getAvatarUploadStatus, { uploadId })}`, {
        headers: { Authorization: `Bearer ${accessToken}`, Origin: stack.webUrl },
      });
      return { status: response.status, body: (await response.json()) as { status?: string; reason?: string; avatar?: { version: string }; message?: string } };
    };
    const upload = async (bytes: Buffer) => {
      const ticket = await requestUpload(stack, token, 'image/jpeg', bytes.byteLength);
      expect(ticket.key.endsWith(`/${ticket.uploadId}.jpg`)).toBe(true);
      const put = await fetch(ticket.url, { method: 'PUT', headers: { 'Content-Type': ticket.headers['Content-Type'] }, body: bytes });
      expect(put.status).toBe(200);
      return ticket;
    };
    const decided = (uploadId: string) =>
      waitFor(async () => {
        const answer = await uploadStatus(uploadId);
        return answer.body.status === 'pending' ? undefined : answer;
      }, EVENT_WAIT_MS, `the outcome of ${uploadId}`);

    it('a PDF named .jpg: rejected with its reason, and the profile keeps its avatar', async () => {
      const before = await publicProfile(stack, me.username);
      const ticket = await upload(pdfNamedJpg());
      expect(await decided(ticket.uploadId)).toEqual({ status: 200, body: { status: 'rejected', reason: 'unsupported-type' } });
      expect((await publicProfile(stack, me.username)).avatar).toEqual(before.avatar);
    });

    it('a photo: ready, with the avatar it became', async () => {
      const ticket = await upload(await photoJpeg({ width: 300, height: 300 }));
      const answer = await decided(ticket.uploadId);
      expect(answer).toMatchObject({ status: 200, body: { status: 'ready', avatar: { version: ticket.uploadId } } });
    });

    it('an iPhone HEIC: ready, its renditions served by the CDN route', async () => {
      const photo = heicFixture('iphonePortrait');
      const ticket = await requestUpload(stack, token, 'image/heic', photo.byteLength);
      expect(ticket.key.endsWith(`/${ticket.uploadId}.heic`)).toBe(true);
      const put = await fetch(ticket.url, { method: 'PUT', headers: { 'Content-Type': ticket.headers['Content-Type'] }, body: photo });
      expect(put.status).toBe(200);
      expect(await decided(ticket.uploadId)).toMatchObject({ status: 200, body: { status: 'ready', avatar: { version: ticket.uploadId } } });
      const { avatar } = await waitFor(async () => {
        const profile = await publicProfile(stack, me.username);
        return profile.avatar?.url.includes(ticket.uploadId) ? profile : undefined;
      }, EVENT_WAIT_MS, 'the HEIC avatar on the profile');
      const image = await fetch(avatar!.url);
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/jpeg');
      expect(Buffer.from(await image.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    });

    it("someone else's upload is a 404, a malformed id a 400, behind the authorizer", async () => {
      const ticket = await upload(pdfNamedJpg());
      await decided(ticket.uploadId);
      const otherToken = (await signIn(stack, other.username, other.password)).accessToken;
      expect(await uploadStatus(ticket.uploadId, otherToken)).toEqual({ status: 404, body: { message: 'upload not found' } });
      expect((await uploadStatus('latest')).status).toBe(400);
      const anonymous = await fetch(`${stack.apiUrl}${routePath(API_ROUTES.getAvatarUploadStatus, { uploadId: ticket.uploadId })}`);
      expect(anonymous.status).toBe(401);
    });
  });

  it('a new avatar supersedes the old one: its renditions are deleted, the new ones served', async () => {
    const old = (await publicProfile(stack, me.username)).avatar!;
    expect((await fetch(old.url)).status).toBe(200);
    const photo = await photoJpeg({ width: 500, height: 500 });
    const ticket = await requestUpload(stack, token, 'image/jpeg', photo.byteLength);
    expect((await fetch(ticket.url, { method: 'PUT', headers: { 'Content-Type': ticket.headers['Content-Type'] }, body: photo })).status).toBe(200);
    const version = ticket.key.split('/').at(-1)!.replace(/\.jpg$/, '');
    const current = await waitFor(async () => {
      const answer = await publicProfile(stack, me.username);
      return answer.avatar?.version === version ? answer.avatar : undefined;
    }, EVENT_WAIT_MS, 'the new avatar on the profile');

    await waitFor(async () => ((await fetch(old.url)).status === 404 ? true : undefined), EVENT_WAIT_MS, 'the old rendition deleted');
    for (const urls of Object.values(old.urls)) {
      expect((await fetch(urls.webp)).status).toBe(404);
      expect((await fetch(urls.jpeg)).status).toBe(404);
    }
    expect((await fetch(current.url)).status).toBe(200);
  });

  it('updates the own profile behind the authorizer', async () => {
    const response = await fetch(`${stack.apiUrl}/api/profile/update`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Origin: stack.webUrl },
      body: JSON.stringify({ display_name: 'Frank F.', bio: 'Written by the flow' }),
    });
    expect(response.status).toBe(200);
    const own = await fetch(`${stack.apiUrl}/api/profile`, { headers: { Authorization: `Bearer ${token}` } });
    expect(await own.json()).toMatchObject({ handle: me.username, display_name: 'Frank F.', bio: 'Written by the flow' });
  });

  it('removes the avatar: 204, the profile shows none, its renditions answer 404 through the CDN; again 204', async () => {
    const shown = (await publicProfile(stack, me.username)).avatar!;
    expect((await fetch(shown.url)).status).toBe(200);
    const url = `${stack.apiUrl}${routePath(API_ROUTES.removeAvatar)}`;
    const preflight = await fetch(url, { method: 'OPTIONS', headers: { Origin: stack.webUrl, 'Access-Control-Request-Method': 'DELETE', 'Access-Control-Request-Headers': 'authorization' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('DELETE');
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(401);
    // Another method on the route's path is no route at all, as in API Gateway.
    expect((await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).status).toBe(404);

    const removed = await fetch(url, { method: 'DELETE', headers: { Authorization: `Bearer ${token}`, Origin: stack.webUrl } });
    expect(removed.status).toBe(204);
    expect(await removed.text()).toBe('');
    expect(removed.headers.get('access-control-allow-origin')).toBe(stack.webUrl);
    expect((await publicProfile(stack, me.username)).avatar).toBeNull();
    for (const urls of Object.values(shown.urls)) {
      expect((await fetch(urls.webp)).status).toBe(404);
      expect((await fetch(urls.jpeg)).status).toBe(404);
    }
    expect((await fetch(url, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } })).status).toBe(204);
  });
});
