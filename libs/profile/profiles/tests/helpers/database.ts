import { type Database, openDatabase } from '@cruddur/profile/db';
import { migrateToLatest } from '@cruddur/profile/migrations';

/** A fresh in-memory PGlite database with every migration applied. */
export async function migratedDatabase(): Promise<Database> {
  const db = openDatabase({ DATABASE_URL: 'pglite://memory' });
  await migrateToLatest(db);
  return db;
}
