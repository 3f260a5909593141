import { assetUrl, parseProfile } from '../../src/profile';
import { ApiError } from '../../src/errors';
import { profileJson } from '../helpers/profiles';

const VERSION = '1767225600000-9f86d081884c7d65';

describe('parseProfile', () => {
  it('reads a profile with and without an avatar', () => {
    expect(parseProfile(profileJson())).toEqual(profileJson());
    expect(parseProfile(profileJson({}, VERSION)).avatar?.urls['128']?.webp).toMatch(/128\.webp$/);
  });

  // The contract's ProfileJsonSchema requires every field (the backend always sends them); the page
  // used to read a missing bio or display name as empty.
  it.each([
    ['bio', { handle: 'a', display_name: 'A', avatar: null }],
    ['display name', { handle: 'a', bio: '', avatar: null }],
    ['handle', { handle: 1, display_name: 'A', bio: '', avatar: null }],
    ['body', null],
    ['body', [1]],
  ])('refuses a profile without a valid %s, as the contract does', (what, raw) => {
    expect(() => parseProfile(raw)).toThrow(new ApiError(502, `The server sent a profile without a valid ${what}.`));
  });

  it('names the avatar field the schema refused', () => {
    const raw = profileJson({}, VERSION);
    expect(() => parseProfile({ ...raw, avatar: { ...raw.avatar!, version: 1 } })).toThrow('without a valid avatar version.');
    expect(() => parseProfile({ ...raw, avatar: { ...raw.avatar!, url: null } })).toThrow('without a valid avatar URL.');
    expect(() => parseProfile({ ...raw, avatar: { ...raw.avatar!, urls: null } })).toThrow('without a valid avatar.');
    expect(() => parseProfile({ ...raw, avatar: 'x' })).toThrow('without a valid avatar.');
    expect(() => parseProfile({ ...raw, avatar: { ...raw.avatar!, urls: { '512': 'x' } } })).toThrow('without a valid 512px avatar.');
    expect(() => parseProfile({ ...raw, avatar: { ...raw.avatar!, urls: { '512': { jpeg: 'y' } } } })).toThrow('without a valid 512px WebP avatar.');
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
