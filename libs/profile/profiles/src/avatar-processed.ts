import type { Queryable } from '@cruddur/profile/db';
import type { AvatarRecord } from './avatar';
import { InvalidAvatarMessageError } from './errors';
import { renditionsKeptFrom } from './avatar-removal-store';
import { recordAvatar } from './profile-store';
import type { SupersededRenditions } from './superseded-renditions';
import { type UploadRejection, parseUploadOutcomeMessage } from './upload-outcome';
import { recordUploadReady, recordUploadRejected } from './upload-status-store';

/** What became of one message of the thumbnail's topic. */
export type AvatarMessageOutcome =
  | { status: 'recorded' | 'stale'; avatar: AvatarRecord; pruned: readonly string[] }
  | { status: 'recorded' | 'stale'; rejection: UploadRejection }
  | { status: 'rejected'; error: InvalidAvatarMessageError };

/**
 * Records what a message of the thumbnail's topic announces. "Avatar processed": the avatar,
 * unless the user already has it or a newer one, and the upload as ready; then, given `renditions`,
 * deletes the user's renditions older than the version the profile now shows (the replaced one, or
 * this message's own when it arrived late), or older than the user's last removal. "Avatar rejected": the upload as rejected with its
 * reason (the profile is untouched). Either is safe to repeat. A message that can never be read is
 * `rejected` (retrying cannot help); database and S3 errors are thrown, so the delivery is retried.
 *
 * @example
 * const outcome = await consumeAvatarProcessedMessage(db, record.Sns.Message, renditions);
 */
export async function consumeAvatarProcessedMessage(
  db: Queryable,
  message: string,
  renditions?: SupersededRenditions,
  now: Date = new Date(),
): Promise<AvatarMessageOutcome> {
  let outcome;
  try {
    outcome = parseUploadOutcomeMessage(message);
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: the parser throws nothing else; the rethrow is for a bug of ours, which is retried and parked in the DLQ rather than dropped as unreadable.
    if (error instanceof InvalidAvatarMessageError) return { status: 'rejected', error };
    throw error;
  }
  if (outcome.type === 'avatar.rejected') {
    return { status: await recordUploadRejected(db, outcome.rejection, now), rejection: outcome.rejection };
  }
  const { avatar } = outcome;
  const status = await recordAvatar(db, avatar);
  // After the profile, so that a ready upload always means its avatar was considered for the profile.
  await recordUploadReady(db, avatar, { uploadedAt: outcome.uploadedAt, decidedAt: outcome.processedAt ?? now });
  if (!renditions) return { status, avatar, pruned: [] };
  // Read back after recording: the database, not this message, says what the profile shows (or that it
  // was removed since). Recording has just written the user's row; were it deleted since, this upload
  // is the oldest worth keeping.
  const keepFrom = (await renditionsKeptFrom(db, avatar.sub)) ?? avatar.version;
  return { status, avatar, pruned: await renditions.prune(avatar.sub, keepFrom) };
}
