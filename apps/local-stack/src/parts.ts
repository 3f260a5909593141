import type { AvatarProcessedPublisher } from '@cruddur/avatars/processing';
import { API_CORS, API_ROUTES, AUTHORIZER_CACHE_TTL_SECONDS, UPLOADS_BUCKET_CORS } from '@cruddur/shared/contract';
import { type HttpApiCors, type HttpApiRoute, apiRoute, createHttpApiGateway } from '@cruddur/local/http-api';
import type { DurableInvoker } from '@cruddur/local/lambda-invoker';
import { type BucketCorsRule, type LocalS3rver, type S3Credentials, SigV4Verifier, createS3Front } from '@cruddur/local/s3-front';
import { UPLOADS_PREFIX } from '@cruddur/storage/s3-keys';
import { type LocalAws, localAuthorizerHandler, localFunction, localPresignHandler, localThumbnailHandler } from './handlers/production-handlers';

/** What every part of the stack is configured from. */
export interface StackContext {
  aws: LocalAws;
  /** The credentials the S3 front accepts signatures of. */
  credentials: S3Credentials;
  invoker: DurableInvoker;
  log: (line: string) => void;
}

/** The uploads bucket's CORS rule, the contract's as infra deploys it: browsers PUT from the web origins. */
export function uploadsBucketCors(origins: readonly string[]): BucketCorsRule[] {
  return [{ allowedOrigins: origins, ...UPLOADS_BUCKET_CORS }];
}

/** The HTTP API's CORS preflight, the contract's as infra deploys it. */
export function apiCors(origins: readonly string[]): HttpApiCors {
  return { allowOrigins: origins, ...API_CORS };
}

/**
 * S3 as the handlers and the browser see it: the S3 front over s3rver, each upload sent to the
 * thumbnail function as S3 does (asynchronously, retried, then parked), journaled before the PUT is acknowledged.
 *
 * @example
 * servers.s3.on('request', localS3(context, s3rver, profile.publisher).handle);
 */
export function localS3(context: StackContext, store: LocalS3rver, publisher: AvatarProcessedPublisher) {
  const { aws, invoker } = context;
  const thumbnailFn = localFunction('thumbnail', aws.region);
  invoker.register(thumbnailFn, localThumbnailHandler(aws, publisher));
  return createS3Front({
    upstream: { socketPath: store.socketPath },
    verifier: new SigV4Verifier({ region: aws.region, credentials: [context.credentials] }),
    region: aws.region,
    cors: { [aws.uploadsBucket]: uploadsBucketCors(aws.origins) },
    notifications: [
      {
        bucket: aws.uploadsBucket,
        prefix: UPLOADS_PREFIX,
        configurationId: 'thumbnail-on-upload',
        deliver: (event) => invoker.enqueue(thumbnailFn.name, event, `s3://${aws.uploadsBucket}/${event.Records[0]?.s3.object.key}`),
      },
    ],
    log: context.log,
  });
}

/**
 * The HTTP API: the presign route and the profile routes, the real authorizer in front of the
 * protected ones, pointed at the local user pool.
 *
 * @example
 * servers.api.on('request', localHttpApi(context, profile.routes, issuer).handle);
 */
export function localHttpApi(context: StackContext, profileRoutes: readonly HttpApiRoute[], issuer: { issuer: string; jwksUri: string; clientId: string }) {
  const { aws } = context;
  const routes: HttpApiRoute[] = [
    apiRoute(API_ROUTES.presignAvatarUpload, localFunction('presign', aws.region), localPresignHandler(aws)),
    ...profileRoutes,
  ];
  return createHttpApiGateway({
    api: { apiId: 'local', region: aws.region, stage: '$default' },
    routes,
    // Results cached per token as in infra: the contract's TTL.
    authorizer: {
      fn: localFunction('authorizer', aws.region),
      handler: localAuthorizerHandler(aws, issuer),
      resultsCacheTtlSeconds: AUTHORIZER_CACHE_TTL_SECONDS,
    },
    cors: apiCors(aws.origins),
    log: context.log,
  });
}
