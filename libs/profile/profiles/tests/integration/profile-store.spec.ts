import { avatarProcessedMessage, uploadId } from '@cruddur/testing/fixtures';
import type { Database } from '@cruddur/profile/db';
import { ensureUser } from '../../src';
import { findProfileByHandle, recordAvatar, updateOwnProfile } from '../../src/profile-store';
import { parseAvatarProcessedMessage } from '../../src/avatar';
import { migratedDatabase } from '../helpers/database';

const avatar = (sub: string, version: string) => parseAvatarProcessedMessage(JSON.stringify(avatarProcessedMessage(sub, version)));

describe('profile store on PGlite', () => {
  let db: Database;
  beforeAll(async () => {
    db = await migratedDatabase();
  });
  afterAll(() => db.close());
  beforeEach(() => db.query('TRUNCATE users'));

  describe('ensureUser', () => {
    it('creates the row on first use with a handle and display name from the username, then returns the same', async () => {
      const first = await ensureUser(db, { sub: 'sub-1', username: 'Andrew.Brown' });
      expect(first).toEqual({ handle: 'andrewbrown', displayName: 'Andrew.Brown', bio: '', avatar: null });
      expect(await ensureUser(db, { sub: 'sub-1', username: 'renamed' })).toEqual(first);
      expect((await db.query('SELECT count(*)::int AS n FROM users')).rows).toEqual([{ n: 1 }]);
    });

    it('numbers the handle when it is taken, ignoring case (a username already ending in a number gets another)', async () => {
      const handles = [];
      for (const [i, username] of ['andrew', 'Andrew', 'ANDREW', 'andrew2'].entries()) {
        handles.push((await ensureUser(db, { sub: `sub-${i}`, username })).handle);
      }
      expect(handles).toEqual(['andrew', 'andrew2', 'andrew3', 'andrew22']);
    });

    it('keeps numbered handles of a 30-character username within 30 characters', async () => {
      const username = 'x'.repeat(40);
      const handles = [];
      for (let i = 0; i < 3; i += 1) handles.push((await ensureUser(db, { sub: `long-${i}`, username })).handle);
      expect(handles).toEqual(['x'.repeat(30), `${'x'.repeat(29)}2`, `${'x'.repeat(29)}3`]);
    });

    it('looks past a full first batch of numbered handles', async () => {
      await db.query(
        "INSERT INTO users (cognito_user_id, handle, display_name) SELECT 'taken-' || n, CASE WHEN n = 1 THEN 'busy' ELSE 'busy' || n END, 'x' FROM generate_series(1, 60) AS n",
      );
      expect((await ensureUser(db, { sub: 'late', username: 'busy' })).handle).toBe('busy61');
    });

    it('gives a handle to a user first seen through an avatar message, keeping the avatar', async () => {
      const version = uploadId(1767225600000);
      expect(await recordAvatar(db, avatar('early-bird', version))).toBe('recorded');
      expect((await db.query('SELECT handle FROM users')).rows).toEqual([{ handle: null }]);
      const profile = await ensureUser(db, { sub: 'early-bird', username: 'bird' });
      expect(profile).toMatchObject({ handle: 'bird', avatar: { version } });
    });
  });

  describe('findProfileByHandle', () => {
    it('finds a profile whatever the case of the handle, and nothing for unknown or malformed handles', async () => {
      await ensureUser(db, { sub: 'sub-1', username: 'andrew' });
      expect((await findProfileByHandle(db, 'ANDREW'))?.handle).toBe('andrew');
      expect(await findProfileByHandle(db, 'nobody')).toBeUndefined();
      expect(await findProfileByHandle(db, "andrew' OR '1'='1")).toBeUndefined();
    });

    it('does not show a user that has no handle yet', async () => {
      await recordAvatar(db, avatar('user', uploadId(1)));
      expect(await findProfileByHandle(db, 'user')).toBeUndefined();
    });
  });

  describe('updateOwnProfile', () => {
    it("changes only the caller's row, storing text verbatim", async () => {
      await ensureUser(db, { sub: 'alice', username: 'alice' });
      await ensureUser(db, { sub: 'bob', username: 'bob' });
      const weird = { displayName: "Bob'); DROP TABLE users;-- 👩‍👩‍👧‍👦", bio: '$1 \\x00 %s ${bio} مرحبا' };
      expect(await updateOwnProfile(db, { sub: 'bob', username: 'bob' }, weird)).toEqual({ handle: 'bob', avatar: null, ...weird });
      expect(await findProfileByHandle(db, 'alice')).toEqual({ handle: 'alice', displayName: 'alice', bio: '', avatar: null });
      expect(await findProfileByHandle(db, 'bob')).toMatchObject(weird);
    });

    it('creates the row of a caller never seen before', async () => {
      const profile = await updateOwnProfile(db, { sub: 'new', username: 'newcomer' }, { displayName: 'New', bio: 'hi' });
      expect(profile).toEqual({ handle: 'newcomer', displayName: 'New', bio: 'hi', avatar: null });
    });
  });

  describe('recordAvatar', () => {
    it('moves only forward: a newer version replaces, a repeated or older one is stale', async () => {
      await ensureUser(db, { sub: 'u', username: 'user_u' });
      const older = uploadId(1767225600000, 'ffffffffffffffff');
      const newer = uploadId(1767225600001, '0000000000000000');
      expect(await recordAvatar(db, avatar('u', newer))).toBe('recorded');
      expect(await recordAvatar(db, avatar('u', newer))).toBe('stale');
      expect(await recordAvatar(db, avatar('u', older))).toBe('stale');
      expect((await findProfileByHandle(db, 'user_u'))?.avatar?.version).toBe(newer);
      const newest = uploadId(1767225600001, '0000000000000001');
      expect(await recordAvatar(db, avatar('u', newest))).toBe('recorded');
      expect((await findProfileByHandle(db, 'user_u'))?.avatar).toEqual({ version: newest, keys: avatar('u', newest).keys, placeholder: null });
    });
  });
});
