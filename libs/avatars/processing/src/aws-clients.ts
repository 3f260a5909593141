import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';

/**
 * How long the thumbnail's AWS calls may hang: a stalled connection or response ends in an error
 * the SDK retries (3 attempts in all) well within the function's 30 s timeout, instead of using it up.
 */
export const THUMBNAIL_AWS_TIMEOUTS = Object.freeze({ connectionTimeoutMs: 3000, socketIdleTimeoutMs: 5000, maxAttempts: 3 });

const requestHandler = () => ({ connectionTimeout: THUMBNAIL_AWS_TIMEOUTS.connectionTimeoutMs, socketTimeout: THUMBNAIL_AWS_TIMEOUTS.socketIdleTimeoutMs });

/**
 * The thumbnail's S3 client: path-style when an endpoint is given (s3rver, the local S3 front),
 * with connection and idle timeouts so that a stall fails and is retried.
 *
 * @example
 * const s3 = thumbnailS3Client({ endpoint: process.env.S3_ENDPOINT });
 */
export function thumbnailS3Client(config: Pick<S3ClientConfig, 'region' | 'credentials'> & { endpoint?: string }): S3Client {
  return new S3Client({ ...config, forcePathStyle: config.endpoint !== undefined, maxAttempts: THUMBNAIL_AWS_TIMEOUTS.maxAttempts, requestHandler: requestHandler() });
}

/**
 * The thumbnail's SNS client for the "avatar processed" topic, with the same timeouts.
 *
 * @example
 * const sns = thumbnailSnsClient();
 */
export function thumbnailSnsClient(): SNSClient {
  return new SNSClient({ maxAttempts: THUMBNAIL_AWS_TIMEOUTS.maxAttempts, requestHandler: requestHandler() });
}
