import { UPLOAD_DECISION_WINDOW_SECONDS, UPLOAD_URL_EXPIRES_SECONDS, type UploadStatusJson } from '@cruddur/shared/contract';
import { uploadIdIssuedAt } from '@cruddur/storage/s3-keys';
import { InvalidUploadIdError, UploadNotFoundError } from './errors';
import { avatarJson } from './profile';
import type { UploadOutcomeRow } from './upload-status-store';

/** How long an upload with no outcome yet is pending. */
export interface UploadStatusTiming {
  /** The presign function's upload URL lifetime. */
  uploadUrlExpiresSeconds: number;
  /** After the URL expired, how long a late outcome may still arrive. */
  decisionWindowSeconds: number;
  /** How far in the future an id may have been issued by a fast clock (presign's) before it is impossible. */
  clockSkewSeconds: number;
}

export const DEFAULT_UPLOAD_STATUS_TIMING: UploadStatusTiming = Object.freeze({
  uploadUrlExpiresSeconds: UPLOAD_URL_EXPIRES_SECONDS,
  decisionWindowSeconds: UPLOAD_DECISION_WINDOW_SECONDS,
  clockSkewSeconds: 300,
});

/**
 * When an upload with this id can no longer get an outcome: its URL's expiry plus the decision window.
 *
 * @throws InvalidUploadIdError when `uploadId` is not an upload id
 *
 * @example
 * uploadDecisionDeadline('1767225600000-9f86d081884c7d65', DEFAULT_UPLOAD_STATUS_TIMING); // 2026-01-01T00:15:00.000Z
 */
export function uploadDecisionDeadline(uploadId: string, timing: UploadStatusTiming): Date {
  const issuedAt = uploadIdIssuedAt(uploadId);
  if (issuedAt === undefined) throw new InvalidUploadIdError();
  return new Date(issuedAt.getTime() + (timing.uploadUrlExpiresSeconds + timing.decisionWindowSeconds) * 1000);
}

/**
 * Where the caller's upload stands: its stored outcome, else `pending` until it can no longer be
 * decided, then `expired`. Someone else's upload is not found, whatever its state; so is an id
 * issued later than now (with clock skew), which no presign can have handed out yet.
 *
 * @throws InvalidUploadIdError when `uploadId` is not an upload id (a 400)
 * @throws UploadNotFoundError for another user's upload or an impossible id (a 404)
 *
 * @example
 * uploadStatusAnswer({ sub, uploadId, outcome: await findUploadOutcome(db, uploadId), now: new Date(), assetsBaseUrl, timing });
 */
export function uploadStatusAnswer(input: {
  sub: string;
  uploadId: string;
  outcome: UploadOutcomeRow | undefined;
  now: Date;
  assetsBaseUrl: string;
  timing: UploadStatusTiming;
}): UploadStatusJson {
  const { sub, uploadId, outcome, now, timing } = input;
  const issuedAt = uploadIdIssuedAt(uploadId);
  if (issuedAt === undefined) throw new InvalidUploadIdError();
  if (outcome !== undefined) {
    if (outcome.owner !== sub) throw new UploadNotFoundError();
    return outcome.status === 'ready'
      ? { status: 'ready', avatar: avatarJson({ version: outcome.uploadId, keys: outcome.avatarKeys, placeholder: outcome.avatarPlaceholder }, input.assetsBaseUrl) }
      : { status: 'rejected', reason: outcome.reason };
  }
  if (issuedAt.getTime() > now.getTime() + timing.clockSkewSeconds * 1000) throw new UploadNotFoundError();
  return now.getTime() > uploadDecisionDeadline(uploadId, timing).getTime() ? { status: 'expired' } : { status: 'pending' };
}
