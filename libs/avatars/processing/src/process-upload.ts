import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { DEFAULT_AVATAR_SIZES, ImageError, startAvatarRenditions, type AvatarRendition } from '@cruddur/image';
import {
  S3KeyError,
  avatarRenditionKey,
  decodeS3EventKey,
  parseAvatarUploadKey,
  type AvatarUpload,
} from '@cruddur/s3-keys';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { S3EventRecord } from 'aws-lambda';
import type { AvatarProcessedMessage, AvatarProcessedPublisher, AvatarRenditionRef } from './avatar-processed';
import type { ProcessingConfig } from './config';
import { RejectedUploadError } from './errors';

/** Renditions never change once written: their keys change with every upload. */
export const RENDITION_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export type ProcessorLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface AvatarProcessorDeps {
  s3: S3Client;
  config: ProcessingConfig;
  /** Omitted when no topic is configured: the message is then only logged. */
  publisher?: AvatarProcessedPublisher;
  logger: ProcessorLogger;
  sizes?: readonly number[];
  now?: () => Date;
}

export type RecordOutcome =
  | { status: 'processed'; key: string; message: AvatarProcessedMessage; reused: boolean }
  | { status: 'rejected'; key: string; error: RejectedUploadError };

function asRejection(error: unknown): RejectedUploadError | undefined {
  if (error instanceof RejectedUploadError) return error;
  if (error instanceof ImageError || error instanceof S3KeyError) {
    return new RejectedUploadError(error.message, { cause: error });
  }
  return undefined;
}

function renditionKey(upload: AvatarUpload, rendition: Pick<AvatarRendition, 'size' | 'extension'>): string {
  return avatarRenditionKey(upload, rendition.size, rendition.extension);
}

/** The renditions an upload gets, largest first, WebP before JPEG. */
export function renditionRefs(upload: AvatarUpload, sizes: readonly number[]): AvatarRenditionRef[] {
  return [...sizes]
    .sort((a, b) => b - a)
    .flatMap((size) => [
      { size, format: 'webp' as const, contentType: 'image/webp', key: renditionKey(upload, { size, extension: 'webp' }) },
      { size, format: 'jpeg' as const, contentType: 'image/jpeg', key: renditionKey(upload, { size, extension: 'jpg' }) },
    ]);
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

/**
 * Turns one uploaded original into avatar renditions in the assets bucket and announces them.
 * Safe to repeat for the same record: keys are derived from the upload key, and a completed upload
 * is recognised and only announced again.
 *
 * @example
 * const outcome = await processAvatarUpload(record, { s3, config, publisher, logger });
 */
export async function processAvatarUpload(record: S3EventRecord, deps: AvatarProcessorDeps): Promise<RecordOutcome> {
  const { s3, config, logger } = deps;
  const rawKey = record.s3.object.key;
  let key = rawKey;
  try {
    key = decodeS3EventKey(rawKey);
    const upload = parseAvatarUploadKey(key);
    if (record.s3.object.size > config.maxUploadBytes) {
      throw new RejectedUploadError(`upload is ${record.s3.object.size} bytes, over the ${config.maxUploadBytes} byte cap`);
    }
    if (record.s3.object.size === 0) throw new RejectedUploadError('upload is empty');

    const sizes = deps.sizes ?? DEFAULT_AVATAR_SIZES;
    const refs = renditionRefs(upload, sizes);
    // The largest JPEG is written last, so its presence means the upload was completely processed.
    const marker = refs.find((ref) => ref.format === 'jpeg' && ref.size === Math.max(...sizes));
    // The read starts with the check instead of after it: one round trip less on every new upload,
    // and a re-delivered event (rare) only costs a body that is cancelled unread.
    const original = readOriginal(s3, record.s3.bucket.name, key, config.maxUploadBytes);
    // Handled at once: a failed read must not surface (unhandled) before the check has answered.
    original.catch(() => undefined);
    let reused: boolean;
    try {
      reused = marker !== undefined && (await objectExists(s3, config.assetsBucket, marker.key));
    } catch (error) {
      discard(original);
      throw error;
    }
    if (reused) {
      discard(original);
      logger.info('renditions already exist; announcing again', { key });
    } else {
      const bytes = await (await original).read();
      const isMarker = (rendition: AvatarRendition) => renditionKey(upload, rendition) === marker?.key;
      const put = (rendition: AvatarRendition) =>
        s3.send(
          new PutObjectCommand({
            Bucket: config.assetsBucket,
            Key: renditionKey(upload, rendition),
            Body: rendition.body,
            ContentType: rendition.contentType,
            CacheControl: RENDITION_CACHE_CONTROL,
          }),
        );
      // Each rendition is uploaded as soon as it is encoded, while the others are still encoding.
      const encoding = await startAvatarRenditions(bytes, { sizes });
      await Promise.all(encoding.map(async (rendition) => (isMarker(await rendition) ? undefined : put(await rendition))));
      await Promise.all(encoding.map(async (rendition) => (isMarker(await rendition) ? put(await rendition) : undefined)));
    }

    const message: AvatarProcessedMessage = {
      type: 'avatar.processed',
      schemaVersion: 1,
      sub: upload.sub,
      version: upload.uploadId,
      uploadKey: upload.key,
      uploadedAt: record.eventTime,
      processedAt: (deps.now ?? (() => new Date()))().toISOString(),
      renditions: refs,
    };
    if (deps.publisher) await deps.publisher.publish(message);
    else logger.info('no topic configured; avatar processed message not published', { key, version: message.version });
    logger.info('avatar processed', { key, version: message.version, renditions: refs.length, reused });
    return { status: 'processed', key, message, reused };
  } catch (error) {
    const rejection = asRejection(error);
    if (!rejection) throw error;
    logger.error('upload rejected', { key, errorName: rejection.cause instanceof Error ? rejection.cause.name : rejection.name, reason: rejection.message });
    return { status: 'rejected', key, error: rejection };
  }
}

async function objectExists(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** An original whose response headers have arrived: read its body, or cancel it unread. */
interface PendingOriginal {
  read(): Promise<Uint8Array>;
  cancel(): Promise<void>;
}

/** Lets go of an original that is not needed after all, whether or not its request succeeded. */
function discard(original: Promise<PendingOriginal>): void {
  original.then((pending) => pending.cancel()).catch(() => undefined);
}

async function readOriginal(s3: S3Client, bucket: string, key: string, maxBytes: number): Promise<PendingOriginal> {
  let response;
  try {
    response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  } catch (error) {
    // Deleted between the event and now (e.g. the lifecycle rule): nothing to process, ever.
    if (isNotFound(error)) throw new RejectedUploadError('upload no longer exists', { cause: error });
    throw error;
  }
  const body = response.Body;
  const cancel = async () => {
    await body?.transformToWebStream().cancel().catch(() => undefined);
  };
  return {
    cancel,
    read: async () => {
      if ((response.ContentLength ?? 0) > maxBytes) {
        await cancel();
        throw new RejectedUploadError(`upload is ${response.ContentLength} bytes, over the ${maxBytes} byte cap`);
      }
      if (!body) throw new RejectedUploadError('upload has no body');
      return body.transformToByteArray();
    },
  };
}
