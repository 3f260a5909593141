import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { type Migration, type MigrationProvider, sql } from 'kysely';
import { InvalidMigrationFileError } from './errors';
import { MIGRATION_FILE_NAME, parseSqlMigration } from './sql-migration-file';

/**
 * Kysely migrations from the `.sql` files of a folder, named by file (without `.sql`). Every `.sql`
 * file must be a valid migration: a misnamed one is an error, not silently skipped.
 *
 * @example
 * new Migrator({ db, provider: sqlMigrationProvider('libs/profile/migrations/sql') });
 */
export function sqlMigrationProvider(dir: string): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      const files = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
      const migrations: Record<string, Migration> = {};
      for (const file of files) {
        if (!MIGRATION_FILE_NAME.test(file)) {
          throw new InvalidMigrationFileError(`${file}: migration files are named <yyyymmddhhmmss>_<snake_case_name>.sql`);
        }
        const { up, down } = parseSqlMigration(await readFile(path.join(dir, file), 'utf8'), file);
        migrations[file.slice(0, -'.sql'.length)] = {
          // Without parameters the script goes through the simple query protocol: several statements run.
          up: async (db) => void (await sql.raw(up).execute(db)),
          down: async (db) => void (await sql.raw(down).execute(db)),
        };
      }
      return migrations;
    },
  };
}
