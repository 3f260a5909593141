import { PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { avatarUploadKey, newUploadId } from '@cruddur/s3-keys';
import { UPLOAD_CONTENT_TYPES } from './content-types';
import { UploadConfigError } from './errors';
import type { AvatarUploadRequest } from './upload-request';

/** Everything a browser needs to upload the file straight to S3. */
export interface AvatarUploadTicket {
  url: string;
  method: 'PUT';
  /** Headers the PUT must carry, exactly; both are signed. Browsers set Content-Length themselves. */
  headers: { 'Content-Type': string; 'Content-Length': string };
  key: string;
  /** ISO 8601 time after which S3 refuses the URL. */
  expiresAt: string;
}

export interface PresignConfig {
  bucket: string;
  maxBytes: number;
  expiresInSeconds: number;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const DEFAULT_UPLOAD_URL_EXPIRES_SECONDS = 300;

function positiveInteger(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0 || value > max) {
    throw new UploadConfigError(`${name} must be a whole number from 1 to ${max}`);
  }
  return value;
}

/**
 * Reads the presign settings: `UPLOADS_BUCKET` (required), `UPLOAD_MAX_BYTES` (default 10 MiB),
 * `UPLOAD_URL_EXPIRES_SECONDS` (default 300; S3 caps presigned URLs at 7 days).
 *
 * @example
 * const config = presignConfigFromEnv(process.env);
 */
export function presignConfigFromEnv(env: NodeJS.ProcessEnv): PresignConfig {
  const bucket = env['UPLOADS_BUCKET'];
  if (!bucket) throw new UploadConfigError('UPLOADS_BUCKET is not set');
  return {
    bucket,
    maxBytes: positiveInteger('UPLOAD_MAX_BYTES', env['UPLOAD_MAX_BYTES'], DEFAULT_MAX_UPLOAD_BYTES, 5 * 1024 ** 3),
    expiresInSeconds: positiveInteger(
      'UPLOAD_URL_EXPIRES_SECONDS',
      env['UPLOAD_URL_EXPIRES_SECONDS'],
      DEFAULT_UPLOAD_URL_EXPIRES_SECONDS,
      7 * 24 * 3600,
    ),
  };
}

/**
 * An S3 client fit for presigning browser uploads. By default SDK v3 adds a CRC32 checksum of an
 * *empty* body to presigned PUTs, which S3 then holds against the real file; `WHEN_REQUIRED` stops it.
 *
 * @example
 * const s3 = presignS3Client({ endpoint: process.env.S3_ENDPOINT });
 */
export function presignS3Client(config: S3ClientConfig = {}): S3Client {
  return new S3Client({
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(config.endpoint ? { forcePathStyle: true } : {}),
    ...config,
  });
}

/**
 * Issues a short-lived PUT URL for a new avatar of `sub`. The key comes from `sub` and a fresh id;
 * the signature binds host, content type and content length, so S3 itself refuses any other file.
 *
 * @example
 * const ticket = await presignAvatarUpload(s3, config, identity.sub, request);
 */
export async function presignAvatarUpload(
  s3: S3Client,
  config: PresignConfig,
  sub: string,
  request: AvatarUploadRequest,
  now: Date = new Date(),
): Promise<AvatarUploadTicket> {
  const extension = UPLOAD_CONTENT_TYPES[request.contentType];
  if (extension === undefined) throw new UploadConfigError(`no extension for ${request.contentType}`);
  const key = avatarUploadKey(sub, extension, newUploadId(now));
  const command = new PutObjectCommand({
    Bucket: config.bucket,
    Key: key,
    ContentType: request.contentType,
    ContentLength: request.contentLength,
  });
  const url = await getSignedUrl(s3, command, {
    expiresIn: config.expiresInSeconds,
    signingDate: now,
    signableHeaders: new Set(['content-type', 'content-length']),
  });
  return {
    url,
    method: 'PUT',
    headers: { 'Content-Type': request.contentType, 'Content-Length': String(request.contentLength) },
    key,
    expiresAt: new Date(now.getTime() + config.expiresInSeconds * 1000).toISOString(),
  };
}
