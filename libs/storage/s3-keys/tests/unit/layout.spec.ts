import {
  ASSETS_PREFIX,
  InvalidKeyError,
  UPLOADS_PREFIX,
  avatarRenditionKey,
  avatarRenditionRefs,
  avatarRenditionsPrefix,
  avatarUploadKey,
  newUploadId,
  parseAvatarUploadKey,
  uploadIdIssuedAt,
  renditionKeyVersion,
} from '../../src';

const SUB = '0c9f5e2a-7b1d-4f3e-9a55-2d7c1e8b4a10';
const ID = '1767225600000-9f86d081884c7d65';

describe('newUploadId', () => {
  it('starts with the 13-digit issue time so ids sort by time', () => {
    const early = newUploadId(new Date(1_000));
    const late = newUploadId(new Date('2026-11-26T00:00:00Z'));
    expect(early).toMatch(/^0000000001000-[0-9a-f]{16}$/);
    expect([late, early].sort()).toEqual([early, late]);
  });

  it('is different every time', () => {
    const now = new Date();
    expect(new Set(Array.from({ length: 50 }, () => newUploadId(now))).size).toBe(50);
  });

  it('rejects times it cannot encode in 13 digits', () => {
    expect(() => newUploadId(new Date(Number.NaN))).toThrow(InvalidKeyError);
    expect(() => newUploadId(new Date(-1))).toThrow(InvalidKeyError);
  });
});

describe('uploadIdIssuedAt', () => {
  it('reads the issue time of an upload id, as the key carries it', () => {
    expect(uploadIdIssuedAt(ID)?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(uploadIdIssuedAt(parseAvatarUploadKey(avatarUploadKey(SUB, 'png', ID)).uploadId)).toEqual(new Date(1767225600000));
  });

  it.each(['', '1767225600000', '1767225600000-9F86D081884C7D65', '1767225600000-9f86d081884c7d65.jpg', '../1767225600000-9f86d081884c7d65', ' 1767225600000-9f86d081884c7d65'])(
    'refuses %j',
    (text) => expect(uploadIdIssuedAt(text)).toBeUndefined(),
  );
});

describe('avatarUploadKey', () => {
  it('puts the upload under the uploads prefix, the sub and a server id', () => {
    expect(avatarUploadKey(SUB, 'jpg', ID)).toBe(`${UPLOADS_PREFIX}${SUB}/${ID}.jpg`);
    expect(avatarUploadKey(SUB, 'png')).toMatch(new RegExp(`^uploads/avatars/${SUB}/\\d{13}-[0-9a-f]{16}\\.png$`));
  });

  it.each([
    ['empty', ''],
    ['slash', 'a/b'],
    ['dot-dot', '..'],
    ['dot', '.'],
    ['backslash', 'a\\b'],
    ['newline', 'a\nb'],
    ['zero-width space', 'a\u200bb'],
    ['leading space', ' a'],
    ['too long', 'x'.repeat(129)],
  ])('rejects a sub that is not one safe segment (%s)', (_, sub) => {
    expect(() => avatarUploadKey(sub, 'jpg', ID)).toThrow(InvalidKeyError);
  });

  it('rejects an extension or id that is not ours', () => {
    expect(() => avatarUploadKey(SUB, 'svg' as never, ID)).toThrow(InvalidKeyError);
    expect(() => avatarUploadKey(SUB, 'jpg', '../../x')).toThrow(InvalidKeyError);
  });
});

describe('parseAvatarUploadKey', () => {
  it('round-trips a key it made', () => {
    const key = avatarUploadKey(SUB, 'webp', ID);
    expect(parseAvatarUploadKey(key)).toEqual({
      sub: SUB,
      uploadId: ID,
      extension: 'webp',
      issuedAt: new Date(1767225600000),
      key,
    });
  });

  it('accepts a sub with spaces and unicode', () => {
    const key = `${UPLOADS_PREFIX}Zoë Ünïcode 🙂/${ID}.jpg`;
    expect(parseAvatarUploadKey(key).sub).toBe('Zoë Ünïcode 🙂');
  });

  it.each([
    ['another prefix', `avatars/${SUB}/${ID}.jpg`],
    ['the bucket root', `${ID}.jpg`],
    ['a prefix look-alike', `uploads/avatarsX/${SUB}/${ID}.jpg`],
    ['no sub', `${UPLOADS_PREFIX}${ID}.jpg`],
    ['an extra segment', `${UPLOADS_PREFIX}${SUB}/x/${ID}.jpg`],
    ['path traversal', `${UPLOADS_PREFIX}../${ID}.jpg`],
    ['a client-chosen name', `${UPLOADS_PREFIX}${SUB}/me.jpg`],
    ['no extension', `${UPLOADS_PREFIX}${SUB}/${ID}`],
    ['an svg', `${UPLOADS_PREFIX}${SUB}/${ID}.svg`],
    ['an upper-case id', `${UPLOADS_PREFIX}${SUB}/${ID.toUpperCase()}.jpg`],
    ['a folder marker', `${UPLOADS_PREFIX}${SUB}/`],
  ])('rejects %s', (_, key) => {
    expect(() => parseAvatarUploadKey(key)).toThrow(InvalidKeyError);
  });
});

describe('avatarRenditionKey', () => {
  it('puts renditions under the assets prefix and the upload id', () => {
    expect(avatarRenditionKey({ sub: SUB, uploadId: ID }, 128, 'webp')).toBe(`${ASSETS_PREFIX}${SUB}/${ID}/128.webp`);
  });

  it('gives two uploads of the same user different keys', () => {
    const a = avatarRenditionKey({ sub: SUB, uploadId: newUploadId() }, 512, 'jpg');
    const b = avatarRenditionKey({ sub: SUB, uploadId: newUploadId() }, 512, 'jpg');
    expect(a).not.toBe(b);
  });

  it('rejects sizes and ids outside the layout', () => {
    expect(() => avatarRenditionKey({ sub: SUB, uploadId: ID }, 0, 'jpg')).toThrow(InvalidKeyError);
    expect(() => avatarRenditionKey({ sub: SUB, uploadId: ID }, 1.5, 'jpg')).toThrow(InvalidKeyError);
    expect(() => avatarRenditionKey({ sub: SUB, uploadId: 'x' }, 128, 'jpg')).toThrow(InvalidKeyError);
    expect(() => avatarRenditionKey({ sub: '../x', uploadId: ID }, 128, 'jpg')).toThrow(InvalidKeyError);
  });
});

describe('avatarRenditionRefs', () => {
  it('lists every size in WebP and JPEG, largest first', () => {
    const upload = parseAvatarUploadKey('uploads/avatars/u/1767225600000-9f86d081884c7d65.png');
    expect(avatarRenditionRefs(upload, [128, 512]).map((r) => r.key)).toEqual([
      'avatars/u/1767225600000-9f86d081884c7d65/512.webp',
      'avatars/u/1767225600000-9f86d081884c7d65/512.jpg',
      'avatars/u/1767225600000-9f86d081884c7d65/128.webp',
      'avatars/u/1767225600000-9f86d081884c7d65/128.jpg',
    ]);
  });
});


describe('avatarRenditionsPrefix and renditionKeyVersion', () => {
  it('give the user prefix every rendition key of that user starts with, and read the version back', () => {
    const key = avatarRenditionKey({ sub: SUB, uploadId: ID }, 128, 'webp');
    expect(key.startsWith(avatarRenditionsPrefix(SUB))).toBe(true);
    expect(renditionKeyVersion(key)).toEqual({ sub: SUB, uploadId: ID });
  });

  it("give a prefix that holds one user's renditions and no other user's, even one whose sub starts alike", () => {
    const prefix = avatarRenditionsPrefix('u-1');
    expect(avatarRenditionKey({ sub: 'u-1', uploadId: ID }, 128, 'webp').startsWith(prefix)).toBe(true);
    expect(avatarRenditionKey({ sub: 'u-10', uploadId: ID }, 128, 'webp').startsWith(prefix)).toBe(false);
    expect(avatarRenditionKey({ sub: 'u', uploadId: ID }, 128, 'webp').startsWith(prefix)).toBe(false);
  });

  it('refuse a sub that is not one key segment', () => {
    expect(() => avatarRenditionsPrefix('a/b')).toThrow(InvalidKeyError);
  });

  it.each([
    ['outside the assets prefix', `uploads/avatars/${SUB}/${ID}/128.webp`],
    ['without a version folder', `${ASSETS_PREFIX}${SUB}/128.webp`],
    ['with a malformed version', `${ASSETS_PREFIX}${SUB}/latest/128.webp`],
    ['nested deeper', `${ASSETS_PREFIX}${SUB}/${ID}/x/128.webp`],
    ['with no file', `${ASSETS_PREFIX}${SUB}/${ID}/`],
    ['ending at the version folder', `${ASSETS_PREFIX}${SUB}/${ID}`],
    ['with only a sub', `${ASSETS_PREFIX}${SUB}`],
    ['of the same shape under another top-level folder', `private/${SUB}/${ID}/128.webp`],
  ])('ignore a key %s', (_, key) => {
    expect(renditionKeyVersion(key)).toBeUndefined();
  });
});
