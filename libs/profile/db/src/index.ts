export * from './errors';
export * from './database';
export * from './database-target';
export * from './database-secret';
export * from './iam-auth-token';
export * from './pool-database';
export * from './open-database';
export * from './wait-for-database';
