export * from './errors';
export * from './sql-migration-file';
export * from './sql-migration-provider';
export * from './migrations-dir';
export * from './migrator';
export * from './generate-migration';
export * from './migrate-handler';
