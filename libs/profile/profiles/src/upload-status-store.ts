import type { UploadRejectionReason } from '@cruddur/shared/contract';
import type { Queryable } from '@cruddur/profile/db';
import type { AvatarKeys, AvatarRecord } from './avatar';
import type { UploadRejection } from './upload-outcome';

/** What is stored about a decided upload. */
export type UploadOutcomeRow =
  | { owner: string; uploadId: string; status: 'ready'; avatarKeys: AvatarKeys; avatarPlaceholder: string | null }
  | { owner: string; uploadId: string; status: 'rejected'; reason: UploadRejectionReason };

interface Row extends Record<string, unknown> {
  upload_id: string;
  cognito_user_id: string;
  status: 'ready' | 'rejected';
  reason: UploadRejectionReason | null;
  avatar_keys: AvatarKeys | null;
  avatar_placeholder: string | null;
}

/**
 * Records that an upload became an avatar. Repeats change nothing; a ready outcome replaces an
 * earlier rejection of the same upload (the renditions exist, so it is the truth), never the other way.
 *
 * @returns `recorded`, or `stale` when this outcome was known already
 *
 * @example
 * await recordUploadReady(db, avatar, { uploadedAt, decidedAt: processedAt });
 */
export async function recordUploadReady(
  db: Queryable,
  avatar: AvatarRecord,
  times: { uploadedAt: Date | undefined; decidedAt: Date },
): Promise<'recorded' | 'stale'> {
  const { rowCount } = await db.query(
    `INSERT INTO avatar_uploads (upload_id, cognito_user_id, status, avatar_keys, avatar_placeholder, uploaded_at, decided_at)
     VALUES ($1, $2, 'ready', $3::jsonb, $6, $4, $5)
     ON CONFLICT (upload_id) DO UPDATE
        SET status = 'ready', reason = NULL, avatar_keys = EXCLUDED.avatar_keys, avatar_placeholder = EXCLUDED.avatar_placeholder,
            decided_at = EXCLUDED.decided_at, updated_at = now()
      WHERE avatar_uploads.status = 'rejected' AND avatar_uploads.cognito_user_id = EXCLUDED.cognito_user_id`,
    [avatar.version, avatar.sub, JSON.stringify(avatar.keys), times.uploadedAt ?? null, times.decidedAt, avatar.placeholder],
  );
  return rowCount > 0 ? 'recorded' : 'stale';
}

/**
 * Records that the thumbnail refused an upload, unless its outcome is known already (a repeat, or
 * a ready outcome that a late duplicate event cannot undo).
 *
 * @returns `recorded`, or `stale` when the upload already had an outcome
 *
 * @example
 * await recordUploadRejected(db, rejection, new Date());
 */
export async function recordUploadRejected(db: Queryable, rejection: UploadRejection, receivedAt: Date): Promise<'recorded' | 'stale'> {
  const { rowCount } = await db.query(
    `INSERT INTO avatar_uploads (upload_id, cognito_user_id, status, reason, uploaded_at, decided_at)
     VALUES ($1, $2, 'rejected', $3, $4, $5)
     ON CONFLICT (upload_id) DO NOTHING`,
    [rejection.uploadId, rejection.sub, rejection.reason, rejection.uploadedAt ?? null, rejection.rejectedAt ?? receivedAt],
  );
  return rowCount > 0 ? 'recorded' : 'stale';
}

/**
 * The stored outcome of an upload, whoever owns it (the caller decides what to show), or undefined.
 *
 * @example
 * const row = await findUploadOutcome(db, '1767225600000-9f86d081884c7d65');
 */
export async function findUploadOutcome(db: Queryable, uploadId: string): Promise<UploadOutcomeRow | undefined> {
  const { rows } = await db.query<Row>(
    'SELECT upload_id, cognito_user_id, status, reason, avatar_keys, avatar_placeholder FROM avatar_uploads WHERE upload_id = $1',
    [uploadId],
  );
  const row = rows[0];
  if (row === undefined) return undefined;
  const base = { owner: row.cognito_user_id, uploadId: row.upload_id };
  // The table's check guarantees keys on a ready row and a reason on a rejected one.
  return row.status === 'ready'
    ? { ...base, status: 'ready', avatarKeys: row.avatar_keys as AvatarKeys, avatarPlaceholder: row.avatar_placeholder }
    : { ...base, status: 'rejected', reason: row.reason as UploadRejectionReason };
}
