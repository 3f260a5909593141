import { InvalidProfileUpdateError } from './errors';
import { hasForbiddenCharacters, hasVisibleCharacter, visibleLength } from './text';

export const DISPLAY_NAME_MAX_LENGTH = 50;
export const BIO_MAX_LENGTH = 160;

/** What a user may change on their own profile. */
export interface ProfileUpdate {
  displayName: string;
  bio: string;
}

const FIELDS = ['display_name', 'bio'] as const;

// A person's character is at most a few code units (the longest emoji sequences are ~14); more is
// stacked combining marks, which a grapheme count alone would let through by the kilobyte.
const CODE_UNITS_PER_CHARACTER = 16;

function requiredString(body: Record<string, unknown>, field: (typeof FIELDS)[number]): string {
  const value = body[field];
  if (value === undefined) throw new InvalidProfileUpdateError(`${field} is required`);
  if (typeof value !== 'string') throw new InvalidProfileUpdateError(`${field} must be a string`);
  if (hasForbiddenCharacters(value)) throw new InvalidProfileUpdateError(`${field} must not contain control characters`);
  return value;
}

/**
 * Checks the body of `PUT /api/profile/update`: exactly `display_name` (1–50 characters, something
 * visible) and `bio` (up to 160), no control characters. Text is kept verbatim, not trimmed.
 *
 * @throws InvalidProfileUpdateError naming the field at fault
 *
 * @example
 * parseProfileUpdate({ display_name: 'Andrew Brown', bio: 'Cloud 🌩️' }); // { displayName: 'Andrew Brown', bio: 'Cloud 🌩️' }
 */
export function parseProfileUpdate(body: unknown): ProfileUpdate {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidProfileUpdateError('body must be a JSON object');
  }
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).find((key) => !(FIELDS as readonly string[]).includes(key));
  if (unknown !== undefined) throw new InvalidProfileUpdateError(`unknown field: ${JSON.stringify(unknown.slice(0, 40))}`);

  const displayName = requiredString(fields, 'display_name');
  if (displayName.length > DISPLAY_NAME_MAX_LENGTH * CODE_UNITS_PER_CHARACTER) {
    throw new InvalidProfileUpdateError(`display_name must be 1 to ${DISPLAY_NAME_MAX_LENGTH} visible characters`);
  }
  const nameLength = visibleLength(displayName);
  if (nameLength < 1 || nameLength > DISPLAY_NAME_MAX_LENGTH || !hasVisibleCharacter(displayName)) {
    throw new InvalidProfileUpdateError(`display_name must be 1 to ${DISPLAY_NAME_MAX_LENGTH} visible characters`);
  }
  const bio = requiredString(fields, 'bio');
  if (bio.length > BIO_MAX_LENGTH * CODE_UNITS_PER_CHARACTER || visibleLength(bio) > BIO_MAX_LENGTH) throw new InvalidProfileUpdateError(`bio must be at most ${BIO_MAX_LENGTH} characters`);
  return { displayName, bio };
}
