import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type Database, pgliteDatabase } from '@cruddur/profile/db';
import { defaultMigrationsDir, migrateToLatest } from '@cruddur/profile/migrations';
import { pgliteTemplate } from '@cruddur/testing/fixtures';

/** The migrations' names and SQL: a template migrated otherwise is never reused. */
function migrationsKey(): string {
  const dir = defaultMigrationsDir();
  return readdirSync(dir)
    .sort()
    .map((name) => `${name}\0${readFileSync(path.join(dir, name), 'utf8')}`)
    .join('\0');
}

/**
 * A fresh in-memory PGlite database with every migration applied: a copy of a template migrated
 * once per set of migrations (migrating a fresh PGlite took 4–7 s per test file; Stryker reruns
 * them for every mutant).
 */
export async function migratedDatabase(): Promise<Database> {
  const template = await pgliteTemplate('migrated', migrationsKey(), async (pglite) => {
    await migrateToLatest(await pgliteDatabase(pglite));
  });
  return pgliteDatabase(await PGlite.create({ loadDataDir: template }), { closePglite: true });
}
