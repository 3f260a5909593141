import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidMigrationNameError } from './errors';
import { MIGRATION_FILE_NAME } from './sql-migration-file';

export interface GenerateMigrationOptions {
  dir: string;
  now?: Date;
}

const NAME = /^[a-z][a-z0-9_]{0,79}$/;

function timestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, '').slice(0, 14);
}

function dateOf(stamp: string): Date {
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((at, i) => Number(stamp.slice(at, at + (i === 0 ? 4 : 2))));
  return new Date(Date.UTC(y as number, (mo as number) - 1, d, h, mi, s));
}

function template(name: string): string {
  return `-- ${name}: say why this change is needed.
-- Both scripts run in a transaction; the down script must undo the up script exactly.
-- migrate:up


-- migrate:down

`;
}

/**
 * Creates an empty migration file named `<UTC yyyymmddhhmmss>_<name>.sql`, always sorting after
 * the existing ones (even if the clock is behind the newest). `migrate` refuses it until both
 * scripts are written.
 *
 * @returns the path of the new file
 *
 * @example
 * await generateMigration('add location to users', { dir }); // '…/20261127101500_add_location_to_users.sql'
 */
export async function generateMigration(name: string, opts: GenerateMigrationOptions): Promise<string> {
  const snake = name.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (!NAME.test(snake)) {
    throw new InvalidMigrationNameError('a migration name is letters, digits, spaces, - and _, starting with a letter');
  }
  const stamps = (await readdir(opts.dir))
    .map((file) => MIGRATION_FILE_NAME.exec(file)?.[1])
    .filter((stamp): stamp is string => stamp !== undefined)
    .sort();
  const newest = stamps[stamps.length - 1];
  let stamp = timestamp(opts.now ?? new Date());
  if (newest !== undefined && stamp <= newest) stamp = timestamp(new Date(dateOf(newest).getTime() + 1000));
  const file = path.join(opts.dir, `${stamp}_${snake}.sql`);
  await writeFile(file, template(snake), { flag: 'wx' });
  return file;
}
