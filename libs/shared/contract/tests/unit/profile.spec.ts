import * as z from 'zod/mini';
import { ProfileJsonSchema, ProfileUpdateRequestSchema, apiErrorCodeOf } from '../../src';

function refusal(body: unknown): string {
  const result = z.safeParse(ProfileUpdateRequestSchema, body);
  if (result.success) throw new Error(`expected a refusal of ${JSON.stringify(body)}`);
  expect(apiErrorCodeOf(result.error.issues[0])).toBe('invalid-request');
  return result.error.issues[0]?.message ?? '';
}

describe('ProfileUpdateRequestSchema', () => {
  it.each([
    ['plain text', 'Andrew Brown', 'Cloud person.'],
    ['SQL', "Robert'); DROP TABLE users;--", "' OR '1'='1"],
    ['unicode and emoji', 'Zoë 李 👩‍👩‍👧‍👦', 'مرحبا 🇫🇷 ✨'],
    ['outer spaces, kept verbatim', '  spaced  ', ''],
    ['50 of the longest emoji and 160 flags', '👨‍👩‍👧‍👦'.repeat(50), '🇫🇷'.repeat(160)],
  ])('keeps %s verbatim', (_, display_name, bio) => {
    expect(z.parse(ProfileUpdateRequestSchema, { display_name, bio })).toEqual({ display_name, bio });
  });

  it.each([
    ['a missing display_name', { bio: '' }, 'display_name is required'],
    ['a missing bio', { display_name: 'A' }, 'bio is required'],
    ['a numeric display_name', { display_name: 42, bio: '' }, 'display_name must be a string'],
    ['a null bio', { display_name: 'A', bio: null }, 'bio must be a string'],
    ['an empty display_name', { display_name: '', bio: '' }, 'display_name must be 1 to 50 visible characters'],
    ['an invisible display_name', { display_name: '\u200b\u3164', bio: '' }, 'display_name must be 1 to 50 visible characters'],
    ['a 51-character display_name', { display_name: 'x'.repeat(51), bio: '' }, 'display_name must be 1 to 50 visible characters'],
    ['a 161-character bio', { display_name: 'A', bio: 'é'.repeat(161) }, 'bio must be at most 160 characters'],
    ['stacked combining marks', { display_name: `A${'\u0301'.repeat(2000)}`, bio: '' }, 'display_name must be 1 to 50 visible characters'],
    ['a bio of combining marks', { display_name: 'A', bio: `b${'\u0301'.repeat(5000)}` }, 'bio must be at most 160 characters'],
    ['a newline', { display_name: 'A\nB', bio: '' }, 'display_name must not contain control characters'],
    ['a C1 control', { display_name: 'A', bio: '\u009b31m' }, 'bio must not contain control characters'],
    ['a right-to-left override', { display_name: 'evil\u202Egnp.exe', bio: '' }, 'display_name must not contain control characters'],
    ['a lone surrogate', { display_name: 'A', bio: '\ud800' }, 'bio must not contain control characters'],
    ['an unknown field', { display_name: 'A', bio: '', handle: 'someone_else' }, 'unknown field: "handle"'],
    ['an array', [], 'body must be a JSON object'],
    ['null', null, 'body must be a JSON object'],
  ])('refuses %s', (_, body, message) => {
    expect(refusal(body)).toBe(message);
  });

  it('cuts a long unknown field name in its message', () => {
    expect(refusal({ display_name: 'A', bio: '', ['k'.repeat(500)]: 1 }).length).toBeLessThan(80);
  });
});

describe('ProfileJsonSchema', () => {
  const profile = {
    handle: 'andrew',
    display_name: 'Andrew',
    bio: '',
    avatar: { version: 'v1', url: 'https://a/512.jpg', urls: { '512': { webp: 'https://a/512.webp', jpeg: 'https://a/512.jpg' } }, placeholder: 'HPYAFwKAioaHeIh3iHh4h4h3B4eHf4gH' },
  };

  it('reads a profile with and without an avatar', () => {
    expect(z.parse(ProfileJsonSchema, profile)).toEqual(profile);
    expect(z.parse(ProfileJsonSchema, { ...profile, avatar: null }).avatar).toBeNull();
  });

  it('refuses a profile without a handle or with a broken rendition', () => {
    expect(z.safeParse(ProfileJsonSchema, { ...profile, handle: 1 }).success).toBe(false);
    expect(z.safeParse(ProfileJsonSchema, { ...profile, avatar: { ...profile.avatar, urls: { '512': { webp: 'x' } } } }).success).toBe(false);
  });
});
