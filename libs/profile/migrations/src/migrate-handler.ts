import type { Logger } from '@aws-lambda-powertools/logger';
import { type Database, waitForDatabase } from '@cruddur/profile/db';
import { defaultMigrationsDir } from './migrations-dir';
import { migrateToLatest, unknownAppliedMigrations } from './migrator';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

/** The one physical id of the migrations custom resource: an update never replaces it. */
export const MIGRATIONS_RESOURCE_ID = 'cruddur-profile-schema-migrations';

export interface MigrateDeps {
  db: Database;
  logger: Logger;
  /** The folder of `.sql` migrations; by default the one bundled beside the handler (`sql/`). */
  dir?: string;
  /** How long to wait for a database that is not reachable yet (a paused Aurora Serverless v2 writer resumes in about 15 s). */
  connectAttempts?: number;
  retryDelayMs?: number;
}

/** What the CDK provider framework hands back to CloudFormation. */
export interface MigrateResponse {
  PhysicalResourceId: string;
  Data: {
    /** `migrated`: pending migrations applied (maybe none); `database-ahead`: see below; `skipped`: a delete. */
    Status: 'migrated' | 'database-ahead' | 'skipped';
    /** Comma-separated names of the migrations applied by this call. */
    Applied: string;
  };
}

/**
 * The `onEvent` handler of the CloudFormation custom resource that runs the migrations on deploy
 * (through the CDK provider framework, which reports the outcome to CloudFormation).
 *
 * - Create / Update: waits for the database, then applies every pending migration; a failed
 *   migration throws, so the deployment fails and rolls back before new handler code goes live.
 * - A database that already holds migrations this bundle does not know (the rollback of a deploy
 *   that migrated, or an older bundle deployed again) is left alone: migrations only add, and the
 *   newer schema stays. Failing here would leave the stack unable to roll back.
 * - Delete: never touches the schema; the data outlives the stack's functions.
 *
 * @example
 * export const migrate = createMigrateHandler(profileDepsFromEnv(process.env));
 */
export function createMigrateHandler(deps: MigrateDeps) {
  return async (event: CloudFormationCustomResourceEvent): Promise<MigrateResponse> => {
    const dir = deps.dir ?? defaultMigrationsDir();
    if (event.RequestType === 'Delete') {
      deps.logger.info('migrations resource deleted; the schema is kept');
      return { PhysicalResourceId: event.PhysicalResourceId, Data: { Status: 'skipped', Applied: '' } };
    }
    await waitForDatabase(deps.db, {
      attempts: deps.connectAttempts,
      delayMs: deps.retryDelayMs,
      onRetry: (attempt, error) =>
        deps.logger.warn('database not reachable yet, retrying', { attempt, reason: (error as Error).message }),
    });
    const ahead = await unknownAppliedMigrations(deps.db, dir);
    if (ahead.length > 0) {
      deps.logger.warn('the database holds migrations this bundle does not know; applying none', { ahead });
      return { PhysicalResourceId: MIGRATIONS_RESOURCE_ID, Data: { Status: 'database-ahead', Applied: '' } };
    }
    const applied = await migrateToLatest(deps.db, { dir });
    deps.logger.info(applied.length === 0 ? 'schema up to date' : 'migrations applied', { applied, requestType: event.RequestType });
    return { PhysicalResourceId: MIGRATIONS_RESOURCE_ID, Data: { Status: 'migrated', Applied: applied.join(',') } };
  };
}
