import { DISPLAY_NAME_MAX_LENGTH, hasVisibleCharacter, withoutForbiddenCharacters } from '@cruddur/shared/contract';

/** A stored handle: lower-case letters, digits and `_`, 3 to 30 of them. */
export const HANDLE_PATTERN = /^[a-z0-9_]{3,30}$/;
const HANDLE_MAX_LENGTH = 30;
const FALLBACK_HANDLE = 'user';

/**
 * The handle a username asks for: lower-cased, accents dropped, only `[a-z0-9_]` kept, at most 30
 * characters; names that leave fewer than 3 become `user`/`user_<rest>`.
 *
 * @example
 * handleBase('Zoë.Smith'); // 'zoesmith'
 */
export function handleBase(username: string): string {
  const kept = username
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '')
    .slice(0, HANDLE_MAX_LENGTH);
  if (kept.length >= 3) return kept;
  return kept === '' ? FALLBACK_HANDLE : `${FALLBACK_HANDLE}_${kept}`;
}

/**
 * The `n`th handle to try for a base: the base itself, then the base with a number (2, 3, …),
 * shortened so the whole stays within 30 characters.
 *
 * @example
 * handleCandidate('andrew', 1); // 'andrew'
 * handleCandidate('andrew', 2); // 'andrew2'
 */
export function handleCandidate(base: string, n: number): string {
  if (n <= 1) return base;
  const suffix = String(n);
  return `${base.slice(0, HANDLE_MAX_LENGTH - suffix.length)}${suffix}`;
}

/** Whether `text` could be a handle in a lookup (any case); anything else cannot match a profile. */
export function isHandleLookup(text: string): boolean {
  return /^[A-Za-z0-9_]{3,30}$/.test(text);
}

/**
 * A new user's display name: their username without control characters, else their handle.
 *
 * @example
 * defaultDisplayName('Andrew Brown', 'andrewbrown'); // 'Andrew Brown'
 */
export function defaultDisplayName(username: string, handle: string): string {
  const cleaned = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(withoutForbiddenCharacters(username).trim())]
    .slice(0, DISPLAY_NAME_MAX_LENGTH)
    .map((part) => part.segment)
    .join('');
  return hasVisibleCharacter(cleaned) ? cleaned : handle;
}
