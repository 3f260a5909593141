import type { Queryable } from '@cruddur/profile/db';
import { type AvatarRecord, parseAvatarProcessedMessage } from './avatar';
import { InvalidAvatarMessageError } from './errors';
import { recordAvatar } from './profile-store';

/** What became of one "avatar processed" message. */
export type AvatarMessageOutcome =
  | { status: 'recorded' | 'stale'; avatar: AvatarRecord }
  | { status: 'rejected'; error: InvalidAvatarMessageError };

/**
 * Records the avatar an "avatar processed" message announces, unless the user already has it or a
 * newer one. A message that can never be read is `rejected` (retrying cannot help); database
 * errors are thrown, so the delivery is retried.
 *
 * @example
 * const outcome = await consumeAvatarProcessedMessage(db, record.Sns.Message);
 */
export async function consumeAvatarProcessedMessage(db: Queryable, message: string): Promise<AvatarMessageOutcome> {
  let avatar: AvatarRecord;
  try {
    avatar = parseAvatarProcessedMessage(message);
  } catch (error) {
    if (error instanceof InvalidAvatarMessageError) return { status: 'rejected', error };
    throw error;
  }
  return { status: await recordAvatar(db, avatar), avatar };
}
