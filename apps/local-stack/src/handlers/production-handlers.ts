// The one place that reaches into other apps: the local stack runs their production handler
// factories, built with local configuration (apps/local-stack/eslint.config.mjs allows exactly these).
import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import { S3Client } from '@aws-sdk/client-s3';
import { type AvatarProcessedPublisher, createThumbnailHandler } from '@cruddur/avatar-processing';
import { DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_UPLOAD_URL_EXPIRES_SECONDS, type PresignConfig, UploadUrlSigner, createPresignHandler } from '@cruddur/avatar-upload';
import { createAccessTokenVerifier, createAuthorizerHandler } from '@cruddur/jwt';
import type { LocalFunction } from '../lambda/lambda-context';
import type { S3Credentials } from '../s3/sigv4-verifier';

/** Memory and timeout as in infra/src/config.ts (`FUNCTION_SIZING`). */
export const FUNCTIONS = Object.freeze({
  authorizer: { memoryMb: 256, timeoutMs: 5_000 },
  presign: { memoryMb: 256, timeoutMs: 10_000 },
  thumbnail: { memoryMb: 1024, timeoutMs: 30_000 },
  profile: { memoryMb: 256, timeoutMs: 10_000 },
  'profile-avatar-processed': { memoryMb: 256, timeoutMs: 10_000 },
});

export interface LocalAws {
  region: string;
  credentials: S3Credentials;
  /** The S3 front: every S3 call of the handlers goes through its signature checks. */
  s3Endpoint: string;
  uploadsBucket: string;
  assetsBucket: string;
  /** Web origins for the handlers' own CORS middleware. */
  origins: readonly string[];
  /** Level of the handlers' Powertools loggers (JSON lines on stdout). */
  logLevel: LogLevel;
}

export function localFunction(name: keyof typeof FUNCTIONS, region: string): LocalFunction {
  return { name, region, ...FUNCTIONS[name] };
}

export function handlerLogger(serviceName: string, aws: Pick<LocalAws, 'logLevel'>): Logger {
  return new Logger({ serviceName, logLevel: aws.logLevel });
}

/** A client configured like apps/thumbnail/src/handler.ts with `S3_ENDPOINT` set, signing with the local credentials. */
function s3Client(aws: LocalAws): S3Client {
  return new S3Client({ region: aws.region, endpoint: aws.s3Endpoint, forcePathStyle: true, credentials: { ...aws.credentials } });
}

/** `POST /avatars/key_upload`, as apps/presign/src/handler.ts builds it. */
export function localPresignHandler(aws: LocalAws) {
  const config: PresignConfig = {
    bucket: aws.uploadsBucket,
    region: aws.region,
    endpoint: aws.s3Endpoint,
    maxBytes: DEFAULT_MAX_UPLOAD_BYTES,
    expiresInSeconds: DEFAULT_UPLOAD_URL_EXPIRES_SECONDS,
  };
  return createPresignHandler({
    signer: new UploadUrlSigner(config, { ...aws.credentials }),
    config,
    logger: handlerLogger('presign', aws),
    origins: aws.origins,
  });
}

/** The S3-triggered thumbnail function, as apps/thumbnail/src/handler.ts builds it. */
export function localThumbnailHandler(aws: LocalAws, publisher: AvatarProcessedPublisher | undefined) {
  return createThumbnailHandler({
    s3: s3Client(aws),
    config: { assetsBucket: aws.assetsBucket, maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES },
    publisher,
    logger: handlerLogger('thumbnail', aws),
  });
}

/** The Lambda authorizer in `issuer` mode, pointed at cognito-local's issuer and JWKS. */
export function localAuthorizerHandler(aws: LocalAws, issuer: { issuer: string; jwksUri: string; clientId: string }) {
  return createAuthorizerHandler({
    verifier: createAccessTokenVerifier({ kind: 'issuer', ...issuer }),
    logger: handlerLogger('authorizer', aws),
  });
}

/** A client the stack itself uses (the assets CDN's origin requests). */
export function localS3Client(aws: LocalAws): S3Client {
  return s3Client(aws);
}
