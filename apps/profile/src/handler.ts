import { createMigrateHandler } from '@cruddur/profile/migrations';
import { createProfileHandlers, profileDepsFromEnv } from '@cruddur/profile/profiles';

const deps = profileDepsFromEnv(process.env);

/** Connects on first use; exported so whatever loaded this module outside Lambda can close it. */
export const database = deps.db;

export const { getProfile, getOwnProfile, updateProfile, getUploadStatus, removeAvatar, avatarProcessed, renditionsDeleted } = createProfileHandlers(deps);

/** CloudFormation custom resource (provider framework `onEvent`): applies pending migrations on deploy. */
export const migrate = createMigrateHandler(deps);
