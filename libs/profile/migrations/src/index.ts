export { MigrationError } from './errors';
export { defaultMigrationsDir } from './migrations-dir';
export { migrateToLatest, migrationStatus, rollbackLastMigration } from './migrator';
export { generateMigration } from './generate-migration';
export { createMigrateHandler } from './migrate-handler';
