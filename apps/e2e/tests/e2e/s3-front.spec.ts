import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { UploadUrlSigner } from '@cruddur/avatars/upload';
import { avatarUploadKey } from '@cruddur/storage/s3-keys';
import { photoJpeg } from '@cruddur/testing/images';
import { requestUpload, s3ClientFor, s3ErrorOf, sharedStack, type SharedStack, signIn, stackLines, waitFor, EVENT_WAIT_MS } from '../helpers/shared-stack';

describe('the S3 front refuses what S3 refuses', () => {
  let stack: SharedStack;
  let s3: S3Client;
  let token: string;
  let photo: Buffer;

  beforeAll(async () => {
    stack = sharedStack('s3Front');
    s3 = s3ClientFor(stack);
    const [me] = stack.demoUsers;
    token = (await signIn(stack, me!.username, me!.password)).accessToken;
    photo = await photoJpeg({ width: 640, height: 480 });
  });
  afterAll(async () => {
    s3?.destroy();
  });

  const put = (url: string, body: Buffer, contentType = 'image/jpeg', headers: Record<string, string> = {}) =>
    fetch(url, { method: 'PUT', headers: { 'Content-Type': contentType, ...headers }, body });

  async function expectRefused(response: Response, status: number, code: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/xml');
    const error = s3ErrorOf(await response.text());
    expect(error.code).toBe(code);
    return error;
  }

  async function stored(key: string): Promise<boolean> {
    try {
      await s3.send(new HeadObjectCommand({ Bucket: stack.buckets.uploads, Key: key }));
      return true;
    } catch {
      return false;
    }
  }

  it('takes a valid presigned PUT', async () => {
    const ticket = await requestUpload(stack, token, 'image/jpeg', photo.byteLength);
    const response = await put(ticket.url, photo);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(await stored(ticket.key)).toBe(true);
  });

  it('refuses a tampered signature: 403 SignatureDoesNotMatch', async () => {
    const ticket = await requestUpload(stack, token, 'image/jpeg', photo.byteLength);
    const url = new URL(ticket.url);
    const signature = url.searchParams.get('X-Amz-Signature')!;
    url.searchParams.set('X-Amz-Signature', `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`);
    const error = await expectRefused(await put(url.toString(), photo), 403, 'SignatureDoesNotMatch');
    expect(error.message).toBe('The request signature we calculated does not match the signature you provided. Check your key and signing method.');
    expect(await stored(ticket.key)).toBe(false);
  });

  it('refuses an expired URL: 403 AccessDenied "Request has expired"', async () => {
    const signer = new UploadUrlSigner({ region: stack.region, endpoint: stack.s3Url }, { ...stack.s3Credentials });
    const key = avatarUploadKey(stack.demoUsers[0]!.sub, 'jpg');
    const url = await signer.signPut({
      bucket: stack.buckets.uploads,
      key,
      contentType: 'image/jpeg',
      contentLength: photo.byteLength,
      expiresInSeconds: 60,
      signingDate: new Date(Date.now() - 120_000),
    });
    const error = await expectRefused(await put(url, photo), 403, 'AccessDenied');
    expect(error.message).toBe('Request has expired');
    expect(await stored(key)).toBe(false);
  });

  it('refuses another content type than the signed one: 403 SignatureDoesNotMatch', async () => {
    const ticket = await requestUpload(stack, token, 'image/jpeg', photo.byteLength);
    await expectRefused(await put(ticket.url, photo, 'image/png'), 403, 'SignatureDoesNotMatch');
    expect(await stored(ticket.key)).toBe(false);
  });

  it('refuses a body larger than the signed length: 403 SignatureDoesNotMatch', async () => {
    const ticket = await requestUpload(stack, token, 'image/jpeg', 1000);
    await expectRefused(await put(ticket.url, photo), 403, 'SignatureDoesNotMatch');
    expect(await stored(ticket.key)).toBe(false);
  });

  it('refuses unsigned requests (the buckets block public access) and an unknown key', async () => {
    await expectRefused(await put(`${stack.s3Url}/${stack.buckets.uploads}/uploads/avatars/x/y.jpg`, photo), 403, 'AccessDenied');
    const stranger = new S3Client({ region: stack.region, endpoint: stack.s3Url, forcePathStyle: true, credentials: { accessKeyId: 'AKIDSTRANGER', secretAccessKey: 'nope' } });
    await expect(stranger.send(new ListObjectsV2Command({ Bucket: stack.buckets.assets }))).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
    const wrongSecret = new S3Client({ region: stack.region, endpoint: stack.s3Url, forcePathStyle: true, credentials: { accessKeyId: stack.s3Credentials.accessKeyId, secretAccessKey: 'wrong' } });
    await expect(wrongSecret.send(new ListObjectsV2Command({ Bucket: stack.buckets.assets }))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    stranger.destroy();
    wrongSecret.destroy();
  });

  it('answers the browser’s CORS preflight for the web origin only', async () => {
    const ticket = await requestUpload(stack, token, 'image/jpeg', photo.byteLength);
    const preflight = (origin: string) =>
      fetch(ticket.url, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' } });
    const allowed = await preflight(stack.webUrl);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(stack.webUrl);
    expect(allowed.headers.get('access-control-allow-methods')).toBe('PUT');
    expect(allowed.headers.get('access-control-expose-headers')).toBe('ETag');
    await expectRefused(await preflight('https://evil.example'), 403, 'AccessForbidden');
  });

  it('sends a key with spaces and unicode URL-encoded in the event, and the thumbnail processes it', async () => {
    const sub = 'Zoë Ünïcode + 🙂';
    const key = avatarUploadKey(sub, 'jpg');
    const signer = new UploadUrlSigner({ region: stack.region, endpoint: stack.s3Url }, { ...stack.s3Credentials });
    const url = await signer.signPut({ bucket: stack.buckets.uploads, key, contentType: 'image/jpeg', contentLength: photo.byteLength, expiresInSeconds: 60, signingDate: new Date() });
    expect((await put(url, photo)).status).toBe(200);

    const encoded = key.replace('Zoë Ünïcode + 🙂', 'Zo%C3%AB+%C3%9Cn%C3%AFcode+%2B+%F0%9F%99%82');
    const line = await waitFor(async () => stackLines().find((l) => l.startsWith('thumbnail:') && l.includes(encoded)), EVENT_WAIT_MS, 'the thumbnail run');
    expect(line).toContain('"processed":1');

    const version = key.split('/').at(-1)!.replace(/\.jpg$/, '');
    const rendition = await s3.send(new GetObjectCommand({ Bucket: stack.buckets.assets, Key: `avatars/${sub}/${version}/512.jpg` }));
    expect(rendition.ContentType).toBe('image/jpeg');
    expect(rendition.CacheControl).toContain('immutable');
    await rendition.Body?.transformToByteArray();
  });
});
