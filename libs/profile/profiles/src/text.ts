const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// Control characters (newlines and NUL included), lone surrogates, and the bidi embeddings,
// overrides and isolates that make text display in another order than it reads.
const FORBIDDEN = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/u;

// Anything that is neither white space nor a character that renders as nothing (ZWSP, fillers).
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}]/u;

/**
 * The length of `text` as a person counts it: user-perceived characters (grapheme clusters), so a
 * family emoji or a flag is one.
 *
 * @example
 * visibleLength('👩‍👩‍👧‍👦 é'); // 3
 */
export function visibleLength(text: string): number {
  return Array.from(graphemes.segment(text)).length;
}

/** Whether `text` holds a control character, a lone surrogate or a bidi override. */
export function hasForbiddenCharacters(text: string): boolean {
  return FORBIDDEN.test(text);
}

/** Whether `text` shows anything at all. */
export function hasVisibleCharacter(text: string): boolean {
  return VISIBLE.test(text);
}
