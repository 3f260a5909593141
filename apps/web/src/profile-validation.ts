import {
  BIO_MAX_LENGTH,
  DISPLAY_NAME_MAX_LENGTH,
  type ProfileTextField,
  type ProfileTextViolation,
  characterCount,
  profileTextViolation,
} from '@cruddur/shared/contract';

/** The API's rules for `PUT /api/profile/update` (the contract's), worded for people, so mistakes show while typing. */
export { BIO_MAX_LENGTH, DISPLAY_NAME_MAX_LENGTH, characterCount };

function message(label: string, violation: ProfileTextViolation): string {
  switch (violation.code) {
    case 'line-break':
      return `${label} must be on one line.`;
    case 'control-character':
      return `${label} must not contain control characters.`;
    case 'nothing-visible':
      return `${label} must show at least one character.`;
    case 'too-many-code-units':
      return `${label} has too many accents or marks stacked on its characters.`;
    case 'too-long':
      return `${label} must be at most ${violation.maxLength} characters (${violation.length - violation.maxLength} too many).`;
  }
}

function fieldError(field: ProfileTextField, label: string, text: string): string | null {
  const violation = profileTextViolation(field, text);
  return violation ? message(label, violation) : null;
}

/**
 * Why a display name would be refused, or `null` when the API will take it.
 *
 * @example
 * displayNameError('   '); // 'Display name must show at least one character.'
 */
export function displayNameError(text: string): string | null {
  return fieldError('display_name', 'Display name', text);
}

/**
 * Why a bio would be refused, or `null` when the API will take it; an empty bio is fine.
 *
 * @example
 * bioError('x'.repeat(161)); // 'Bio must be at most 160 characters (1 too many).'
 */
export function bioError(text: string): string | null {
  return fieldError('bio', 'Bio', text);
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
