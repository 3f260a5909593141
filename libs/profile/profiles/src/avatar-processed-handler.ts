import middy from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Queryable } from '@cruddur/profile/db';
import { consumeAvatarProcessedMessage } from './avatar-processed';
import type { SupersededRenditions } from './superseded-renditions';
import type { SNSEvent } from 'aws-lambda';

export interface AvatarProcessedDeps {
  db: Queryable;
  logger: Logger;
  /** Where superseded renditions are deleted; omitted, they stay. */
  renditions?: SupersededRenditions;
}

export interface AvatarProcessedSummary {
  recorded: number;
  stale: number;
  rejected: number;
}

/**
 * The SNS subscriber for "avatar processed": records each user's newest avatar and deletes the
 * renditions it superseded. Unreadable messages are logged and dropped; a database or S3 error fails
 * the invocation so SNS delivers it again.
 */
export function avatarProcessedHandler({ db, logger, renditions }: AvatarProcessedDeps) {
  return middy<SNSEvent, AvatarProcessedSummary>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      const summary: AvatarProcessedSummary = { recorded: 0, stale: 0, rejected: 0 };
      for (const record of event.Records) {
        const messageId = record.Sns.MessageId;
        const outcome = await consumeAvatarProcessedMessage(db, record.Sns.Message, renditions);
        summary[outcome.status] += 1;
        if (outcome.status === 'rejected') {
          logger.error('avatar processed message rejected', { messageId, errorName: outcome.error.name, reason: outcome.error.message });
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
