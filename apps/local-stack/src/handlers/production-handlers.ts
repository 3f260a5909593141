// The local stack runs the functions' production handler factories from their libs, built with local configuration.
import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';
import type { S3Client } from '@aws-sdk/client-s3';
import { type AvatarProcessedPublisher, createThumbnailHandler, faceFramingFromEnv, thumbnailS3Client } from '@cruddur/avatars/processing';
import { type PresignConfig, UploadUrlSigner, createPresignHandler } from '@cruddur/avatars/upload';
import { blazeFaceFinder } from '@cruddur/media/image';
import { FUNCTION_SIZING, type FunctionName, MAX_UPLOAD_BYTES, UPLOAD_URL_EXPIRES_SECONDS } from '@cruddur/shared/contract';
import { createAccessTokenVerifier, createAuthorizerHandler } from '@cruddur/auth/jwt';
import type { LocalFunction } from '@cruddur/local/lambda-invoker';
import type { S3Credentials } from '@cruddur/local/s3-front';
import { localMetrics } from './local-metrics';

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
  /** The stack's log: the handlers' metrics go there, one short line each (no X-Ray tracer runs locally). */
  log: (line: string) => void;
}

/** A function with the memory and timeout infra deploys it with (the contract's `FUNCTION_SIZING`). */
export function localFunction(name: FunctionName, region: string): LocalFunction {
  const { memoryMb, timeoutSeconds } = FUNCTION_SIZING[name];
  return { name, region, memoryMb, timeoutMs: timeoutSeconds * 1000 };
}

export function handlerLogger(serviceName: string, aws: Pick<LocalAws, 'logLevel'>): Logger {
  return new Logger({ serviceName, logLevel: aws.logLevel });
}

/** A client configured like `thumbnailDepsFromEnv` with `S3_ENDPOINT` set (its timeouts too), signing with the local credentials. */
function s3Client(aws: LocalAws): S3Client {
  return thumbnailS3Client({ region: aws.region, endpoint: aws.s3Endpoint, credentials: { ...aws.credentials } });
}

/** `POST /avatars/key_upload`, as `presignDepsFromEnv` builds it in Lambda. */
export function localPresignHandler(aws: LocalAws) {
  const config: PresignConfig = {
    bucket: aws.uploadsBucket,
    region: aws.region,
    endpoint: aws.s3Endpoint,
    maxBytes: MAX_UPLOAD_BYTES,
    expiresInSeconds: UPLOAD_URL_EXPIRES_SECONDS,
  };
  return createPresignHandler({
    signer: new UploadUrlSigner(config, { ...aws.credentials }),
    config,
    logger: handlerLogger('presign', aws),
    origins: aws.origins,
    metrics: localMetrics(aws.log),
  });
}

/** The S3-triggered thumbnail function, as `thumbnailDepsFromEnv` builds it in Lambda. */
export function localThumbnailHandler(aws: LocalAws, publisher: AvatarProcessedPublisher | undefined) {
  const logger = handlerLogger('thumbnail', aws);
  return createThumbnailHandler({
    // FACE_FRAMING=off frames by content alone, as it does the deployed function.
    ...(faceFramingFromEnv(process.env)
      ? { findFaces: blazeFaceFinder({ onError: (error) => logger.warn('face detection failed; framing by content', { error: String(error) }) }) }
      : {}),
    s3: s3Client(aws),
    config: { assetsBucket: aws.assetsBucket, maxUploadBytes: MAX_UPLOAD_BYTES },
    publisher,
    logger,
    metrics: localMetrics(aws.log),
  });
}

/** The Lambda authorizer in `issuer` mode, pointed at cognito-local's issuer and JWKS. */
export function localAuthorizerHandler(aws: LocalAws, issuer: { issuer: string; jwksUri: string; clientId: string }) {
  return createAuthorizerHandler({
    verifier: createAccessTokenVerifier({ kind: 'issuer', ...issuer }),
    logger: handlerLogger('authorizer', aws),
    metrics: localMetrics(aws.log),
  });
}

/** A client the stack itself uses (the assets CDN's origin requests). */
export function localS3Client(aws: LocalAws): S3Client {
  return s3Client(aws);
}
