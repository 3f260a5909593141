import { BIO_MAX_LENGTH, CODE_UNITS_PER_CHARACTER, DISPLAY_NAME_MAX_LENGTH } from './limits';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// Control characters (newlines and NUL included), lone surrogates, and the bidi embeddings,
// overrides and isolates that make text display in another order than it reads.
const FORBIDDEN = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/u;
const LINE_BREAK = /[\r\n]/;
// Anything that is neither white space nor a character that renders as nothing (ZWSP, fillers).
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}]/u;

/** A profile text field of `PUT /api/profile/update`. */
export type ProfileTextField = 'display_name' | 'bio';

/** Why a profile text is refused; each side words it for its readers. */
export type ProfileTextViolation =
  | { code: 'line-break' }
  | { code: 'control-character' }
  | { code: 'too-many-code-units'; maxCodeUnits: number }
  | { code: 'nothing-visible' }
  | { code: 'too-long'; length: number; maxLength: number };

/**
 * The length of `text` as a person counts it: user-perceived characters (grapheme clusters), so a
 * family emoji or a flag is one.
 *
 * @example
 * characterCount('👩‍👩‍👧‍👦 é'); // 3
 */
export function characterCount(text: string): number {
  return Array.from(graphemes.segment(text)).length;
}

/**
 * `text` without the characters profile text may not hold (control characters, lone surrogates,
 * bidi overrides), e.g. to derive a display name from a username.
 *
 * @example
 * withoutForbiddenCharacters('evil\u202Egnp'); // 'evilgnp'
 */
export function withoutForbiddenCharacters(text: string): string {
  return text.replace(new RegExp(FORBIDDEN.source, 'gu'), '');
}

/**
 * Whether `text` shows anything at all: some character that is neither white space nor one that
 * renders as nothing.
 *
 * @example
 * hasVisibleCharacter('\u200b '); // false
 */
export function hasVisibleCharacter(text: string): boolean {
  return VISIBLE.test(text);
}

/** The most characters `field` may hold. */
export function profileTextMaxLength(field: ProfileTextField): number {
  return field === 'display_name' ? DISPLAY_NAME_MAX_LENGTH : BIO_MAX_LENGTH;
}

/**
 * The first rule of a profile text field that `text` breaks, or `null`: one line, no control
 * characters, lone surrogates or bidi overrides, no stacked combining marks, something visible
 * (display name only), at most 50 (display name) or 160 (bio) characters. Text is never trimmed.
 *
 * @example
 * profileTextViolation('display_name', '   '); // { code: 'nothing-visible' }
 * profileTextViolation('bio', ''); // null
 */
export function profileTextViolation(field: ProfileTextField, text: string): ProfileTextViolation | null {
  if (LINE_BREAK.test(text)) return { code: 'line-break' };
  if (FORBIDDEN.test(text)) return { code: 'control-character' };
  const maxLength = profileTextMaxLength(field);
  // Checked before counting, so that a kilobyte of marks is never segmented.
  if (text.length > maxLength * CODE_UNITS_PER_CHARACTER) return { code: 'too-many-code-units', maxCodeUnits: maxLength * CODE_UNITS_PER_CHARACTER };
  if (field === 'display_name' && !hasVisibleCharacter(text)) return { code: 'nothing-visible' };
  const length = characterCount(text);
  if (length > maxLength) return { code: 'too-long', length, maxLength };
  return null;
}
