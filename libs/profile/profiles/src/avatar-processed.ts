import type { Queryable } from '@cruddur/profile/db';
import { type AvatarRecord, parseAvatarProcessedMessage } from './avatar';
import { InvalidAvatarMessageError } from './errors';
import { currentAvatarVersion, recordAvatar } from './profile-store';
import type { SupersededRenditions } from './superseded-renditions';

/** What became of one "avatar processed" message. */
export type AvatarMessageOutcome =
  | { status: 'recorded' | 'stale'; avatar: AvatarRecord; pruned: readonly string[] }
  | { status: 'rejected'; error: InvalidAvatarMessageError };

/**
 * Records the avatar an "avatar processed" message announces, unless the user already has it or a
 * newer one; then, given `renditions`, deletes the user's renditions older than the version the
 * profile now shows (the replaced one, or this message's own when it arrived late). A message that
 * can never be read is `rejected` (retrying cannot help); database and S3 errors are thrown, so the
 * delivery is retried (recording and pruning are both safe to repeat).
 *
 * @example
 * const outcome = await consumeAvatarProcessedMessage(db, record.Sns.Message, renditions);
 */
export async function consumeAvatarProcessedMessage(
  db: Queryable,
  message: string,
  renditions?: SupersededRenditions,
): Promise<AvatarMessageOutcome> {
  let avatar: AvatarRecord;
  try {
    avatar = parseAvatarProcessedMessage(message);
  } catch (error) {
    if (error instanceof InvalidAvatarMessageError) return { status: 'rejected', error };
    throw error;
  }
  const status = await recordAvatar(db, avatar);
  // Read back after recording: the database, not this message, says what the profile shows.
  const current = renditions ? await currentAvatarVersion(db, avatar.sub) : null;
  const pruned = renditions && current !== null ? await renditions.prune(avatar.sub, current) : [];
  return { status, avatar, pruned };
}
