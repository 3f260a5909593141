/** Base class of the errors this package throws. */
export class DatabaseModuleError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DatabaseModuleError';
  }
}

/** The environment does not say which database to use, or says it in a way we cannot read. */
export class DatabaseConfigError extends DatabaseModuleError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DatabaseConfigError';
  }
}

/** The database was used after `close()`. */
export class DatabaseClosedError extends DatabaseModuleError {
  constructor(message = 'database is closed', options?: ErrorOptions) {
    super(message, options);
    this.name = 'DatabaseClosedError';
  }
}

/** An error Postgres reported for a statement (it has a SQLSTATE code); the connection stays usable. */
export interface PostgresErrorFields {
  code: string;
  severity?: string;
  constraint?: string;
}

/**
 * Whether `error` is an error Postgres reported for a statement, from `pg` or from PGlite.
 *
 * @example
 * if (isPostgresError(error) && error.code === '23505') retryWithAnotherHandle();
 */
export function isPostgresError(error: unknown): error is Error & PostgresErrorFields {
  if (!(error instanceof Error)) return false;
  const fields = error as Partial<PostgresErrorFields>;
  return typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code) && typeof fields.severity === 'string';
}

/**
 * Whether `error` is a unique violation (SQLSTATE 23505), optionally of one named constraint or index.
 *
 * @example
 * isUniqueViolation(error, 'users_handle_key');
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return isPostgresError(error) && error.code === '23505' && (constraint === undefined || error.constraint === constraint);
}
