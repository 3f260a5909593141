import { UPLOAD_URL_EXPIRES_SECONDS } from '@cruddur/shared/contract';
import { ProfileConfigError } from '../../src/errors';
import { assetUrl, profileJson } from '../../src/profile';
import { profileConfigFromEnv } from '../../src/config';

const V = '1767225600000-9f86d081884c7d65';

describe('profileJson', () => {
  it('answers in snake_case with a null avatar when there is none', () => {
    expect(profileJson({ handle: 'andrew', displayName: 'Andrew', bio: '', avatar: null }, 'https://assets.example.com')).toEqual({
      handle: 'andrew',
      display_name: 'Andrew',
      bio: '',
      avatar: null,
    });
  });

  it('builds every rendition URL from the keys, the 512 JPEG as the main one', () => {
    const keys = {
      '128': { webp: `avatars/u 1/${V}/128.webp`, jpeg: `avatars/u 1/${V}/128.jpg` },
      '512': { webp: `avatars/u 1/${V}/512.webp`, jpeg: `avatars/u 1/${V}/512.jpg` },
    };
    const json = profileJson({ handle: 'u1', displayName: 'U', bio: '', avatar: { version: V, keys, placeholder: null } }, 'http://127.0.0.1:4000/assets/');
    expect(json.avatar).toEqual({
      version: V,
      url: `http://127.0.0.1:4000/assets/avatars/u%201/${V}/512.jpg`,
      urls: {
        '128': { webp: `http://127.0.0.1:4000/assets/avatars/u%201/${V}/128.webp`, jpeg: `http://127.0.0.1:4000/assets/avatars/u%201/${V}/128.jpg` },
        '512': { webp: `http://127.0.0.1:4000/assets/avatars/u%201/${V}/512.webp`, jpeg: `http://127.0.0.1:4000/assets/avatars/u%201/${V}/512.jpg` },
      },
      placeholder: null,
    });
  });

  it('falls back to the largest JPEG when there is no 512', () => {
    const keys = { '256': { webp: 'a/256.webp', jpeg: 'a/256.jpg' }, '64': { webp: 'a/64.webp', jpeg: 'a/64.jpg' } };
    expect(profileJson({ handle: 'u1', displayName: 'U', bio: '', avatar: { version: V, keys, placeholder: null } }, 'https://a.example').avatar?.url).toBe(
      'https://a.example/a/256.jpg',
    );
  });

  it('encodes each key segment', () => {
    expect(assetUrl('https://a.example', 'avatars/Zoë#1/x?.jpg')).toBe('https://a.example/avatars/Zo%C3%AB%231/x%3F.jpg');
  });
});

describe('profileConfigFromEnv', () => {
  it('reads ASSETS_BASE_URL without its trailing slash', () => {
    expect(profileConfigFromEnv({ ASSETS_BASE_URL: 'https://assets.example.com/' })).toEqual({
      assetsBaseUrl: 'https://assets.example.com',
      uploadUrlExpiresSeconds: UPLOAD_URL_EXPIRES_SECONDS,
    });
  });

  it("reads the presign function's URL lifetime, which bounds how long an upload stays pending", () => {
    expect(profileConfigFromEnv({ ASSETS_BASE_URL: 'https://a.example', UPLOAD_URL_EXPIRES_SECONDS: '900' }).uploadUrlExpiresSeconds).toBe(900);
    for (const value of ['0', '-1', '1.5', 'soon', String(8 * 24 * 3600)]) {
      expect(() => profileConfigFromEnv({ ASSETS_BASE_URL: 'https://a.example', UPLOAD_URL_EXPIRES_SECONDS: value })).toThrow(/UPLOAD_URL_EXPIRES_SECONDS/);
    }
  });

  it.each([undefined, '', 'assets.example.com', 'ftp://assets.example.com', 'https://a.example/?x=1'])('refuses %j', (value) => {
    expect(() => profileConfigFromEnv({ ASSETS_BASE_URL: value })).toThrow(ProfileConfigError);
  });
});
