export { DatabaseConfigError, isUniqueViolation } from './errors';
export type { Database, Queryable } from './database';
export { openDatabase, pgliteDatabase } from './open-database';
export { waitForDatabase } from './wait-for-database';
