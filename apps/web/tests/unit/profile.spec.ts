import { assetUrl, parseProfile } from '../../src/profile';
import { profileJson } from '../helpers/profiles';

const VERSION = '1767225600000-9f86d081884c7d65';

describe('parseProfile', () => {
  it('reads a profile with and without an avatar', () => {
    expect(parseProfile(profileJson())).toEqual(profileJson());
    expect(parseProfile(profileJson({}, VERSION)).avatar?.urls['128']?.webp).toMatch(/128\.webp$/);
  });

  it('reads a missing bio as empty', () => {
    expect(parseProfile({ handle: 'a', display_name: 'A', avatar: null }).bio).toBe('');
  });

  it('ignores rendition keys that are not sizes', () => {
    const raw = profileJson({}, VERSION);
    const avatar = { ...raw.avatar!, urls: { ...raw.avatar!.urls, original: { webp: 'x', jpeg: 'y' } } };
    expect(Object.keys(parseProfile({ ...raw, avatar }).avatar!.urls).sort()).toEqual(['128', '512']);
  });

  it('refuses a rendition without both formats', () => {
    const raw = profileJson({}, VERSION);
    const avatar = { ...raw.avatar!, urls: { '512': { webp: 'x' } } };
    expect(() => parseProfile({ ...raw, avatar })).toThrow('without a valid 512px JPEG avatar');
  });
});

describe('assetUrl', () => {
  it('serves keys and paths from the assets origin, and leaves absolute URLs alone', () => {
    expect(assetUrl('avatars/u/1/512.webp', 'http://127.0.0.1:4570')).toBe('http://127.0.0.1:4570/avatars/u/1/512.webp');
    expect(assetUrl('/avatars/u/1/512.webp', 'http://127.0.0.1:4570')).toBe('http://127.0.0.1:4570/avatars/u/1/512.webp');
    expect(assetUrl('https://d111.cloudfront.net/a.jpg', 'http://127.0.0.1:4570')).toBe('https://d111.cloudfront.net/a.jpg');
  });
});
