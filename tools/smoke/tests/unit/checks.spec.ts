import type { ApiRoute } from '@cruddur/shared/contract';
import sharp from 'sharp';
import * as z from 'zod/mini';
import { avatarDeleteRoute, formatResult, renditionProblem, renditionUrl } from '../../src/checks';
import { checkLines } from '../helpers/run-cli';

describe('helpers of the checks', () => {
  it('formats a result as status, name and reason, which the tests read back', () => {
    const line = formatResult({ name: 'renditions', status: 'FAIL', reason: '512.webp not on the CDN' });
    expect(line).toBe('FAIL  renditions          512.webp not on the CDN');
    expect(checkLines(line)).toEqual({ renditions: { status: 'FAIL', reason: '512.webp not on the CDN' } });
  });

  it('builds rendition URLs with each key segment encoded, as the profile does', () => {
    expect(renditionUrl('https://cdn.example', { key: 'avatars/Zoë S/1767225600000-9f86d081884c7d65/128.webp' })).toBe(
      'https://cdn.example/avatars/Zo%C3%AB%20S/1767225600000-9f86d081884c7d65/128.webp',
    );
  });

  it('cleans up through a signed-in avatar DELETE route once the contract has one, and not before', () => {
    const response = z.object({});
    const routes: ApiRoute[] = [
      { method: 'GET', path: '/api/profile', auth: 'user', response },
      { method: 'DELETE', path: '/api/admin/avatars/{handle}', auth: 'user', response },
      { method: 'DELETE', path: '/api/profile/avatar', auth: 'user', response },
    ];
    expect(avatarDeleteRoute(routes)?.path).toBe('/api/profile/avatar');
    expect(avatarDeleteRoute(routes.slice(0, 2))).toBeUndefined();
  });
});

describe('renditionProblem', () => {
  const ref = { size: 128, format: 'webp', contentType: 'image/webp', key: 'avatars/u-1/1767225600000-9f86d081884c7d65/128.webp' } as const;
  const served = (contentType: string) => new Response(null, { headers: { 'Content-Type': contentType } });
  const image = (width: number, height: number, format: 'webp' | 'jpeg') =>
    sharp({ create: { width, height, channels: 3, background: { r: 10, g: 120, b: 200 } } })
      .toFormat(format)
      .toBuffer();

  it('accepts the right type, encoding and pixel size', async () => {
    await expect(renditionProblem(ref, served('image/webp'), await image(128, 128, 'webp'))).resolves.toBeUndefined();
  });

  it.each([
    ['the wrong content type', 'binary/octet-stream', () => image(128, 128, 'webp'), '128.webp is served as binary/octet-stream, not image/webp'],
    ['the wrong pixel size', 'image/webp', () => image(512, 512, 'webp'), '128.webp is webp 512×512, not webp 128×128'],
    ['the wrong encoding under the right type', 'image/webp', () => image(128, 128, 'jpeg'), '128.webp is jpeg 128×128, not webp 128×128'],
    ['bytes that are no image', 'image/webp', async () => Buffer.from('<html>'), /^128\.webp does not decode: /],
  ])('names %s', async (_what, contentType, body, problem) => {
    const found = await renditionProblem(ref, served(contentType), await body());
    if (typeof problem === 'string') expect(found).toBe(problem);
    else expect(found).toMatch(problem);
  });
});
