import { BIO_MAX_LENGTH, DISPLAY_NAME_MAX_LENGTH, characterCount, profileTextViolation, withoutForbiddenCharacters } from '../../src';
import { CODE_UNITS_PER_CHARACTER } from '../../src/limits';

describe('characterCount', () => {
  it('counts what a person sees: a family emoji, a flag and an accented letter are one each', () => {
    expect(characterCount('👩‍👩‍👧‍👦 é')).toBe(3);
    expect(characterCount('🇫🇷🇫🇷')).toBe(2);
    expect(characterCount('')).toBe(0);
  });
});

describe('profileTextViolation', () => {
  it('takes ordinary text, and an empty bio', () => {
    expect(profileTextViolation('display_name', 'Andrew Brown')).toBeNull();
    expect(profileTextViolation('bio', '')).toBeNull();
    expect(profileTextViolation('display_name', 'x'.repeat(DISPLAY_NAME_MAX_LENGTH))).toBeNull();
    expect(profileTextViolation('bio', '🇫🇷'.repeat(BIO_MAX_LENGTH))).toBeNull();
  });

  it.each([
    ['a line break', 'a\r\nb', 'line-break'],
    ['a tab', 'a\tb', 'control-character'],
    ['NUL', 'a\u0000', 'control-character'],
    ['DEL', 'a\u007f', 'control-character'],
    ['a C1 control', '\u009b31m', 'control-character'],
    ['a bidi override', 'evil\u202Egnp.exe', 'control-character'],
    ['a bidi isolate', 'a\u2066b', 'control-character'],
    ['a lone high surrogate', '\ud800', 'control-character'],
    ['a lone low surrogate', 'a\udc00', 'control-character'],
    ['white space only', ' \u3000 ', 'nothing-visible'],
    ['fillers and zero-width spaces only', '\u200b\u3164\u115f', 'nothing-visible'],
    ['nothing', '', 'nothing-visible'],
  ])('refuses %s in a display name', (_, text, code) => {
    expect(profileTextViolation('display_name', text)?.code).toBe(code);
  });

  it('counts the length in characters', () => {
    expect(profileTextViolation('display_name', 'x'.repeat(51))).toEqual({ code: 'too-long', length: 51, maxLength: 50 });
    expect(profileTextViolation('bio', 'é'.repeat(161))).toEqual({ code: 'too-long', length: 161, maxLength: 160 });
  });

  it('refuses one "character" that carries kilobytes of combining marks, before counting it', () => {
    const zalgo = `A${'\u0301'.repeat(2000)}`;
    expect(characterCount(zalgo)).toBe(1);
    expect(profileTextViolation('display_name', zalgo)).toEqual({ code: 'too-many-code-units', maxCodeUnits: DISPLAY_NAME_MAX_LENGTH * CODE_UNITS_PER_CHARACTER });
    expect(profileTextViolation('bio', `b${'\u0301'.repeat(5000)}`)?.code).toBe('too-many-code-units');
  });

  it('still takes 50 of the longest emoji sequences', () => {
    expect(profileTextViolation('display_name', '👨‍👩‍👧‍👦'.repeat(50))).toBeNull();
  });
});

describe('withoutForbiddenCharacters', () => {
  it('drops control characters, lone surrogates and bidi overrides, and keeps the rest', () => {
    expect(withoutForbiddenCharacters('evil\u202Egnp\u0000.exe\ud800 👩‍👩‍👧‍👦')).toBe('evilgnp.exe 👩‍👩‍👧‍👦');
    expect(withoutForbiddenCharacters('a\r\nb')).toBe('ab');
  });
});
