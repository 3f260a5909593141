import type { Queryable } from '@cruddur/profile/db';
import type { AvatarRecord } from './avatar';
import { InvalidAvatarMessageError } from './errors';
import { recordAvatar } from './profile-store';
import { type UploadRejection, parseUploadOutcomeMessage } from './upload-outcome';
import { recordUploadReady, recordUploadRejected } from './upload-status-store';

/** What became of one message of the thumbnail's topic. */
export type AvatarMessageOutcome =
  | { status: 'recorded' | 'stale'; avatar: AvatarRecord }
  | { status: 'recorded' | 'stale'; rejection: UploadRejection }
  | { status: 'rejected'; error: InvalidAvatarMessageError };

/**
 * Records what a message of the thumbnail's topic announces. "Avatar processed": the avatar,
 * unless the user already has it or a newer one, and the upload as ready. "Avatar rejected": the
 * upload as rejected with its reason (the profile is untouched). Either is safe to repeat. A
 * message that can never be read is `rejected` (retrying cannot help); database errors are
 * thrown, so the delivery is retried.
 *
 * @example
 * const outcome = await consumeAvatarProcessedMessage(db, record.Sns.Message);
 */
export async function consumeAvatarProcessedMessage(db: Queryable, message: string, now: Date = new Date()): Promise<AvatarMessageOutcome> {
  let outcome;
  try {
    outcome = parseUploadOutcomeMessage(message);
  } catch (error) {
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
  return { status, avatar };
}
