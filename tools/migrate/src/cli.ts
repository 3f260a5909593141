import { parseArgs } from 'node:util';
import { type Database, DatabaseConfigError, openDatabase } from '@cruddur/profile/db';
import {
  MigrationError,
  defaultMigrationsDir,
  generateMigration,
  migrateToLatest,
  migrationStatus,
  rollbackLastMigration,
} from '@cruddur/profile/migrations';

const USAGE = `Usage: migrate <command> [options]

Commands:
  generate <name>   create <yyyymmddhhmmss>_<name>.sql with empty "migrate:up" and "migrate:down" scripts
  migrate           apply every pending migration in order, each in its own transaction
  rollback          undo the last applied migration
  status            list the migrations, applied (with when) or pending

Options:
  --database-url <url>  pglite://<dir>, pglite://memory or postgres://… (default: $DATABASE_URL,
                        else $DATABASE_SECRET_ARN or the PG* variables)
  --dir <path>          migrations folder (default: libs/profile/migrations/sql)
  -h, --help            show this help

Applied migrations are recorded by name in the schema_migrations table.
A PGlite folder can be open in one process at a time: stop the local stack before migrating it.`;

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  env: Readonly<Record<string, string | undefined>>;
}

const COMMANDS = ['generate', 'migrate', 'rollback', 'status'] as const;
type Command = (typeof COMMANDS)[number];

function isCommand(value: string | undefined): value is Command {
  return (COMMANDS as readonly (string | undefined)[]).includes(value);
}

async function withDatabase<T>(env: CliIo['env'], databaseUrl: string | undefined, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = openDatabase(databaseUrl === undefined ? env : { ...env, DATABASE_URL: databaseUrl });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function runCommand(command: Command, args: string[], opts: { dir: string; databaseUrl?: string }, io: CliIo): Promise<number> {
  switch (command) {
    case 'generate': {
      if (args.length === 0) {
        io.stderr('generate needs a name, e.g. `migrate generate add_location_to_users`');
        return 2;
      }
      io.stdout(`created ${await generateMigration(args.join(' '), { dir: opts.dir })}`);
      return 0;
    }
    case 'migrate': {
      const applied = await withDatabase(io.env, opts.databaseUrl, (db) => migrateToLatest(db, { dir: opts.dir }));
      if (applied.length === 0) io.stdout('nothing to migrate: the schema is up to date');
      for (const name of applied) io.stdout(`applied ${name}`);
      return 0;
    }
    case 'rollback': {
      const undone = await withDatabase(io.env, opts.databaseUrl, (db) => rollbackLastMigration(db, { dir: opts.dir }));
      io.stdout(undone === undefined ? 'nothing to roll back: no migration is applied' : `rolled back ${undone}`);
      return 0;
    }
    case 'status': {
      const migrations = await withDatabase(io.env, opts.databaseUrl, (db) => migrationStatus(db, { dir: opts.dir }));
      for (const { name, appliedAt } of migrations) {
        io.stdout(appliedAt ? `applied  ${appliedAt.toISOString()}  ${name}` : `pending  ${' '.repeat(24)}  ${name}`);
      }
      const applied = migrations.filter((m) => m.appliedAt).length;
      io.stdout(`${applied} applied, ${migrations.length - applied} pending`);
      return 0;
    }
  }
}

/**
 * The `migrate` command line: parses `argv` (without `node` and the script), runs the command and
 * answers the exit code (0 done, 1 failed, 2 misused).
 *
 * @example
 * process.exitCode = await runMigrateCli(['status', '--database-url', 'pglite://.local/pgdata'], { stdout: console.log, stderr: console.error, env: process.env });
 */
export async function runMigrateCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'database-url': { type: 'string' },
        dir: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (!isCommand(command)) {
    io.stderr(`${command === undefined ? 'no command given' : `unknown command: ${command}`}\n\n${USAGE}`);
    return 2;
  }
  if (command !== 'generate' && args.length > 0) {
    io.stderr(`${command} takes no arguments\n\n${USAGE}`);
    return 2;
  }
  try {
    return await runCommand(command, args, { dir: values.dir ?? defaultMigrationsDir(), databaseUrl: values['database-url'] }, io);
  } catch (error) {
    const known = error instanceof MigrationError || error instanceof DatabaseConfigError;
    io.stderr(known ? (error as Error).message : `${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
