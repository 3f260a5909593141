import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder of this repo's migrations (`libs/profile/migrations/sql`), found from this source file,
 * from a bundle that copied it beside itself, or from the workspace root as the current directory.
 *
 * @example
 * await migrateToLatest(db, { dir: defaultMigrationsDir() });
 */
export function defaultMigrationsDir(): string {
  const here = typeof __dirname === 'string' ? [path.resolve(__dirname, '../sql'), path.resolve(__dirname, 'sql')] : [];
  const candidates = [...here, path.resolve('libs/profile/migrations/sql')];
  return candidates.find((dir) => existsSync(dir)) ?? (candidates[0] as string);
}
