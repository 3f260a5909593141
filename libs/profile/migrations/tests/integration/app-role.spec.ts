import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Database } from '@cruddur/profile/db';
import { DATABASE_APP_USER } from '@cruddur/shared/contract';
import { defaultMigrationsDir, migrateToLatest, rollbackLastMigration } from '../../src';
import { freshDatabase } from '../helpers/fresh-database';

const APP_ROLE = DATABASE_APP_USER;

async function privileges(db: Database, table: string): Promise<Record<string, boolean>> {
  const kinds = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'];
  const { rows } = await db.query<Record<string, boolean>>(
    `SELECT ${kinds.map((kind) => `has_table_privilege('${APP_ROLE}', $1, '${kind}') AS "${kind}"`).join(', ')}`,
    [table],
  );
  return rows[0]!;
}

/** Runs `sql` as the application role, the way its IAM-authenticated connection would. */
async function asApp(db: Database, sql: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`SET LOCAL ROLE ${APP_ROLE}`);
    await tx.query(sql);
  });
}

// PGlite starts in seconds, which a loaded machine stretches; this bounds a hang, it times nothing.
const PGLITE_TIMEOUT_MS = 120_000;

describe('the application role (migration create_app_role, on PGlite)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase();
    await migrateToLatest(db);
  }, PGLITE_TIMEOUT_MS);
  afterAll(() => db.close());

  it('is the role the functions are configured to sign in as (the contract\'s DATABASE_APP_USER)', async () => {
    const sql = await readFile(path.join(defaultMigrationsDir(), '20261201110000_create_app_role.sql'), 'utf8');
    expect(sql).toContain(`CREATE ROLE ${DATABASE_APP_USER} LOGIN`);
  });

  it('is a login role, not a superuser, that may read, create and change profile rows, and nothing more', async () => {
    const { rows } = await db.query<{ rolcanlogin: boolean; rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>(
      'SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1',
      [APP_ROLE],
    );
    expect(rows).toEqual([{ rolcanlogin: true, rolsuper: false, rolcreaterole: false, rolcreatedb: false }]);
    expect(await privileges(db, 'users')).toEqual({ SELECT: true, INSERT: true, UPDATE: true, DELETE: false, TRUNCATE: false });
    expect(await privileges(db, 'schema_migrations')).toEqual({ SELECT: false, INSERT: false, UPDATE: false, DELETE: false, TRUNCATE: false });
    // PGlite has no rds_iam, so the migration skipped that grant instead of failing.
    expect((await db.query("SELECT 1 FROM pg_roles WHERE rolname = 'rds_iam'")).rows).toEqual([]);
  });

  it('works as the app: records a user, but cannot delete rows, touch the migrations or change the schema', async () => {
    await asApp(db, "INSERT INTO users (cognito_user_id) VALUES ('sub-1')");
    await asApp(db, "UPDATE users SET bio = 'hi' WHERE cognito_user_id = 'sub-1'");
    await expect(asApp(db, 'DELETE FROM users')).rejects.toThrow(/permission denied/);
    await expect(asApp(db, 'SELECT * FROM schema_migrations')).rejects.toThrow(/permission denied/);
    await expect(asApp(db, 'ALTER TABLE users ADD COLUMN x int')).rejects.toThrow(/must be (the )?owner|permission denied/);
    expect((await db.query("SELECT bio FROM users WHERE cognito_user_id = 'sub-1'")).rows).toEqual([{ bio: 'hi' }]);
  });

  it('gets the same rights on a table a later migration creates', async () => {
    await db.query('CREATE TABLE later_table (id int)');
    expect(await privileges(db, 'later_table')).toEqual({ SELECT: true, INSERT: true, UPDATE: true, DELETE: false, TRUNCATE: false });
  });
});

describe('the application role where rds_iam exists (RDS and Aurora) and the role already does', () => {
  it(
    'joins rds_iam, keeps the existing role (roles are cluster-wide), and its rollback removes it',
    async () => {
      const db = await freshDatabase();
      try {
        await db.query('CREATE ROLE rds_iam');
        await db.query(`CREATE ROLE ${APP_ROLE} LOGIN`);
        await migrateToLatest(db);
        const { rows } = await db.query<{ member: boolean }>(`SELECT pg_has_role('${APP_ROLE}', 'rds_iam', 'MEMBER') AS member`);
        expect(rows).toEqual([{ member: true }]);

        // The upload-status table came later and holds the role's default rights: it goes first.
        expect(await rollbackLastMigration(db)).toBe('20261201131000_add_avatar_removal');
        expect(await rollbackLastMigration(db)).toBe('20261201130000_add_avatar_placeholder');
        expect(await rollbackLastMigration(db)).toBe('20261201120000_create_avatar_uploads');
        expect(await rollbackLastMigration(db)).toBe('20261201110000_create_app_role');
        expect((await db.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE])).rows).toEqual([]);
        expect(await migrateToLatest(db)).toEqual([
          '20261201110000_create_app_role',
          '20261201120000_create_avatar_uploads',
          '20261201130000_add_avatar_placeholder',
          '20261201131000_add_avatar_removal',
        ]);
      } finally {
        await db.close();
      }
    },
    PGLITE_TIMEOUT_MS,
  );
});
