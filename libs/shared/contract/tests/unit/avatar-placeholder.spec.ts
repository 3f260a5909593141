import { rgbaToThumbHash } from 'thumbhash';
import * as z from 'zod/mini';
import { isAvatarPlaceholder } from '../../src';
import { AVATAR_PLACEHOLDER_MAX_BYTES } from '../../src/avatar-placeholder';
import { AvatarJsonSchema } from '../../src/profile';

/** The ThumbHash of a `size`×`size` picture of one colour, in standard base64. */
function thumbHashOf(size: number, [r, g, b, a]: readonly number[]): string {
  const rgba = new Uint8Array(size * size * 4).map((_, i) => [r, g, b, a][i % 4] ?? 0);
  return Buffer.from(rgbaToThumbHash(size, size, rgba)).toString('base64');
}

describe('isAvatarPlaceholder', () => {
  const opaque = thumbHashOf(100, [200, 40, 40, 255]);
  const translucent = thumbHashOf(100, [200, 40, 40, 128]);

  it('takes the ThumbHash of an opaque square (24 bytes) and of a translucent one (25, the most)', () => {
    expect(Buffer.from(opaque, 'base64')).toHaveLength(24);
    expect(Buffer.from(translucent, 'base64')).toHaveLength(AVATAR_PLACEHOLDER_MAX_BYTES);
    expect(isAvatarPlaceholder(opaque)).toBe(true);
    expect(isAvatarPlaceholder(translucent)).toBe(true);
    expect(translucent).toMatch(/==$/);
  });

  it.each([
    ['not a string', 42],
    ['empty', ''],
    ['fewer than 5 bytes', 'AAAA'],
    ['more than 25 bytes', Buffer.alloc(26, 7).toString('base64')],
    ['base64url', Buffer.from([251, 255, 191, 1, 2, 3]).toString('base64url')],
    ['without its padding', translucent.replace(/=+$/, '')],
    ['with a line break', `${opaque.slice(0, 16)}\n${opaque.slice(16)}`],
    ['with spaces', ` ${opaque}`],
    ['non-canonical (bits after the last byte)', 'AAAAAAB='],
    ['HTML', '<img src=x onerror=alert(1)>'],
    ['a data URL', `data:image/png;base64,${opaque}`],
  ])('refuses %s', (_, text) => {
    expect(isAvatarPlaceholder(text)).toBe(false);
  });
});

describe('AvatarJsonSchema placeholder', () => {
  const avatar = { version: 'v', url: 'u', urls: {} };
  it('is a ThumbHash, null, or absent (a profile backend deployed before placeholders), never anything else', () => {
    expect(z.safeParse(AvatarJsonSchema, { ...avatar, placeholder: thumbHashOf(8, [0, 0, 255, 255]) }).success).toBe(true);
    expect(z.safeParse(AvatarJsonSchema, { ...avatar, placeholder: null }).success).toBe(true);
    expect(z.safeParse(AvatarJsonSchema, avatar).success).toBe(true);
    expect(z.safeParse(AvatarJsonSchema, { ...avatar, placeholder: 42 }).success).toBe(false);
    expect(z.safeParse(AvatarJsonSchema, { ...avatar, placeholder: 'garbage!' }).success).toBe(false);
  });
});
