import { parseProfileUpdate } from '@cruddur/profile/profiles';
import { bioError, characterCount, characterCountLabel, displayNameError } from '../../src/profile-validation';

describe('characterCount', () => {
  it('counts what a person sees, as the API does', () => {
    expect(characterCount('👩‍👩‍👧‍👦 é')).toBe(3);
    expect(characterCount('cafe\u0301')).toBe(4);
    expect(characterCount('🇬🇧')).toBe(1);
    expect(characterCountLabel('Andrew', 50)).toBe('6 / 50');
  });
});

describe('displayNameError', () => {
  it.each(['A', 'Andrew Brown', ' padded ', '🌩️', 'x'.repeat(50), '👍'.repeat(50)])('takes %j', (name) => {
    expect(displayNameError(name)).toBeNull();
  });

  it.each([
    ['', 'Display name must show at least one character.'],
    ['   ', 'Display name must show at least one character.'],
    ['\u200b\u3164', 'Display name must show at least one character.'],
    ['x'.repeat(51), 'Display name must be at most 50 characters (1 too many).'],
    ['Andrew\nBrown', 'Display name must be on one line.'],
    ['Andrew\u0000', 'Display name must not contain control characters.'],
    ['\u202eAndrew', 'Display name must not contain control characters.'],
    ['\ud800', 'Display name must not contain control characters.'],
  ])('refuses %j', (name, message) => {
    expect(displayNameError(name)).toBe(message);
  });
});

describe('stacked combining marks, as the API caps them', () => {
  it('refuses one character carrying kilobytes of marks, and still takes 50 long emoji sequences', () => {
    expect(displayNameError(`A${'\u0301'.repeat(2000)}`)).toBe('Display name has too many accents or marks stacked on its characters.');
    expect(bioError(`b${'\u0301'.repeat(5000)}`)).toBe('Bio has too many accents or marks stacked on its characters.');
    expect(displayNameError('👨‍👩‍👧‍👦'.repeat(50))).toBeNull();
  });
});

describe('bioError', () => {
  it('takes an empty bio and one of exactly 160 characters', () => {
    expect(bioError('')).toBeNull();
    expect(bioError('é'.repeat(160))).toBeNull();
  });

  it('refuses a longer bio, line breaks and control characters', () => {
    expect(bioError('b'.repeat(165))).toBe('Bio must be at most 160 characters (5 too many).');
    expect(bioError('one\r\ntwo')).toBe('Bio must be on one line.');
    expect(bioError('tab\there')).toBe('Bio must not contain control characters.');
  });
});

describe('agreement with the API', () => {
  const samples = [
    '',
    ' ',
    'A',
    'Andrew Brown',
    '\u200b',
    '\u3164x',
    'x'.repeat(50),
    'x'.repeat(51),
    '👩‍👩‍👧‍👦'.repeat(50),
    '👩‍👩‍👧‍👦'.repeat(51),
    'cafe\u0301'.repeat(12) + 'ab',
    'é'.repeat(160),
    'é'.repeat(161),
    'tab\there',
    'line\nbreak',
    '\u2066isolate\u2069',
    '\ud83d',
    `A${'\u0301'.repeat(2000)}`,
    `b${'\u0301'.repeat(900)}`,
  ];

  it.each(samples)('judges %j as PUT /api/profile/update does', (text) => {
    const apiTakesName = accepts(() => parseProfileUpdate({ display_name: text, bio: '' }));
    const apiTakesBio = accepts(() => parseProfileUpdate({ display_name: 'A', bio: text }));
    expect(displayNameError(text) === null).toBe(apiTakesName);
    expect(bioError(text) === null).toBe(apiTakesBio);
  });
});

function accepts(parse: () => unknown): boolean {
  try {
    parse();
    return true;
  } catch {
    return false;
  }
}
