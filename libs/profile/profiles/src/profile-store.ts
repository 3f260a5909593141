import type { CallerIdentity } from '@cruddur/shared/contract';
import { type Queryable, isUniqueViolation } from '@cruddur/profile/db';
import type { AvatarKeys, AvatarRecord } from './avatar';
import { HandleUnavailableError } from './errors';
import { defaultDisplayName, handleBase, handleCandidate, isHandleLookup } from './handle';
import type { Profile } from './profile';
import type { ProfileUpdate } from './profile-update';

/** The caller, as the authorizer identified them (the contract's caller identity). */
export type ProfileOwner = CallerIdentity;

interface UserRow extends Record<string, unknown> {
  handle: string | null;
  display_name: string | null;
  bio: string;
  avatar_version: string | null;
  avatar_keys: AvatarKeys | null;
  avatar_placeholder: string | null;
}

const PROFILE_COLUMNS = 'handle, display_name, bio, avatar_version, avatar_keys, avatar_placeholder';
const HANDLE_CANDIDATES_PER_QUERY = 50;
const HANDLE_CANDIDATES_MAX = 1000;
/** Tries at claiming a free handle before giving up (each loss is a concurrent sign-up taking it). */
const HANDLE_CLAIM_ATTEMPTS = 5;

function toProfile(row: UserRow & { handle: string; display_name: string }): Profile {
  return {
    handle: row.handle,
    displayName: row.display_name,
    bio: row.bio,
    avatar:
      row.avatar_version === null || row.avatar_keys === null
        ? null
        : { version: row.avatar_version, keys: row.avatar_keys, placeholder: row.avatar_placeholder },
  };
}

function isProfileRow(row: UserRow | undefined): row is UserRow & { handle: string; display_name: string } {
  return row !== undefined && row.handle !== null && row.display_name !== null;
}

async function userBySub(db: Queryable, sub: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(`SELECT ${PROFILE_COLUMNS} FROM users WHERE cognito_user_id = $1`, [sub]);
  return rows[0];
}

async function freeHandle(db: Queryable, base: string): Promise<string> {
  for (let first = 1; first <= HANDLE_CANDIDATES_MAX; first += HANDLE_CANDIDATES_PER_QUERY) {
    const candidates = Array.from({ length: HANDLE_CANDIDATES_PER_QUERY }, (_, i) => handleCandidate(base, first + i));
    const { rows } = await db.query<{ handle: string }>('SELECT handle FROM users WHERE handle = ANY($1::text[])', [candidates]);
    const taken = new Set(rows.map((row) => row.handle));
    const free = candidates.find((candidate) => !taken.has(candidate));
    if (free !== undefined) return free;
  }
  throw new HandleUnavailableError(`no free handle for ${base}`);
}

/**
 * The public profile with this handle (any case), or undefined.
 *
 * @example
 * await findProfileByHandle(db, 'AndrewBrown');
 */
export async function findProfileByHandle(db: Queryable, handle: string): Promise<Profile | undefined> {
  if (!isHandleLookup(handle)) return undefined;
  const { rows } = await db.query<UserRow>(`SELECT ${PROFILE_COLUMNS} FROM users WHERE handle = $1`, [handle.toLowerCase()]);
  const row = rows[0];
  return isProfileRow(row) ? toProfile(row) : undefined;
}

/**
 * The caller's profile, created on first use: the row is keyed by the Cognito `sub`, and gets a
 * unique handle from the username (`andrew`, else `andrew2`, `andrew3`, …). A row that only an
 * avatar message created so far gets its handle now. Safe against concurrent first uses.
 *
 * @example
 * const profile = await ensureUser(db, callerIdentity(event));
 */
export async function ensureUser(db: Queryable, owner: ProfileOwner): Promise<Profile> {
  const existing = await userBySub(db, owner.sub);
  if (isProfileRow(existing)) return toProfile(existing);

  const base = handleBase(owner.username);
  for (let attempt = 0; attempt < HANDLE_CLAIM_ATTEMPTS; attempt += 1) {
    const handle = await freeHandle(db, base);
    try {
      const { rows } = await db.query<UserRow>(
        `INSERT INTO users (cognito_user_id, handle, display_name) VALUES ($1, $2, $3)
         ON CONFLICT (cognito_user_id) DO UPDATE
            SET handle = EXCLUDED.handle, display_name = EXCLUDED.display_name, updated_at = now()
          WHERE users.handle IS NULL
         RETURNING ${PROFILE_COLUMNS}`,
        [owner.sub, handle, defaultDisplayName(owner.username, handle)],
      );
      const created = rows[0];
      if (isProfileRow(created)) return toProfile(created);
      // Another request created this user's profile first: use theirs.
      const concurrent = await userBySub(db, owner.sub);
      if (isProfileRow(concurrent)) return toProfile(concurrent);
    } catch (error) {
      if (!isUniqueViolation(error, 'users_handle_key')) throw error;
    }
  }
  throw new HandleUnavailableError(`could not claim a handle for ${base}`);
}

/**
 * Replaces the caller's display name and bio. Only the caller's own row can change: it is chosen by
 * the `sub` from the authorizer, never by anything in the request body.
 *
 * @example
 * const profile = await updateOwnProfile(db, callerIdentity(event), parseProfileUpdate(event.body));
 */
export async function updateOwnProfile(db: Queryable, owner: ProfileOwner, update: ProfileUpdate): Promise<Profile> {
  await ensureUser(db, owner);
  const { rows } = await db.query<UserRow>(
    `UPDATE users SET display_name = $2, bio = $3, updated_at = now()
      WHERE cognito_user_id = $1
     RETURNING ${PROFILE_COLUMNS}`,
    [owner.sub, update.displayName, update.bio],
  );
  const row = rows[0];
  if (!isProfileRow(row)) throw new Error('profile row vanished during its update');
  return toProfile(row);
}

/**
 * Makes `avatar` the user's current avatar unless they already have this one or a newer one, or
 * removed their avatar after this upload was issued, in a single statement, so repeated or
 * out-of-order messages never go back to an older (or removed) avatar. A user
 * not seen yet gets a row (without handle) that their first authenticated request completes.
 *
 * @returns `recorded`, or `stale` when the stored avatar is this version or a later one, or a removal came after it
 *
 * @example
 * await recordAvatar(db, parseAvatarProcessedMessage(record.Sns.Message));
 */
export async function recordAvatar(db: Queryable, avatar: AvatarRecord): Promise<'recorded' | 'stale'> {
  const { rowCount } = await db.query(
    `INSERT INTO users (cognito_user_id, avatar_version, avatar_keys, avatar_placeholder, avatar_updated_at)
     VALUES ($1, $2, $3::jsonb, $4, now())
     ON CONFLICT (cognito_user_id) DO UPDATE
        SET avatar_version = EXCLUDED.avatar_version,
            avatar_keys = EXCLUDED.avatar_keys,
            avatar_placeholder = EXCLUDED.avatar_placeholder,
            avatar_updated_at = EXCLUDED.avatar_updated_at,
            updated_at = now()
      WHERE (users.avatar_version IS NULL OR users.avatar_version < EXCLUDED.avatar_version)
        AND (users.avatar_removed_before IS NULL OR users.avatar_removed_before <= EXCLUDED.avatar_version)`,
    [avatar.sub, avatar.version, JSON.stringify(avatar.keys), avatar.placeholder],
  );
  return rowCount > 0 ? 'recorded' : 'stale';
}

/**
 * The version of the avatar the user's profile shows now, or null.
 *
 * @example
 * const current = await currentAvatarVersion(db, sub);
 */
export async function currentAvatarVersion(db: Queryable, sub: string): Promise<string | null> {
  const { rows } = await db.query<{ avatar_version: string | null }>('SELECT avatar_version FROM users WHERE cognito_user_id = $1', [sub]);
  return rows[0]?.avatar_version ?? null;
}
