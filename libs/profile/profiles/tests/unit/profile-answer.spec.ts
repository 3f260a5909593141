// What a page gets as the avatar URL when the stored renditions are not the usual pair of sizes.
import { assetUrl, avatarJson } from '../../src/profile';

const V = '1767225600000-9f86d081884c7d65';
const rendition = (size: number) => ({ webp: `avatars/u/${V}/${size}.webp`, jpeg: `avatars/u/${V}/${size}.jpg` });

describe('avatarJson', () => {
  it('keeps the 512 JPEG as the main URL even when a larger rendition exists', () => {
    const avatar = { version: V, keys: { '1024': rendition(1024), '512': rendition(512), '64': rendition(64) }, placeholder: null };
    expect(avatarJson(avatar, 'https://a.example').url).toBe(`https://a.example/avatars/u/${V}/512.jpg`);
  });

  it('falls back to the numerically largest size, not the last one written', () => {
    const avatar = { version: V, keys: { '96': rendition(96), '1024': rendition(1024), '256': rendition(256) }, placeholder: null };
    expect(avatarJson(avatar, 'https://a.example').url).toBe(`https://a.example/avatars/u/${V}/1024.jpg`);
  });

  it('answers an empty main URL, not a crash, for an avatar row without renditions', () => {
    expect(avatarJson({ version: V, keys: {}, placeholder: null }, 'https://a.example')).toEqual({ version: V, url: '', urls: {}, placeholder: null });
  });
});

describe('assetUrl', () => {
  it.each([
    ['one trailing slash', 'https://a.example/'],
    ['several trailing slashes', 'https://a.example///'],
    ['none', 'https://a.example'],
  ])('joins the origin and the key with exactly one slash (%s)', (_, base) => {
    expect(assetUrl(base, `avatars/u/${V}/512.jpg`)).toBe(`https://a.example/avatars/u/${V}/512.jpg`);
  });

  it('keeps the slashes inside a base path', () => {
    expect(assetUrl('http://127.0.0.1:4000/local/assets/', 'avatars/u/x.jpg')).toBe('http://127.0.0.1:4000/local/assets/avatars/u/x.jpg');
  });
});
