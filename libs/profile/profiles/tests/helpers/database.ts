import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type Database, pgliteDatabase } from '@cruddur/profile/db';
import { defaultMigrationsDir, migrateToLatest } from '@cruddur/profile/migrations';

const TEMPLATE_DIR = path.resolve(__dirname, '../../../../../tmp/pglite-templates');
const PGLITE_VERSION = (JSON.parse(readFileSync(path.join(path.dirname(require.resolve('@electric-sql/pglite')), '../package.json'), 'utf8')) as { version: string }).version;

/** PGlite's version and the migrations' names and SQL: a template made otherwise is never reused. */
function migrationsKey(): string {
  const dir = defaultMigrationsDir();
  const hash = createHash('sha256').update(PGLITE_VERSION).update('\0');
  for (const name of readdirSync(dir).sort()) hash.update(name).update('\0').update(readFileSync(path.join(dir, name))).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/**
 * A migrated database's data folder as a tarball, made once per set of migrations and kept under
 * tmp/: migrating a fresh PGlite took 4–7 s per test file (each file of this lib opens its own, and
 * Stryker reruns them for every mutant), loading the tarball a fraction of that.
 */
async function migratedTemplate(): Promise<Blob> {
  const file = path.join(TEMPLATE_DIR, `migrated-${migrationsKey()}.tar`);
  if (!existsSync(file)) {
    const pglite = await PGlite.create();
    const db = await pgliteDatabase(pglite, { closePglite: true });
    try {
      await migrateToLatest(db);
      const dump = Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer());
      mkdirSync(TEMPLATE_DIR, { recursive: true });
      // Written whole then renamed: jest workers may race to make the same template.
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, dump);
      renameSync(partial, file);
    } finally {
      await db.close();
    }
  }
  return new Blob([readFileSync(file)]);
}

/** A fresh in-memory PGlite database with every migration applied (a copy of the template). */
export async function migratedDatabase(): Promise<Database> {
  const pglite = await PGlite.create({ loadDataDir: await migratedTemplate() });
  return pgliteDatabase(pglite, { closePglite: true });
}
