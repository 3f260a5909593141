import { AVATAR_DISPLAY_SIZES, avatarPicture, densitySrcset } from '../../src/avatar-picture';
import { parseProfile } from '../../src/profile';
import { profileJson } from '../helpers/profiles';

const VERSION = '1767225600000-9f86d081884c7d65';
const ASSETS = 'https://assets.example.com';
const base = `${ASSETS}/avatars/sub-1/${VERSION}`;
const avatar = parseProfile(profileJson({}, VERSION)).avatar!;

describe('avatarPicture', () => {
  it('serves the default renditions (512, 128) as WebP sources, then JPEG, with 1x/2x for 160 px and 112 px', () => {
    expect(avatarPicture(avatar, ASSETS)).toEqual({
      sources: [
        { type: 'image/webp', media: '(min-width: 40rem)', srcset: `${base}/512.webp 1x` },
        { type: 'image/webp', srcset: `${base}/128.webp 1x, ${base}/512.webp 2x` },
        { type: 'image/jpeg', media: '(min-width: 40rem)', srcset: `${base}/512.jpg 1x` },
      ],
      img: { src: `${base}/512.jpg`, srcset: `${base}/128.jpg 1x, ${base}/512.jpg 2x` },
    });
  });

  it('lists WebP before any JPEG, so a browser that takes WebP never picks a JPEG', () => {
    const types = avatarPicture(avatar, ASSETS).sources.map((source) => source.type);
    expect(types.indexOf('image/jpeg')).toBeGreaterThan(types.lastIndexOf('image/webp'));
  });

  it('gives every displayed size but the last a media query, widest first', () => {
    expect(AVATAR_DISPLAY_SIZES.map((size) => size.px)).toEqual([160, 112]);
    expect(AVATAR_DISPLAY_SIZES.slice(0, -1).every((size) => size.media !== undefined)).toBe(true);
    expect(AVATAR_DISPLAY_SIZES.at(-1)!.media).toBeUndefined();
  });
});

describe('densitySrcset', () => {
  const withSizes = (...sizes: number[]) => ({
    ...avatar,
    urls: Object.fromEntries(sizes.map((size) => [String(size), { webp: `a/${size}.webp`, jpeg: `a/${size}.jpg` }])),
  });

  it('picks for each density the smallest rendition that is not enlarged', () => {
    expect(densitySrcset(withSizes(64, 128, 256, 512), ASSETS, 'webp', 112)).toBe(`${ASSETS}/a/128.webp 1x, ${ASSETS}/a/256.webp 2x`);
    expect(densitySrcset(withSizes(64, 128, 256, 512), ASSETS, 'jpeg', 160)).toBe(`${ASSETS}/a/256.jpg 1x, ${ASSETS}/a/512.jpg 2x`);
  });

  it('falls back to the largest rendition when none is big enough, listed once', () => {
    expect(densitySrcset(withSizes(64), ASSETS, 'webp', 112)).toBe(`${ASSETS}/a/64.webp 1x`);
    expect(densitySrcset(withSizes(128, 64), ASSETS, 'webp', 112)).toBe(`${ASSETS}/a/128.webp 1x`);
  });

  it('is empty without renditions', () => {
    expect(densitySrcset(withSizes(), ASSETS, 'webp', 112)).toBe('');
  });
});
