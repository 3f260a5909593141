import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultMigrationsDir, migrateToLatest } from '../../src';
import { unknownAppliedMigrations } from '../../src/migrator';
import { freshDatabase } from '../helpers/fresh-database';

describe('unknownAppliedMigrations', () => {
  it('is empty on a database never migrated, and on one migrated by the same folder', async () => {
    const db = await freshDatabase();
    try {
      expect(await unknownAppliedMigrations(db)).toEqual([]);
      await migrateToLatest(db);
      expect(await unknownAppliedMigrations(db)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('names the migrations a database holds that an older folder lacks', async () => {
    const db = await freshDatabase();
    const older = await mkdtemp(path.join(tmpdir(), 'older-migrations-'));
    try {
      await migrateToLatest(db);
      await cp(path.join(defaultMigrationsDir(), '20261126233000_create_users.sql'), path.join(older, '20261126233000_create_users.sql'));
      expect(await unknownAppliedMigrations(db, older)).toEqual([
        '20261126233100_add_bio_to_users',
        '20261126233200_add_avatar_version_to_users',
        '20261201110000_create_app_role',
        '20261201120000_create_avatar_uploads',
        '20261201130000_add_avatar_placeholder',
        '20261201131000_add_avatar_removal',
      ]);
    } finally {
      await db.close();
      await rm(older, { recursive: true, force: true });
    }
  });
});
