/** Mirrors the API's rules for `PUT /api/profile/update`, so mistakes show while typing. */
export const DISPLAY_NAME_MAX_LENGTH = 50;
export const BIO_MAX_LENGTH = 160;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// The API refuses control characters (line breaks too), lone surrogates and bidi overrides.
const FORBIDDEN = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/u;
const LINE_BREAK = /[\r\n]/;
// Anything that is neither white space nor a character that renders as nothing.
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}]/u;

/**
 * The length of `text` as a person counts it (grapheme clusters, so a flag is one), as the API counts.
 *
 * @example
 * characterCount('👩‍👩‍👧‍👦 é'); // 3
 */
export function characterCount(text: string): number {
  return [...graphemes.segment(text)].length;
}

function forbiddenCharacterMessage(field: string, text: string): string | null {
  if (LINE_BREAK.test(text)) return `${field} must be on one line.`;
  if (FORBIDDEN.test(text)) return `${field} must not contain control characters.`;
  return null;
}

/**
 * Why a display name would be refused, or `null` when the API will take it.
 *
 * @example
 * displayNameError('   '); // 'Display name must show at least one character.'
 */
export function displayNameError(text: string): string | null {
  const forbidden = forbiddenCharacterMessage('Display name', text);
  if (forbidden) return forbidden;
  if (!VISIBLE.test(text)) return 'Display name must show at least one character.';
  const length = characterCount(text);
  if (length > DISPLAY_NAME_MAX_LENGTH) {
    return `Display name must be at most ${DISPLAY_NAME_MAX_LENGTH} characters (${length - DISPLAY_NAME_MAX_LENGTH} too many).`;
  }
  return null;
}

/**
 * Why a bio would be refused, or `null` when the API will take it; an empty bio is fine.
 *
 * @example
 * bioError('x'.repeat(161)); // 'Bio must be at most 160 characters (1 too many).'
 */
export function bioError(text: string): string | null {
  const forbidden = forbiddenCharacterMessage('Bio', text);
  if (forbidden) return forbidden;
  const length = characterCount(text);
  if (length > BIO_MAX_LENGTH) return `Bio must be at most ${BIO_MAX_LENGTH} characters (${length - BIO_MAX_LENGTH} too many).`;
  return null;
}

/**
 * The live counter under a field: `12 / 50`.
 *
 * @example
 * characterCountLabel('Andrew', DISPLAY_NAME_MAX_LENGTH); // '6 / 50'
 */
export function characterCountLabel(text: string, max: number): string {
  return `${characterCount(text)} / ${max}`;
}
