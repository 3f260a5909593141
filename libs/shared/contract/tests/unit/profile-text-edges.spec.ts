// The edges of the profile text rules, one character at a time: each forbidden range at both of its
// ends, each line break on its own, and the code-unit cap at exactly its limit.
import { BIO_MAX_LENGTH, DISPLAY_NAME_MAX_LENGTH, hasVisibleCharacter, profileTextViolation, withoutForbiddenCharacters } from '../../src';
import { CODE_UNITS_PER_CHARACTER } from '../../src/limits';
import { profileTextMaxLength } from '../../src/profile-text';

describe('profileTextViolation at the edges', () => {
  it.each([
    ['a lone line feed', 'a\nb'],
    ['a lone carriage return', 'a\rb'],
  ])('calls %s a line break, in a bio too', (_, text) => {
    expect(profileTextViolation('display_name', text)).toEqual({ code: 'line-break' });
    expect(profileTextViolation('bio', text)).toEqual({ code: 'line-break' });
  });

  it.each([
    ['U+202A (left-to-right embedding), the first of its range', '\u202A'],
    ['U+202E (right-to-left override), the last of its range', '\u202E'],
    ['U+2066 (left-to-right isolate), the first of its range', '\u2066'],
    ['U+2069 (pop directional isolate), the last of its range', '\u2069'],
    ['U+0001, a C0 control', '\u0001'],
    ['U+009F, the last C1 control', '\u009f'],
  ])('refuses %s', (_, char) => {
    expect(profileTextViolation('bio', `a${char}b`)).toEqual({ code: 'control-character' });
    expect(withoutForbiddenCharacters(`a${char}b${char}c`)).toBe('abc');
  });

  it.each([
    ['U+2029 just before the bidi embeddings', '\u2029'],
    ['U+202F (narrow no-break space) just after the overrides', '\u202F'],
    ['U+2065 just before the isolates', '\u2065'],
    ['U+206A just after the isolates', '\u206A'],
  ])('leaves %s to the other rules', (_, char) => {
    expect(profileTextViolation('bio', `a${char}b`)).toBeNull();
    expect(withoutForbiddenCharacters(`a${char}b`)).toBe(`a${char}b`);
  });

  it('takes a display name of exactly the code-unit cap and refuses one unit more', () => {
    // One letter and 15 combining accents: 16 code units a person still reads as one character.
    const heavy = `a${'\u0301'.repeat(CODE_UNITS_PER_CHARACTER - 1)}`;
    const atCap = heavy.repeat(DISPLAY_NAME_MAX_LENGTH);
    expect(atCap).toHaveLength(DISPLAY_NAME_MAX_LENGTH * CODE_UNITS_PER_CHARACTER);
    expect(profileTextViolation('display_name', atCap)).toBeNull();
    expect(profileTextViolation('display_name', `${atCap}\u0301`)).toEqual({ code: 'too-many-code-units', maxCodeUnits: DISPLAY_NAME_MAX_LENGTH * CODE_UNITS_PER_CHARACTER });
  });

  it('lets a bio of white space through (only a display name must show something)', () => {
    expect(profileTextViolation('bio', '   ')).toBeNull();
    expect(profileTextViolation('display_name', '   ')).toEqual({ code: 'nothing-visible' });
  });

  it('gives each field its own length cap', () => {
    expect(profileTextMaxLength('display_name')).toBe(DISPLAY_NAME_MAX_LENGTH);
    expect(profileTextMaxLength('bio')).toBe(BIO_MAX_LENGTH);
    expect(profileTextViolation('bio', 'x'.repeat(BIO_MAX_LENGTH))).toBeNull();
    expect(profileTextViolation('bio', 'x'.repeat(BIO_MAX_LENGTH + 1))).toEqual({ code: 'too-long', length: BIO_MAX_LENGTH + 1, maxLength: BIO_MAX_LENGTH });
  });
});

describe('hasVisibleCharacter', () => {
  it('sees a letter among spaces and zero-width characters', () => {
    expect(hasVisibleCharacter('\u200b a \u3000')).toBe(true);
    expect(hasVisibleCharacter('\u200b\u00a0\u2060')).toBe(false);
    expect(hasVisibleCharacter('')).toBe(false);
  });
});
