import type { Database } from '@cruddur/profile/db';
import { Kysely, type MigrationResult, type MigrationResultSet, Migrator, PostgresDialect } from 'kysely';
import { MigrationFailedError } from './errors';
import { defaultMigrationsDir } from './migrations-dir';
import { sqlMigrationProvider } from './sql-migration-provider';

/** Where applied migrations are recorded, one row per migration name. */
const MIGRATION_TABLE = 'schema_migrations';
const MIGRATION_LOCK_TABLE = 'schema_migrations_lock';

export interface MigrationOptions {
  /** The folder of `.sql` migrations; this repo's own by default. */
  dir?: string;
}

/** One migration and whether it is applied. */
export interface MigrationState {
  name: string;
  /** When it was applied, or undefined while pending. */
  appliedAt: Date | undefined;
}

async function migratorFor(db: Database, opts: MigrationOptions): Promise<Migrator> {
  // The Kysely instance is never destroyed: that would end the pool, which belongs to `db`.
  const kysely = new Kysely<Record<string, never>>({ dialect: new PostgresDialect({ pool: await db.pool() }) });
  return new Migrator({
    db: kysely,
    provider: sqlMigrationProvider(opts.dir ?? defaultMigrationsDir()),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
}

function succeeded(results: readonly MigrationResult[] | undefined): string[] {
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

function throwIfFailed({ error, results }: MigrationResultSet, direction: 'apply' | 'roll back'): void {
  if (error === undefined) return;
  const failed = results?.find((result) => result.status === 'Error')?.migrationName;
  const reason = error instanceof Error ? error.message : String(error);
  const message = failed === undefined ? `cannot ${direction} migrations: ${reason}` : `cannot ${direction} ${failed}: ${reason}`;
  throw new MigrationFailedError(message, failed, { cause: error });
}

/**
 * Applies every pending migration in name (timestamp) order, each in its own transaction together
 * with the row that records it, under an advisory lock. Running it again applies nothing.
 *
 * @returns the names of the migrations applied now
 * @throws MigrationFailedError when one fails: its transaction is rolled back, earlier ones stay applied
 *
 * @example
 * const db = openDatabase(process.env);
 * const applied = await migrateToLatest(db);
 */
export async function migrateToLatest(db: Database, opts: MigrationOptions = {}): Promise<string[]> {
  const migrator = await migratorFor(db, opts);
  const applied: string[] = [];
  for (;;) {
    const resultSet = await migrator.migrateUp();
    throwIfFailed(resultSet, 'apply');
    const names = succeeded(resultSet.results);
    if (names.length === 0) return applied;
    applied.push(...names);
  }
}

/**
 * Rolls back the last applied migration, in a transaction with the removal of its record.
 *
 * @returns its name, or undefined when none is applied
 *
 * @example
 * await rollbackLastMigration(db); // '20261126233200_add_avatar_version_to_users'
 */
export async function rollbackLastMigration(db: Database, opts: MigrationOptions = {}): Promise<string | undefined> {
  const resultSet = await (await migratorFor(db, opts)).migrateDown();
  throwIfFailed(resultSet, 'roll back');
  return succeeded(resultSet.results)[0];
}

/**
 * Every migration in the folder, in order, with when it was applied.
 *
 * @example
 * (await migrationStatus(db)).filter((m) => !m.appliedAt); // the pending ones
 */
export async function migrationStatus(db: Database, opts: MigrationOptions = {}): Promise<MigrationState[]> {
  const migrations = await (await migratorFor(db, opts)).getMigrations();
  return migrations.map(({ name, executedAt }) => ({ name, appliedAt: executedAt }));
}

/**
 * Migrations recorded as applied in the database that the folder does not hold: the database is
 * ahead of this code (an older bundle deployed again, or the rollback of a deploy that migrated).
 *
 * @example
 * const ahead = await unknownAppliedMigrations(db, defaultMigrationsDir());
 */
export async function unknownAppliedMigrations(db: Database, dir: string = defaultMigrationsDir()): Promise<string[]> {
  const { rows } = await db.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [MIGRATION_TABLE]);
  if (!rows[0]?.present) return [];
  const known = new Set(Object.keys(await sqlMigrationProvider(dir).getMigrations()));
  const applied = await db.query<{ name: string }>(`SELECT name FROM ${MIGRATION_TABLE} ORDER BY name`);
  return applied.rows.map((row) => row.name).filter((name) => !known.has(name));
}
