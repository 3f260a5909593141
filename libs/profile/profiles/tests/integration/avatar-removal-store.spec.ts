import { avatarProcessedMessage, uploadId } from '@cruddur/testing/fixtures';
import type { Database } from '@cruddur/profile/db';
import { ensureUser } from '../../src';
import { parseAvatarProcessedMessage } from '../../src/avatar';
import { pendingAvatarPurges, markAvatarPurged, removalFloor, removeAvatar, renditionsKeptFrom } from '../../src/avatar-removal-store';
import { recordAvatar } from '../../src/profile-store';
import { migratedDatabase } from '../helpers/database';

const ALICE = { sub: '11111111-1111-4111-8111-111111111111', username: 'alice' };
const T = Date.UTC(2026, 11, 1, 13, 0, 0);
const avatar = (version: string, sub = ALICE.sub) => parseAvatarProcessedMessage(JSON.stringify(avatarProcessedMessage(sub, version)));

describe('avatar removal on PGlite', () => {
  let db: Database;
  beforeAll(async () => {
    db = await migratedDatabase();
  });
  afterAll(() => db.close());
  beforeEach(() => db.query('TRUNCATE users'));

  const shown = async () => (await ensureUser(db, ALICE)).avatar?.version ?? null;

  it('makes the avatar null and says which version it removed', async () => {
    const v1 = uploadId(T - 60_000);
    await ensureUser(db, ALICE);
    await recordAvatar(db, avatar(v1));
    expect(await removeAvatar(db, ALICE, new Date(T))).toEqual({ removedVersion: v1, removedBefore: removalFloor(new Date(T)) });
    expect(await shown()).toBeNull();
    expect((await db.query('SELECT avatar_keys FROM users')).rows).toEqual([{ avatar_keys: null }]);
  });

  it("clears the removed avatar's placeholder with it", async () => {
    const placeholder = 'HPYAFwKAioaHeIh3iHh4h4h3B4eHf4gH';
    await ensureUser(db, ALICE);
    const withPlaceholder = parseAvatarProcessedMessage(JSON.stringify({ ...avatarProcessedMessage(ALICE.sub, uploadId(T - 60_000)), placeholder }));
    await recordAvatar(db, withPlaceholder);
    expect((await db.query('SELECT avatar_placeholder FROM users')).rows).toEqual([{ avatar_placeholder: placeholder }]);
    await removeAvatar(db, ALICE, new Date(T));
    expect((await db.query('SELECT avatar_placeholder FROM users')).rows).toEqual([{ avatar_placeholder: null }]);
  });

  it('is idempotent: without an avatar (or a profile) it removes nothing and succeeds', async () => {
    expect(await removeAvatar(db, ALICE, new Date(T))).toEqual({ removedVersion: null, removedBefore: removalFloor(new Date(T)) });
    expect(await removeAvatar(db, ALICE, new Date(T + 5))).toEqual({ removedVersion: null, removedBefore: removalFloor(new Date(T + 5)) });
    expect(await shown()).toBeNull();
  });

  it('never moves the floor back (a removal with a slower clock after a faster one)', async () => {
    await removeAvatar(db, ALICE, new Date(T));
    expect((await removeAvatar(db, ALICE, new Date(T - 10_000))).removedBefore).toBe(removalFloor(new Date(T)));
  });

  it('refuses a pending upload issued before the removal, and records one issued after it', async () => {
    await ensureUser(db, ALICE);
    await recordAvatar(db, avatar(uploadId(T - 60_000)));
    await removeAvatar(db, ALICE, new Date(T));
    expect(await recordAvatar(db, avatar(uploadId(T - 1_000)))).toBe('stale');
    expect(await recordAvatar(db, avatar(uploadId(T, 'ffffffffffffffff')))).toBe('stale');
    expect(await shown()).toBeNull();
    const after = uploadId(T + 1, '0000000000000000');
    expect(await recordAvatar(db, avatar(after))).toBe('recorded');
    expect(await shown()).toBe(after);
  });

  it('refuses the removed version itself even when its id is later than the removal clock (skewed servers)', async () => {
    const ahead = uploadId(T + 30_000);
    await ensureUser(db, ALICE);
    await recordAvatar(db, avatar(ahead));
    const removal = await removeAvatar(db, ALICE, new Date(T));
    expect(removal.removedBefore).toBe(`${ahead}~`);
    expect(await recordAvatar(db, avatar(ahead))).toBe('stale');
    expect(await recordAvatar(db, avatar(uploadId(T + 30_000, 'ffffffffffffffff')))).toBe('recorded');
  });

  it('ends without an avatar in either order of a removal and the late delivery of an earlier upload', async () => {
    const earlier = uploadId(T - 1_000);
    // The delivery first: recorded, then removed.
    await ensureUser(db, ALICE);
    expect(await recordAvatar(db, avatar(earlier))).toBe('recorded');
    await removeAvatar(db, ALICE, new Date(T));
    expect(await shown()).toBeNull();

    await db.query('TRUNCATE users');
    // The removal first: the delivery is stale.
    await removeAvatar(db, ALICE, new Date(T));
    expect(await recordAvatar(db, avatar(earlier))).toBe('stale');
    expect(await shown()).toBeNull();
  });

  it('ends without an avatar when both are sent at once, and keeps a newer upload that races a removal', async () => {
    await ensureUser(db, ALICE);
    const [recorded] = await Promise.all([recordAvatar(db, avatar(uploadId(T - 1_000))), removeAvatar(db, ALICE, new Date(T))]);
    expect(['recorded', 'stale']).toContain(recorded);
    expect(await shown()).toBeNull();

    // An upload issued after the removal's clock: kept when it lands after the removal, removed
    // with the rest when it landed first (the removal takes whatever the profile shows). Either way
    // the row agrees with itself, and a redelivery changes nothing.
    const newer = uploadId(T + 2_000);
    const [removal] = await Promise.all([removeAvatar(db, ALICE, new Date(T + 1_000)), recordAvatar(db, avatar(newer))]);
    const state = await shown();
    expect(state === null ? removal.removedVersion === newer && removal.removedBefore > newer : state === newer).toBe(true);
    await recordAvatar(db, avatar(newer));
    expect(await shown()).toBe(state);
  });

  it('keeps a newer upload recorded after the removal, and removes one recorded before it', async () => {
    const newer = uploadId(T + 2_000);
    await ensureUser(db, ALICE);
    await removeAvatar(db, ALICE, new Date(T + 1_000));
    expect(await recordAvatar(db, avatar(newer))).toBe('recorded');
    expect(await shown()).toBe(newer);
    expect((await removeAvatar(db, ALICE, new Date(T + 1_000))).removedVersion).toBe(newer);
    expect(await shown()).toBeNull();
  });

  it('keeps renditions from the shown version or, after a removal, from its floor; lists removals not purged yet', async () => {
    await ensureUser(db, ALICE);
    expect(await renditionsKeptFrom(db, ALICE.sub)).toBeNull();
    const v1 = uploadId(T - 1_000);
    await recordAvatar(db, avatar(v1));
    expect(await renditionsKeptFrom(db, ALICE.sub)).toBe(v1);
    const { removedBefore } = await removeAvatar(db, ALICE, new Date(T));
    expect(await renditionsKeptFrom(db, ALICE.sub)).toBe(removedBefore);
    expect(await pendingAvatarPurges(db)).toEqual([{ sub: ALICE.sub, removedBefore }]);
    await markAvatarPurged(db, ALICE.sub, removedBefore);
    expect(await pendingAvatarPurges(db)).toEqual([]);
    const v2 = uploadId(T + 1_000);
    await recordAvatar(db, avatar(v2));
    expect(await renditionsKeptFrom(db, ALICE.sub)).toBe(v2);
  });
});
