import { InvalidMigrationFileError } from './errors';

/** `<14-digit UTC timestamp>_<snake_case name>.sql`: names sort by creation time. */
export const MIGRATION_FILE_NAME = /^(\d{14})_([a-z][a-z0-9_]*)\.sql$/;

const UP_MARKER = /^--\s*migrate:up\s*$/m;
const DOWN_MARKER = /^--\s*migrate:down\s*$/m;

/** The two scripts of a SQL migration file. */
export interface SqlMigration {
  up: string;
  down: string;
}

function hasStatements(script: string): boolean {
  return script
    .split('\n')
    .some((line) => line.trim() !== '' && !line.trim().startsWith('--'));
}

/**
 * Splits a migration file into its `-- migrate:up` and `-- migrate:down` scripts. Both must hold
 * SQL: a migration that cannot be rolled back is refused here, not discovered during a rollback.
 *
 * @example
 * parseSqlMigration('-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\nDROP TABLE t;\n', 'x.sql');
 */
export function parseSqlMigration(text: string, fileName: string): SqlMigration {
  const up = UP_MARKER.exec(text);
  const down = DOWN_MARKER.exec(text);
  if (!up || !down) throw new InvalidMigrationFileError(`${fileName}: needs a "-- migrate:up" and a "-- migrate:down" line`);
  if (down.index < up.index) throw new InvalidMigrationFileError(`${fileName}: "-- migrate:up" must come before "-- migrate:down"`);
  const rest = (from: number) => text.slice(from);
  if (UP_MARKER.test(rest(up.index + up[0].length)) || DOWN_MARKER.test(rest(down.index + down[0].length))) {
    throw new InvalidMigrationFileError(`${fileName}: each marker may appear only once`);
  }
  const migration = {
    up: text.slice(up.index + up[0].length, down.index).trim(),
    down: text.slice(down.index + down[0].length).trim(),
  };
  if (!hasStatements(migration.up)) throw new InvalidMigrationFileError(`${fileName}: the up script is empty`);
  if (!hasStatements(migration.down)) throw new InvalidMigrationFileError(`${fileName}: the down script is empty`);
  return migration;
}
