import { mkdir } from 'node:fs/promises';
import type { PGlite } from '@electric-sql/pglite';
import type { PoolConfig } from 'pg';
import type { Database, QueryResult, Queryable, Row } from './database';
import { databaseSecretConfig, readDatabaseSecret, sslFromEnv } from './database-secret';
import { databaseTarget, type DatabaseEnv, type DatabaseTarget } from './database-target';
import { type IamAuthOptions, rdsIamAuthToken } from './iam-auth-token';
import { DatabaseClosedError } from './errors';
import { poolDatabase } from './pool-database';

/** Room for the odd overlapping query; a Lambda instance serves one request at a time. */
const LAMBDA_POOL_MAX = 2;

/**
 * A {@link Database} over a PGlite instance the caller already has (the local stack's), behind a
 * one-connection `pg` pool (PGlite's own node-postgres adapter), so the same driver code runs
 * locally and in production. `close()` ends the pool; the PGlite instance is closed only when
 * `closePglite` says so.
 *
 * @example
 * const db = await pgliteDatabase(await PGlite.create('.local/pgdata'));
 * await migrateToLatest(db);
 */
export async function pgliteDatabase(pglite: PGlite, opts: { closePglite?: boolean } = {}): Promise<Database> {
  const [{ createPgConfig }, { Pool }] = await Promise.all([import('@electric-sql/pglite/node-postgres'), import('pg')]);
  // One connection at a time is all PGlite has; an idle timeout would end and reopen it needlessly.
  const pool = new Pool({ ...createPgConfig(pglite), max: 1, idleTimeoutMillis: 0 });
  return poolDatabase(pool, { engine: 'pglite', onClose: opts.closePglite ? () => pglite.close() : undefined });
}

/**
 * Opens embedded PGlite persisted under `dataDir` (created if missing), or in memory.
 *
 * @example
 * const db = await openPglite(undefined); // in memory
 */
async function openPglite(dataDir: string | undefined): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  return pgliteDatabase(await PGlite.create(dataDir), { closePglite: true });
}

/**
 * The `pg` pool settings of a Postgres target, the one path every server connection takes: the
 * password is the URL's, the secret's, `PGPASSWORD`, or (IAM authentication) a provider that signs
 * a token for each new connection.
 *
 * @example
 * const config = await databasePoolConfig(databaseTarget(process.env), process.env);
 */
export async function databasePoolConfig(
  target: Exclude<DatabaseTarget, { kind: 'pglite' }>,
  env: DatabaseEnv,
  iam: IamAuthOptions = {},
): Promise<PoolConfig> {
  const common: PoolConfig = { max: LAMBDA_POOL_MAX, connectionTimeoutMillis: 5000, idleTimeoutMillis: 60_000 };
  switch (target.kind) {
    case 'postgres':
      return { ...common, connectionString: target.connectionString };
    case 'secret':
      return { ...common, ...databaseSecretConfig(await readDatabaseSecret(target.secretArn), env) };
    case 'iam':
      return {
        ...common,
        host: target.host,
        port: target.port,
        user: target.user,
        database: target.database,
        password: rdsIamAuthToken(target, { region: env['AWS_REGION'], ...iam }),
        // IAM authentication requires TLS; verified unless PGSSLMODE says otherwise.
        ssl: sslFromEnv(env),
      };
    case 'pg-env':
      return common;
  }
}

async function connect(target: DatabaseTarget, env: DatabaseEnv): Promise<Database> {
  if (target.kind === 'pglite') return openPglite(target.dataDir);
  const [{ Pool }, config] = await Promise.all([import('pg'), databasePoolConfig(target, env)]);
  return poolDatabase(new Pool(config), { engine: 'postgres' });
}

/**
 * The database the environment points at: PGlite for `DATABASE_URL=pglite://<dir>` or
 * `pglite://memory`, otherwise Postgres through `pg` (`DATABASE_URL`, `DATABASE_SECRET_ARN`,
 * `DATABASE_HOST` with IAM authentication, or the `PG*` variables). The configuration is checked now; the connection is made on first use (and
 * retried on the next use if it failed), so a Lambda can build it at module scope.
 *
 * @example
 * const db = openDatabase(process.env);
 * const { rows } = await db.query('SELECT handle FROM users WHERE cognito_user_id = $1', [sub]);
 */
export function openDatabase(env: DatabaseEnv = process.env): Database {
  const target = databaseTarget(env);
  let opening: Promise<Database> | undefined;
  let closed = false;

  function opened(): Promise<Database> {
    if (closed) return Promise.reject(new DatabaseClosedError());
    opening ??= connect(target, env).catch((error: unknown) => {
      opening = undefined;
      throw error;
    });
    return opening;
  }

  return {
    engine: target.kind === 'pglite' ? 'pglite' : 'postgres',
    query: async <R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> =>
      (await opened()).query<R>(sql, params),
    transaction: async <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> => (await opened()).transaction(fn),
    pool: async () => (await opened()).pool(),
    close: async () => {
      if (closed) return;
      closed = true;
      const db = await opening?.catch(() => undefined);
      await db?.close();
    },
  };
}
