import type { Queryable } from '@cruddur/profile/db';
import type { ProfileOwner } from './profile-store';
import { ensureUser } from './profile-store';

/** What one "remove avatar" did to the user's row. */
export interface AvatarRemoval {
  /** The version the profile showed until now, or null when it showed none. */
  removedVersion: string | null;
  /** Upload ids that sort before this were issued before the removal (or are the removed avatar): dead. */
  removedBefore: string;
}

/**
 * The first upload id issued after `now`: `<ms + 1>-0000000000000000`. An upload issued in the
 * removal's own millisecond counts as older (the removal wins a tie). Both times are server clocks
 * (presign's for the id, the profile function's here), so only their skew can misorder them.
 *
 * @example
 * removalFloor(new Date('2026-01-01T00:00:00Z')); // '1767225600001-0000000000000000'
 */
export function removalFloor(now: Date): string {
  const ms = now.getTime() + 1;
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > 9_999_999_999_999) throw new RangeError('removal time out of range');
  return `${String(ms).padStart(13, '0')}-${'0'.repeat(16)}`;
}

/**
 * Removes the caller's avatar in one statement: the profile shows none, and every upload issued
 * before `now` (and the removed version itself, whatever the clocks say) can no longer become the
 * avatar. The row is locked for the statement, so a concurrent `recordAvatar` lands either before
 * (and is removed) or after (and is refused as stale). Removing without an avatar is a no-op but
 * for moving the floor forward. A user without a profile gets one, as on any signed-in request.
 *
 * @example
 * const { removedVersion, removedBefore } = await removeAvatar(db, callerIdentity(event), new Date());
 */
export async function removeAvatar(db: Queryable, owner: ProfileOwner, now: Date): Promise<AvatarRemoval> {
  await ensureUser(db, owner);
  const { rows } = await db.query<{ removed_version: string | null; removed_before: string }>(
    `UPDATE users AS u
        SET avatar_version = NULL,
            avatar_keys = NULL,
            avatar_placeholder = NULL,
            avatar_updated_at = now(),
            avatar_removed_before = GREATEST(u.avatar_removed_before, u.avatar_version || '~', $2::text COLLATE "C"),
            updated_at = now()
       FROM (SELECT cognito_user_id, avatar_version FROM users WHERE cognito_user_id = $1 FOR UPDATE) AS before
      WHERE u.cognito_user_id = before.cognito_user_id
     RETURNING before.avatar_version AS removed_version, u.avatar_removed_before AS removed_before`,
    [owner.sub, removalFloor(now)],
  );
  const row = rows[0];
  if (!row) throw new Error('profile row vanished during the avatar removal');
  return { removedVersion: row.removed_version, removedBefore: row.removed_before };
}

/**
 * Records that the renditions before `removedBefore` are deleted (never moving back).
 *
 * @example
 * await markAvatarPurged(db, sub, removal.removedBefore);
 */
export async function markAvatarPurged(db: Queryable, sub: string, removedBefore: string): Promise<void> {
  await db.query(
    `UPDATE users SET avatar_purged_before = GREATEST(avatar_purged_before, $2::text COLLATE "C"), updated_at = now()
      WHERE cognito_user_id = $1`,
    [sub, removedBefore],
  );
}

/**
 * The oldest version whose renditions must stay: the one the profile shows, or, after a removal,
 * the removal's floor (a late upload from before it is garbage too). Null when the user has neither
 * (or no row): nothing is known to be superseded.
 *
 * @example
 * const keepFrom = await renditionsKeptFrom(db, sub);
 */
export async function renditionsKeptFrom(db: Queryable, sub: string): Promise<string | null> {
  const { rows } = await db.query<{ keep_from: string | null }>(
    'SELECT GREATEST(avatar_version, avatar_removed_before) AS keep_from FROM users WHERE cognito_user_id = $1',
    [sub],
  );
  return rows[0]?.keep_from ?? null;
}

/**
 * Users whose removal's renditions are not known to be deleted yet (the purge failed and was not
 * retried): what an operator or a retry drains.
 *
 * @example
 * for (const { sub, removedBefore } of await pendingAvatarPurges(db)) await purge(sub, removedBefore);
 */
export async function pendingAvatarPurges(db: Queryable, limit = 100): Promise<{ sub: string; removedBefore: string }[]> {
  const { rows } = await db.query<{ sub: string; removed_before: string }>(
    `SELECT cognito_user_id AS sub, avatar_removed_before AS removed_before FROM users
      WHERE avatar_removed_before IS NOT NULL
        AND (avatar_purged_before IS NULL OR avatar_purged_before < avatar_removed_before)
      ORDER BY avatar_removed_before LIMIT $1`,
    [limit],
  );
  return rows.map((row) => ({ sub: row.sub, removedBefore: row.removed_before }));
}
