// The profile function's wiring, all of it: its database, its handlers (from @cruddur/profile/profiles)
// and the SNS subscription of its upload-outcome handler.
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import type { AvatarProcessedPublisher } from '@cruddur/avatars/processing';
import { type Database, openDatabase } from '@cruddur/profile/db';
import { migrateToLatest } from '@cruddur/profile/migrations';
import { API_ROUTES, type CallerIdentity } from '@cruddur/shared/contract';
import { snsNotification } from '@cruddur/shared/lambda-events';
import { type HttpApiRoute, apiRoute } from '@cruddur/local/http-api';
import { type DurableInvoker, LOCAL_ACCOUNT_ID } from '@cruddur/local/lambda-invoker';
import { type SupersededRenditions, createProfileHandlers, ensureUser } from '@cruddur/profile/profiles';
import { localMetrics } from '../handlers/local-metrics';
import { handlerLogger, localFunction } from '../handlers/production-handlers';

export interface ProfileBackendOptions {
  /** PGlite's folder. */
  dbDir: string;
  region: string;
  assetsBaseUrl: string;
  origins: readonly string[];
  invoker: DurableInvoker;
  logLevel: LogLevel;
  log: (line: string) => void;
  /** Where the subscriber deletes superseded renditions and a removal the removed ones (the assets bucket). */
  renditions?: SupersededRenditions;
}

/** The profile side of the stack: its API routes and where "avatar processed" messages go. */
export interface ProfileBackend {
  routes: HttpApiRoute[];
  /** The thumbnail's publisher: an SNS topic whose one subscriber is the profile's handler. */
  publisher: AvatarProcessedPublisher;
  /** Gives these users a profile now, as their first signed-in request would. */
  ensureProfiles(users: readonly CallerIdentity[]): Promise<void>;
  close(): Promise<void>;
}

function avatarProcessedTopicArn(region: string): string {
  return `arn:aws:sns:${region}:${LOCAL_ACCOUNT_ID}:avatar-processed`;
}

/**
 * Opens PGlite under `dbDir`, applies every pending migration, and builds the profile app's
 * handlers around it: `GET /api/profiles/{handle}` (public), `GET /api/profile`,
 * `PUT /api/profile/update`, `GET /avatars/uploads/{uploadId}` and `DELETE /api/profile/avatar`
 * (behind the authorizer; the removal deletes renditions where the subscriber prunes them), and the
 * SNS-triggered subscriber of upload outcomes ("avatar processed", "avatar rejected").
 */
export async function startProfileBackend(options: ProfileBackendOptions): Promise<ProfileBackend> {
  const db: Database = openDatabase({ DATABASE_URL: `pglite://${options.dbDir}` });
  try {
    const applied = await migrateToLatest(db);
    options.log(applied.length > 0 ? `db: applied migrations ${applied.join(', ')}` : 'db: schema up to date');
  } catch (error) {
    await db.close();
    throw error;
  }

  const handlers = createProfileHandlers({
    db,
    logger: handlerLogger('profile', { logLevel: options.logLevel }),
    assetsBaseUrl: options.assetsBaseUrl,
    origins: options.origins,
    metrics: localMetrics(options.log),
    renditions: options.renditions,
  });
  const subscriberFn = localFunction('avatarProcessed', options.region);
  const topicArn = avatarProcessedTopicArn(options.region);
  options.invoker.register(subscriberFn, handlers.avatarProcessed);

  const publisher: AvatarProcessedPublisher = {
    // Like SNS: publishing succeeds once the message is stored (journaled); delivery to the subscriber is asynchronous, retried, then parked.
    async publish(message) {
      const event = snsNotification({
        topicArn,
        region: options.region,
        message: JSON.stringify(message),
        attributes: { type: message.type },
      });
      await options.invoker.enqueue(subscriberFn.name, event, `avatar processed ${message.sub}/${message.version}`);
    },
  };

  return {
    routes: [
      apiRoute(API_ROUTES.getProfile, localFunction('getProfile', options.region), handlers.getProfile),
      apiRoute(API_ROUTES.getOwnProfile, localFunction('getOwnProfile', options.region), handlers.getOwnProfile),
      apiRoute(API_ROUTES.updateProfile, localFunction('updateProfile', options.region), handlers.updateProfile),
      apiRoute(API_ROUTES.getAvatarUploadStatus, localFunction('getUploadStatus', options.region), handlers.getUploadStatus),
      apiRoute(API_ROUTES.removeAvatar, localFunction('removeAvatar', options.region), handlers.removeAvatar),
    ],
    publisher,
    ensureProfiles: async (users) => {
      for (const user of users) await ensureUser(db, user);
    },
    close: () => db.close(),
  };
}
