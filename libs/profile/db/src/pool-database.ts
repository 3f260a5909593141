import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool, PoolClient, QueryResult as PgQueryResult } from 'pg';
import type { Database, QueryResult, Queryable, Row } from './database';
import { DatabaseClosedError, DatabaseModuleError, isPostgresError } from './errors';

export interface PoolDatabaseOptions {
  engine: Database['engine'];
  /** Runs after the pool has ended (PGlite closes itself here). */
  onClose?: () => Promise<void>;
}

/** Marks the async context of a running `transaction()`, to refuse the deadlock of a nested pool query. */
const openTransactions = new AsyncLocalStorage<Pool>();

async function run<R extends Row>(client: PoolClient, sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
  // No parameters: the simple query protocol, which also runs multi-statement scripts (one result each).
  const raw = params === undefined || params.length === 0 ? await client.query(sql) : await client.query(sql, [...params]);
  const results = (Array.isArray(raw) ? raw : [raw]) as PgQueryResult<R>[];
  const last = results[results.length - 1];
  return { rows: last?.rows ?? [], rowCount: last?.rowCount ?? 0 };
}

/** A statement error leaves the connection usable; anything else (a dropped socket) must not be reused. */
function releaseAfter(client: PoolClient, error: unknown): void {
  client.release(error === undefined || isPostgresError(error) ? undefined : (error as Error));
}

/**
 * A {@link Database} over a `pg` pool: each query borrows a connection and gives it back, and a
 * transaction keeps one connection from `BEGIN` to `COMMIT`/`ROLLBACK`.
 *
 * @example
 * const db = poolDatabase(new Pool({ connectionString }), { engine: 'postgres' });
 */
export function poolDatabase(pool: Pool, opts: PoolDatabaseOptions): Database {
  let closed = false;
  // An idle client dropped by the server (Aurora pausing, a failover) is emitted as 'error' on the
  // pool; unheard, that would kill the Lambda process. pg already discards the client.
  pool.on('error', (error) => console.warn(`idle database connection lost: ${error.message}`));

  async function connect(): Promise<PoolClient> {
    if (closed) throw new DatabaseClosedError();
    if (openTransactions.getStore() === pool) {
      throw new DatabaseModuleError('inside transaction(), query through its tx, not the database');
    }
    return pool.connect();
  }

  return {
    engine: opts.engine,

    async query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      const client = await connect();
      let failure: unknown;
      try {
        return await run<R>(client, sql, params);
      } catch (error) {
        failure = error;
        throw error;
      } finally {
        releaseAfter(client, failure);
      }
    },

    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await connect();
      let failure: unknown;
      let finished = false;
      const tx: Queryable = {
        query: <R extends Row = Row>(sql: string, params?: readonly unknown[]) => {
          if (finished) return Promise.reject(new DatabaseModuleError('transaction is already finished'));
          return run<R>(client, sql, params);
        },
      };
      try {
        await client.query('BEGIN');
        const result = await openTransactions.run(pool, () => fn(tx));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        failure = error;
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          failure = rollbackError;
        }
        throw error;
      } finally {
        finished = true;
        releaseAfter(client, failure);
      }
    },

    async pool(): Promise<Pool> {
      if (closed) throw new DatabaseClosedError();
      return pool;
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await pool.end();
      await opts.onClose?.();
    },
  };
}
