import { type ProfileUpdateRequest, ProfileUpdateRequestSchema } from '@cruddur/shared/contract';
import { InvalidProfileUpdateError } from './errors';

/** What a user may change on their own profile. */
export interface ProfileUpdate {
  displayName: string;
  bio: string;
}

/**
 * The domain update from a body the contract's schema accepted.
 *
 * @example
 * profileUpdateFromRequest({ display_name: 'Andrew', bio: '' }); // { displayName: 'Andrew', bio: '' }
 */
export function profileUpdateFromRequest(body: ProfileUpdateRequest): ProfileUpdate {
  return { displayName: body.display_name, bio: body.bio };
}

/**
 * Checks the body of `PUT /api/profile/update` with the contract's schema, outside a handler (the
 * handler's parser middleware uses the same schema): exactly `display_name` (1–50 characters,
 * something visible) and `bio` (up to 160), no control characters. Text is kept verbatim, not trimmed.
 *
 * @throws InvalidProfileUpdateError naming the field at fault
 *
 * @example
 * parseProfileUpdate({ display_name: 'Andrew Brown', bio: 'Cloud 🌩️' }); // { displayName: 'Andrew Brown', bio: 'Cloud 🌩️' }
 */
export function parseProfileUpdate(body: unknown): ProfileUpdate {
  const result = ProfileUpdateRequestSchema.safeParse(body);
  // Stryker disable next-line OptionalChaining,StringLiteral: a failed parse always has an issue; the fallback only satisfies the type checker.
  if (!result.success) throw new InvalidProfileUpdateError(result.error.issues[0]?.message ?? 'body must be a JSON object');
  return profileUpdateFromRequest(result.data);
}
