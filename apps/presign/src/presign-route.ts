import middy from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import {
  InvalidUploadRequestError,
  UnsupportedContentTypeError,
  UploadTooLargeError,
  parseAvatarUploadRequest,
  presignAvatarUpload,
  type PresignConfig,
  type UploadUrlSigner,
} from '@cruddur/avatar-upload';
import { type CallerIdentity, type JsonBodyEvent, callerIdentity, httpApi, jsonResponse } from '@cruddur/http';
import { InvalidKeyError } from '@cruddur/s3-keys';
import type { APIGatewayProxyEventV2WithLambdaAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type PresignEvent = APIGatewayProxyEventV2WithLambdaAuthorizer<CallerIdentity>;

export interface PresignRouteDeps {
  signer: UploadUrlSigner;
  config: PresignConfig;
  logger: Logger;
  origins: readonly string[];
}

/** `POST /avatars/key_upload`: a presigned PUT for a new avatar of the caller. */
export function presignRoute({ signer, config, logger, origins }: PresignRouteDeps) {
  return middy<PresignEvent, APIGatewayProxyStructuredResultV2>()
    .use(
      httpApi({
        logger,
        origins,
        jsonBodyMaxBytes: 1024,
        errorStatuses: [
          [InvalidUploadRequestError, 400],
          [InvalidKeyError, 403],
          [UploadTooLargeError, 413],
          [UnsupportedContentTypeError, 415],
        ],
      }),
    )
    .handler(async (event) => {
      const { sub } = callerIdentity(event);
      const request = parseAvatarUploadRequest((event as unknown as JsonBodyEvent).body, { maxBytes: config.maxBytes });
      const ticket = await presignAvatarUpload(signer, config, sub, request);
      logger.info('upload url issued', { key: ticket.key, ...request, expiresAt: ticket.expiresAt });
      return jsonResponse(200, ticket);
    });
}
