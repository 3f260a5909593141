import middy from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Queryable } from '@cruddur/profile/db';
import { type AvatarMetrics, type Tracer, publishMetrics, traceLambdaHandler } from '@cruddur/shared/observability';
import { consumeAvatarProcessedMessage } from './avatar-processed';
import type { SupersededRenditions } from './superseded-renditions';
import type { SNSEvent } from 'aws-lambda';

export interface AvatarProcessedDeps {
  db: Queryable;
  logger: Logger;
  /** `AvatarsRecorded`, flushed after every invocation. */
  metrics?: AvatarMetrics<'profile'>;
  /** X-Ray: each invocation a subsegment; in Lambda only (see `lambdaTracer`). */
  tracer?: Tracer;
  /** Where superseded renditions are deleted; omitted, they stay. */
  renditions?: SupersededRenditions;
  /** The clock an outcome is decided at when its message carries no time of its own (tests set it). */
  now?: () => Date;
}

export interface AvatarProcessedSummary {
  recorded: number;
  stale: number;
  rejected: number;
}

/**
 * The SNS subscriber of the thumbnail's topic: records each user's newest avatar and every upload's
 * outcome ("avatar processed" or "avatar rejected"), and deletes the renditions a new avatar
 * superseded. Unreadable messages are logged and dropped; a database or S3 error fails the
 * invocation so SNS delivers it again.
 */
export function avatarProcessedHandler({ db, logger, metrics, tracer, renditions, now = () => new Date() }: AvatarProcessedDeps) {
  return middy<SNSEvent, AvatarProcessedSummary>()
    .use(traceLambdaHandler(tracer))
    .use(publishMetrics(metrics, logger))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      const summary: AvatarProcessedSummary = { recorded: 0, stale: 0, rejected: 0 };
      for (const record of event.Records) {
        const messageId = record.Sns.MessageId;
        const outcome = await consumeAvatarProcessedMessage(db, record.Sns.Message, renditions, now());
        summary[outcome.status] += 1;
        // An avatar on a profile, not a rejection recorded on an upload.
        if (outcome.status === 'recorded' && 'avatar' in outcome) metrics?.record('avatarsRecorded');
        if (outcome.status === 'rejected') {
          logger.error('avatar processed message rejected', { messageId, errorName: outcome.error.name, reason: outcome.error.message });
        } else if ('rejection' in outcome) {
          const { sub, uploadId, reason } = outcome.rejection;
          logger.info(outcome.status === 'recorded' ? 'upload rejection recorded' : 'repeated upload rejection ignored', { messageId, sub, uploadId, reason });
        } else {
          const { sub, version } = outcome.avatar;
          logger.info(outcome.status === 'recorded' ? 'avatar recorded' : 'older or repeated avatar ignored', {
            messageId,
            sub,
            version,
            supersededRenditionsDeleted: outcome.pruned.length,
          });
        }
      }
      return summary;
    });
}
