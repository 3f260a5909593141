import type { Pool } from 'pg';

/** A row as the driver returns it: column name to parsed value. */
export type Row = Record<string, unknown>;

export interface QueryResult<R extends Row = Row> {
  rows: R[];
  /** Rows returned, inserted, updated or deleted by the statement. */
  rowCount: number;
}

/** Something that runs SQL with `$1`-style parameters: the database, or one open transaction. */
export interface Queryable {
  /**
   * Runs one statement with parameters, or, without parameters, a script of several statements
   * (the simple query protocol, as migrations need).
   */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
}

/**
 * The one database interface the profile code uses; whether Postgres or embedded PGlite is behind it
 * is decided by {@link openDatabase}.
 */
export interface Database extends Queryable {
  /** Which engine is behind this database (for logs and tools, never for SQL dialect choices). */
  readonly engine: 'postgres' | 'pglite';
  /**
   * Runs `fn` in a transaction on one connection: committed when `fn` resolves, rolled back when it
   * throws. Use the `tx` it is given, not the database, inside `fn`: PGlite has a single connection.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** The `pg` pool behind the database, for tools that manage their own connections (the migrator). */
  pool(): Promise<Pool>;
  /** Ends the pool and, for PGlite, closes the database so its folder can be opened again. */
  close(): Promise<void>;
}
