import { parseProfileUpdate } from '../../src';
import { InvalidProfileUpdateError } from '../../src/errors';

function refusal(body: unknown): string {
  try {
    parseProfileUpdate(body);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidProfileUpdateError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('parseProfileUpdate', () => {
  it.each([
    ['plain text', 'Andrew Brown', 'Cloud person.'],
    ['SQL', "Robert'); DROP TABLE users;--", "' OR '1'='1"],
    ['unicode and emoji', 'Zoë 李 👩‍👩‍👧‍👦', 'مرحبا 🇫🇷 ✨'],
    ['outer spaces, kept verbatim', '  spaced  ', ''],
    ['50 emoji and 160 flags', '👩‍👩‍👧‍👦'.repeat(50), '🇫🇷'.repeat(160)],
  ])('keeps %s verbatim', (_, displayName, bio) => {
    expect(parseProfileUpdate({ display_name: displayName, bio })).toEqual({ displayName, bio });
  });

  it.each([
    ['a missing display_name', { bio: '' }, /display_name is required/],
    ['a missing bio', { display_name: 'A' }, /bio is required/],
    ['a numeric display_name', { display_name: 42, bio: '' }, /display_name must be a string/],
    ['a null bio', { display_name: 'A', bio: null }, /bio must be a string/],
    ['an empty display_name', { display_name: '', bio: '' }, /display_name must be 1 to 50/],
    ['a blank display_name', { display_name: ' \u3000 ', bio: '' }, /display_name must be 1 to 50/],
    ['an invisible display_name', { display_name: '\u200b\u3164', bio: '' }, /display_name must be 1 to 50/],
    ['a 51-character display_name', { display_name: 'x'.repeat(51), bio: '' }, /display_name must be 1 to 50/],
    ['a 161-character bio', { display_name: 'A', bio: 'é'.repeat(161) }, /bio must be at most 160/],
    ['a newline in display_name', { display_name: 'A\nB', bio: '' }, /display_name must not contain control/],
    ['a NUL in bio', { display_name: 'A', bio: 'a\u0000b' }, /bio must not contain control/],
    ['a tab in bio', { display_name: 'A', bio: 'a\tb' }, /bio must not contain control/],
    ['DEL in display_name', { display_name: 'A\u007f', bio: '' }, /display_name must not contain control/],
    ['a C1 control in bio', { display_name: 'A', bio: '\u009b31m' }, /bio must not contain control/],
    ['a right-to-left override', { display_name: 'evil\u202Egnp.exe', bio: '' }, /display_name must not contain control/],
    ['a lone surrogate', { display_name: 'A', bio: '\ud800' }, /bio must not contain control/],
    ['an unknown field', { display_name: 'A', bio: '', handle: 'someone_else' }, /unknown field: "handle"/],
    ['a sub in the body', { display_name: 'A', bio: '', cognito_user_id: 'victim' }, /unknown field/],
    ['an array', [], /JSON object/],
    ['null', null, /JSON object/],
  ])('refuses %s', (_, body, message) => {
    expect(refusal(body)).toMatch(message);
  });

  it('cuts a long unknown field name in its message', () => {
    expect(refusal({ display_name: 'A', bio: '', ['k'.repeat(500)]: 1 }).length).toBeLessThan(80);
  });
});

describe('parseProfileUpdate against stacked combining marks', () => {
  it('refuses one "character" carrying kilobytes of combining marks', () => {
    const zalgo = `A${'\u0301'.repeat(2000)}`;
    expect(() => parseProfileUpdate({ display_name: zalgo, bio: '' })).toThrow(InvalidProfileUpdateError);
    expect(() => parseProfileUpdate({ display_name: 'A', bio: `b${'\u0301'.repeat(5000)}` })).toThrow(InvalidProfileUpdateError);
  });

  it('still takes 50 of the longest emoji sequences as a display name', () => {
    const family = '👨‍👩‍👧‍👦';
    expect(parseProfileUpdate({ display_name: family.repeat(50), bio: '' }).displayName).toBe(family.repeat(50));
  });
});
