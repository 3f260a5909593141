import { Logger } from '@aws-lambda-powertools/logger';
import { openDatabase } from '@cruddur/db';
import { originsFromEnv } from '@cruddur/http';
import { profileConfigFromEnv } from '@cruddur/profiles';
import { migrateHandler } from './migrate-handler';
import { profileHandlers } from './profile-handlers';

const logger = new Logger({ serviceName: process.env['POWERTOOLS_SERVICE_NAME'] ?? 'profile' });

/** Connects on first use; exported so whatever loaded this module outside Lambda can close it. */
export const database = openDatabase(process.env);

export const { getProfile, getOwnProfile, updateProfile, avatarProcessed } = profileHandlers({
  db: database,
  logger,
  assetsBaseUrl: profileConfigFromEnv(process.env).assetsBaseUrl,
  origins: originsFromEnv(process.env['ALLOWED_ORIGINS']),
});

/** CloudFormation custom resource (provider framework `onEvent`): applies pending migrations on deploy. */
export const migrate = migrateHandler({ db: database, logger });
