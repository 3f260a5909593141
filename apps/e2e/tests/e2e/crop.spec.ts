import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { HALVES_RGB, halvesJpeg } from '@cruddur/testing/images';
import sharp from 'sharp';
import { requestUpload, s3ClientFor, s3ErrorOf, sharedStack, type SharedStack, signIn, waitFor, EVENT_WAIT_MS } from '../helpers/shared-stack';

const RIGHT_HALF = { left: 0.5, top: 0, width: 0.5, height: 1 };

describe('a crop bound into the signed upload (local S3 front + s3rver, the real handlers)', () => {
  let stack: SharedStack;
  let s3: S3Client;
  let token: string;
  let photo: Buffer;

  beforeAll(async () => {
    stack = sharedStack('crop');
    s3 = s3ClientFor(stack);
    const [me] = stack.demoUsers;
    token = (await signIn(stack, me!.username, me!.password)).accessToken;
    photo = await halvesJpeg({ width: 900, height: 600, orientation: 6 });
  });
  afterAll(async () => {
    s3?.destroy();
  });

  const put = (url: string, headers: Record<string, string>) =>
    fetch(url, { method: 'PUT', headers: { 'Content-Type': 'image/jpeg', Origin: stack.webUrl, ...headers }, body: photo });

  async function stored(key: string): Promise<boolean> {
    try {
      await s3.send(new HeadObjectCommand({ Bucket: stack.buckets.uploads, Key: key }));
      return true;
    } catch {
      return false;
    }
  }

  async function expectRefused(response: Response, code: string, key: string) {
    expect(response.status).toBe(403);
    expect(s3ErrorOf(await response.text()).code).toBe(code);
    expect(await stored(key)).toBe(false);
  }

  it('answers the signed header, and the URL does not carry the crop itself', async () => {
    const ticket = await requestUpload(stack, token, 'image/jpeg', photo.byteLength, { crop: RIGHT_HALF });
    expect(ticket.headers['x-amz-meta-crop']).toBe('0.5000,0.0000,0.5000,1.0000');
    const url = new URL(ticket.url);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toContain('x-amz-meta-crop');
    expect(url.search.toLowerCase()).not.toContain('meta-crop=');
  });

  it('refuses a PUT without the crop header: 403 SignatureDoesNotMatch', async () => {
    const ticket = await requestUpload(stack, token, 'image/jpeg', photo.byteLength, { crop: RIGHT_HALF });
    await expectRefused(await put(ticket.url, {}), 'SignatureDoesNotMatch', ticket.key);
  });

  it('refuses a PUT with another crop: 403 SignatureDoesNotMatch', async () => {
    const ticket = await requestUpload(stack, token, 'image/jpeg', photo.byteLength, { crop: RIGHT_HALF });
    await expectRefused(await put(ticket.url, { 'x-amz-meta-crop': '0.0000,0.0000,0.5000,1.0000' }), 'SignatureDoesNotMatch', ticket.key);
  });

  it('refuses a PUT with metadata beyond the signed crop: 403 AccessDenied, headers not signed', async () => {
    const ticket = await requestUpload(stack, token, 'image/jpeg', photo.byteLength, { crop: RIGHT_HALF });
    await expectRefused(await put(ticket.url, { 'x-amz-meta-crop': ticket.headers['x-amz-meta-crop']!, 'x-amz-meta-note': 'hi' }), 'AccessDenied', ticket.key);
  });

  it('refuses a crop on a ticket signed without one: 403 AccessDenied', async () => {
    const ticket = await requestUpload(stack, token, 'image/jpeg', photo.byteLength);
    expect(ticket.headers).not.toHaveProperty('x-amz-meta-crop');
    await expectRefused(await put(ticket.url, { 'x-amz-meta-crop': '0.5000,0.0000,0.5000,1.0000' }), 'AccessDenied', ticket.key);
  });

  it('takes the PUT with the header, and the renditions are the blue half (a square without the crop holds red)', async () => {
    const ticket = await requestUpload(stack, token, 'image/jpeg', photo.byteLength, { crop: RIGHT_HALF });
    // What a browser sends: it sets Content-Length itself.
    const response = await put(ticket.url, { 'Content-Type': ticket.headers['Content-Type'], 'x-amz-meta-crop': ticket.headers['x-amz-meta-crop']! });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(stack.webUrl);

    const version = ticket.key.split('/').at(-1)!.replace(/\.jpg$/, '');
    const sub = stack.demoUsers[0]!.sub;
    const rendition = await waitFor(
      async () => {
        try {
          const object = await s3.send(new GetObjectCommand({ Bucket: stack.buckets.assets, Key: `avatars/${sub}/${version}/512.jpg` }));
          return Buffer.from(await object.Body!.transformToByteArray());
        } catch {
          return undefined;
        }
      },
      EVENT_WAIT_MS,
      'the 512 rendition',
    );
    const [r, g, b] = (await sharp(rendition).stats()).channels.map((c) => c.mean);
    expect(Math.max(Math.abs(r! - HALVES_RGB.right.r), Math.abs(g! - HALVES_RGB.right.g), Math.abs(b! - HALVES_RGB.right.b))).toBeLessThan(20);
  });
});
