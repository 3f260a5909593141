import path from 'node:path';
import { FUNCTION_ENV } from '@cruddur/shared/contract';
import { DatabaseConfigError } from './errors';

/** Where the database is, as the environment describes it. */
export type DatabaseTarget =
  /** Embedded PGlite, persisted under `dataDir`, or in memory when `dataDir` is undefined. */
  | { kind: 'pglite'; dataDir: string | undefined }
  /** A Postgres server from a `postgres://` URL. */
  | { kind: 'postgres'; connectionString: string }
  /** A Postgres server whose address and credentials are in a Secrets Manager secret (RDS format). */
  | { kind: 'secret'; secretArn: string }
  /** An RDS/Aurora server signed into with IAM database authentication: a fresh token per connection. */
  | { kind: 'iam'; host: string; port: number; database: string; user: string }
  /** A Postgres server described by the standard `PGHOST`, `PGUSER`, … variables. */
  | { kind: 'pg-env' };

export type DatabaseEnv = Readonly<Record<string, string | undefined>>;

const PGLITE_SCHEME = 'pglite://';

const ENV = FUNCTION_ENV.profile;

function iamTarget(env: DatabaseEnv, host: string): DatabaseTarget {
  const user = env[ENV.databaseUser]?.trim();
  const database = env[ENV.databaseName]?.trim();
  if (!user || !database) throw new DatabaseConfigError('DATABASE_HOST needs DATABASE_USER and DATABASE_NAME (IAM database authentication)');
  const port = Number(env[ENV.databasePort]?.trim() || 5432);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new DatabaseConfigError('DATABASE_PORT must be a TCP port');
  return { kind: 'iam', host, port, database, user };
}

/**
 * Reads which database to use: `DATABASE_URL` (`pglite://<dir>`, `pglite://memory`,
 * `postgres://…`), else `DATABASE_SECRET_ARN`, else `DATABASE_HOST` (with `DATABASE_USER`,
 * `DATABASE_NAME`, optional `DATABASE_PORT`: IAM database authentication), else the `PG*` variables.
 *
 * @example
 * databaseTarget({ DATABASE_URL: 'pglite://.local/pgdata' }); // { kind: 'pglite', dataDir: '/abs/.local/pgdata' }
 */
export function databaseTarget(env: DatabaseEnv): DatabaseTarget {
  const url = env[ENV.databaseUrl]?.trim();
  if (url) {
    if (url.startsWith(PGLITE_SCHEME)) {
      const location = url.slice(PGLITE_SCHEME.length);
      if (location === 'memory') return { kind: 'pglite', dataDir: undefined };
      if (location === '') throw new DatabaseConfigError('DATABASE_URL pglite:// needs a folder, or "memory"');
      return { kind: 'pglite', dataDir: path.resolve(location) };
    }
    if (/^postgres(?:ql)?:\/\//.test(url)) return { kind: 'postgres', connectionString: url };
    throw new DatabaseConfigError('DATABASE_URL must be pglite://<dir>, pglite://memory or postgres://…');
  }
  const secretArn = env[ENV.databaseSecretArn]?.trim();
  if (secretArn) {
    if (!secretArn.startsWith('arn:')) throw new DatabaseConfigError('DATABASE_SECRET_ARN must be a secret ARN');
    return { kind: 'secret', secretArn };
  }
  const host = env[ENV.databaseHost]?.trim();
  if (host) return iamTarget(env, host);
  if (env['PGHOST']?.trim()) return { kind: 'pg-env' };
  throw new DatabaseConfigError('no database configured: set DATABASE_URL, DATABASE_SECRET_ARN, DATABASE_HOST or PGHOST');
}
