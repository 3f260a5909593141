import middy from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { renditionKeyVersion } from '@cruddur/storage/s3-keys';
import { type Tracer, traceLambdaHandler } from '@cruddur/shared/observability';
import type { EventBridgeEvent, S3ObjectDeletedNotificationEventDetail } from 'aws-lambda';
import type { AvatarCdn } from './avatar-cdn';

export interface RenditionsDeletedDeps {
  cdn: AvatarCdn;
  logger: Logger;
  tracer?: Tracer;
}

/** S3's "Object Deleted" event of the assets bucket, as EventBridge delivers it. */
export type RenditionDeletedEvent = EventBridgeEvent<'Object Deleted', S3ObjectDeletedNotificationEventDetail>;

/**
 * The assets bucket's "Object Deleted" events (EventBridge): invalidates the deleted rendition's
 * version on the CDN, so a removed or superseded avatar stops being served from edge caches. It
 * runs outside the database VPC, which has no route to the CloudFront API. A key outside the
 * rendition layout is logged and ignored; a CloudFront error fails the invocation, so EventBridge
 * retries it and then parks it in the dead-letter queue.
 */
export function renditionsDeletedHandler({ cdn, logger, tracer }: RenditionsDeletedDeps) {
  return middy<RenditionDeletedEvent, { invalidated: string | null }>()
    .use(traceLambdaHandler(tracer))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      const key = event.detail?.object?.key ?? '';
      const owner = renditionKeyVersion(key);
      if (!owner) {
        logger.warn('deleted object is not a rendition; nothing to invalidate', { key: key.slice(0, 300) });
        return { invalidated: null };
      }
      await cdn.invalidateVersion(owner.sub, owner.uploadId);
      logger.info('deleted rendition invalidated', { sub: owner.sub, version: owner.uploadId, key });
      return { invalidated: `${owner.sub}/${owner.uploadId}` };
    });
}
