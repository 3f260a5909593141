import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Database } from '@cruddur/profile/db';
import { defaultMigrationsDir, migrateToLatest, migrationStatus, rollbackLastMigration } from '../../src';
import { MigrationFailedError } from '../../src/errors';
import { columnsOf, schemaSnapshot } from '../helpers/schema';
import { freshDatabase } from '../helpers/fresh-database';

const ALL = [
  '20261126233000_create_users',
  '20261126233100_add_bio_to_users',
  '20261126233200_add_avatar_version_to_users',
  '20261201110000_create_app_role',
  '20261201120000_create_avatar_uploads',
  '20261201130000_add_avatar_placeholder',
  '20261201131000_add_avatar_removal',
];

describe("this repo's migrations", () => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(() => db.close());

  it('applies every migration in timestamp order, records each by name, and a second run is a no-op', async () => {
    expect(await migrateToLatest(db)).toEqual(ALL);
    const recorded = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(recorded.rows.map((row) => row.name)).toEqual(ALL);
    const before = await schemaSnapshot(db);
    expect(await migrateToLatest(db)).toEqual([]);
    expect(await schemaSnapshot(db)).toEqual(before);
    expect(await columnsOf(db, 'users')).toEqual(
      ['avatar_keys', 'avatar_placeholder', 'avatar_purged_before', 'avatar_removed_before', 'avatar_updated_at', 'avatar_version', 'bio', 'cognito_user_id', 'created_at', 'display_name', 'handle', 'updated_at', 'uuid'],
    );
    expect(await columnsOf(db, 'avatar_uploads')).toEqual(
      ['avatar_keys', 'avatar_placeholder', 'cognito_user_id', 'created_at', 'decided_at', 'reason', 'status', 'updated_at', 'upload_id', 'uploaded_at'],
    );
  });

  it('keeps an upload outcome whole: a ready one has keys and no reason, a rejected one a reason and no keys', async () => {
    const insert = (status: string, reason: string | null, keys: string | null, id = '1767225600000-9f86d081884c7d65') =>
      db.query(
        `INSERT INTO avatar_uploads (upload_id, cognito_user_id, status, reason, avatar_keys, decided_at) VALUES ($1, 'u-1', $2, $3, $4::jsonb, now())`,
        [id, status, reason, keys],
      );
    await expect(insert('ready', 'corrupt', '{}')).rejects.toThrow(/avatar_uploads_outcome_complete/);
    await expect(insert('rejected', null, null)).rejects.toThrow(/avatar_uploads_outcome_complete/);
    await expect(insert('pending', 'corrupt', null)).rejects.toThrow(/avatar_uploads_status/);
    await expect(insert('rejected', 'corrupt', null, '../1767225600000')).rejects.toThrow(/avatar_uploads_upload_id_format/);
    await insert('rejected', 'corrupt', null);
    await expect(insert('rejected', 'corrupt', null)).rejects.toThrow(/avatar_uploads_pkey/);
    await db.query('DELETE FROM avatar_uploads');
  });

  it('keeps only base64 text of a ThumbHash\'s length as a placeholder, or none', async () => {
    const insert = (table: 'users' | 'avatar_uploads', placeholder: string | null) =>
      table === 'users'
        ? db.query(`INSERT INTO users (cognito_user_id, avatar_placeholder) VALUES ('u-p', $1)`, [placeholder])
        : db.query(
            `INSERT INTO avatar_uploads (upload_id, cognito_user_id, status, reason, avatar_placeholder, decided_at)
             VALUES ('1767225600000-9f86d081884c7d65', 'u-p', 'rejected', 'corrupt', $1, now())`,
            [placeholder],
          );
    for (const table of ['users', 'avatar_uploads'] as const) {
      for (const bad of ['<svg onload=x>', 'A'.repeat(100), 'HPYA FwKA', 'AAAA']) {
        await expect(insert(table, bad)).rejects.toThrow(new RegExp(`${table}_avatar_placeholder_format`));
      }
      await insert(table, null);
      await db.query(`DELETE FROM ${table}`);
      await insert(table, 'HPYAFwKAioaHeIh3iHh4h4h3B4eHf4gH');
      await db.query(`DELETE FROM ${table}`);
    }
  });

  it('ends in the same schema after migrate, rollback, migrate', async () => {
    const migrated = await schemaSnapshot(db);
    expect(await rollbackLastMigration(db)).toBe(ALL[6]);
    expect(await columnsOf(db, 'users')).not.toContain('avatar_removed_before');
    expect(await columnsOf(db, 'users')).not.toContain('avatar_purged_before');
    expect(await columnsOf(db, 'users')).toContain('avatar_placeholder');
    expect(await rollbackLastMigration(db)).toBe(ALL[5]);
    expect(await columnsOf(db, 'users')).not.toContain('avatar_placeholder');
    expect(await columnsOf(db, 'avatar_uploads')).not.toContain('avatar_placeholder');
    expect(await rollbackLastMigration(db)).toBe(ALL[4]);
    expect(await columnsOf(db, 'avatar_uploads')).toEqual([]);
    expect(await rollbackLastMigration(db)).toBe(ALL[3]);
    expect(await rollbackLastMigration(db)).toBe(ALL[2]);
    expect(await columnsOf(db, 'users')).not.toContain('avatar_version');
    expect(await migrateToLatest(db)).toEqual([ALL[2], ALL[3], ALL[4], ALL[5], ALL[6]]);
    expect(await schemaSnapshot(db)).toEqual(migrated);
  });

  it('rolls back one migration at a time, the bio column included, then migrates up again', async () => {
    const migrated = await schemaSnapshot(db);
    expect(await rollbackLastMigration(db)).toBe(ALL[6]);
    expect(await rollbackLastMigration(db)).toBe(ALL[5]);
    expect(await rollbackLastMigration(db)).toBe(ALL[4]);
    expect(await rollbackLastMigration(db)).toBe(ALL[3]);
    expect(await rollbackLastMigration(db)).toBe(ALL[2]);
    expect(await rollbackLastMigration(db)).toBe(ALL[1]);
    expect(await columnsOf(db, 'users')).toEqual(['cognito_user_id', 'created_at', 'display_name', 'handle', 'updated_at', 'uuid']);
    expect(await rollbackLastMigration(db)).toBe(ALL[0]);
    expect(await schemaSnapshot(db)).toEqual({ columns: [], constraints: [], indexes: [] });
    expect(await rollbackLastMigration(db)).toBeUndefined();

    expect(await migrateToLatest(db)).toEqual(ALL);
    expect(await schemaSnapshot(db)).toEqual(migrated);
  });

  it('reports each migration as applied (with when) or pending', async () => {
    const applied = await migrationStatus(db);
    expect(applied.map((m) => m.name)).toEqual(ALL);
    expect(applied.every((m) => m.appliedAt instanceof Date)).toBe(true);
    await rollbackLastMigration(db);
    const status = await migrationStatus(db);
    expect(status.map((m) => m.appliedAt === undefined)).toEqual([false, false, false, false, false, false, true]);
    await migrateToLatest(db);
  });
});

describe('migrations that go wrong', () => {
  let dir: string;
  let db: Database;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cruddur-migrations-'));
    await cp(defaultMigrationsDir(), dir, { recursive: true });
    db = await freshDatabase();
  });
  afterEach(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves the schema untouched by a failing migration, keeping the ones before it', async () => {
    await writeFile(
      path.join(dir, '20991231235959_half_done.sql'),
      [
        '-- migrate:up',
        'CREATE TABLE half_done (id int);',
        'ALTER TABLE users ADD COLUMN oops text;',
        'SELECT 1 / 0;',
        '-- migrate:down',
        'DROP TABLE half_done;',
      ].join('\n'),
    );
    const error = await migrateToLatest(db, { dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationFailedError);
    expect((error as MigrationFailedError).migrationName).toBe('20991231235959_half_done');
    expect((error as Error).message).toMatch(/division by zero/);

    const status = await migrationStatus(db, { dir });
    expect(status.filter((m) => m.appliedAt).map((m) => m.name)).toEqual(ALL);
    expect(await columnsOf(db, 'half_done')).toEqual([]);
    expect(await columnsOf(db, 'users')).not.toContain('oops');

    const clean = await freshDatabase();
    try {
      await migrateToLatest(clean);
      expect(await schemaSnapshot(db)).toEqual(await schemaSnapshot(clean));
    } finally {
      await clean.close();
    }
  });

  it('refuses to run when an applied migration has lost its file', async () => {
    await migrateToLatest(db, { dir });
    await rm(path.join(dir, `${ALL[1]}.sql`));
    await expect(migrateToLatest(db, { dir })).rejects.toThrow(/previously executed migration .*add_bio_to_users is missing/);
  });

  it('refuses a new migration that sorts before an applied one', async () => {
    await migrateToLatest(db, { dir });
    await writeFile(path.join(dir, '20200101000000_too_old.sql'), '-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 1;\n');
    await expect(migrateToLatest(db, { dir })).rejects.toThrow(MigrationFailedError);
    expect(await migrationStatus(db, { dir })).toContainEqual({ name: '20200101000000_too_old', appliedAt: undefined });
  });
});
