import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { DEFAULT_AVATAR_SIZES, startAvatarRendering, type AvatarRendition, type FaceFinder } from '@cruddur/media/image';
import { type AvatarCrop, CROP_METADATA_KEY, parseAvatarCrop } from '@cruddur/shared/contract';
import {
  avatarRenditionKey,
  avatarRenditionRefs,
  decodeS3EventKey,
  parseAvatarUploadKey,
  type AvatarUpload,
} from '@cruddur/storage/s3-keys';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { S3EventRecord } from 'aws-lambda';
import type { AvatarProcessedMessage, AvatarProcessedPublisher, AvatarRejectedMessage, AvatarUploadOutcomeMessage } from './avatar-processed';
import type { ProcessingConfig } from './config';
import { OriginalGoneError, RejectedUploadError } from './errors';
import { asRejectedUpload } from './rejection-reason';
import { avatarProcessedMessage, avatarRejectedMessage } from './upload-outcome';

/** Renditions never change once written: their keys change with every upload. */
export const RENDITION_CACHE_CONTROL = 'public, max-age=31536000, immutable';

type ProcessorLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface AvatarProcessorDeps {
  s3: S3Client;
  config: ProcessingConfig;
  /** Omitted when no topic is configured: the outcome is then only logged. */
  publisher?: AvatarProcessedPublisher;
  logger: ProcessorLogger;
  sizes?: readonly number[];
  now?: () => Date;
  /**
   * Frames an upload without a crop on its faces (`blazeFaceFinder()`); without it, or when it
   * finds none, the square is framed by content (libvips attention).
   */
  findFaces?: FaceFinder;
}

export type RecordOutcome =
  | { status: 'processed'; key: string; message: AvatarProcessedMessage }
  /** `message` is absent when the key names no user's upload: there is no one to tell. */
  | { status: 'rejected'; key: string; error: RejectedUploadError; message?: AvatarRejectedMessage }
  | { status: 'skipped'; key: string; error: OriginalGoneError };

function renditionKey(upload: AvatarUpload, rendition: Pick<AvatarRendition, 'size' | 'extension'>): string {
  return avatarRenditionKey(upload, rendition.size, rendition.extension);
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

/**
 * Turns one uploaded original into avatar renditions in the assets bucket (of the crop the upload
 * was signed with, else framed on its faces, else by content), announces them, and then
 * deletes the original (it carries GPS and camera metadata): only a failed upload keeps its original,
 * for a replay within the retention window. A failure before the delete keeps it for the retry. An
 * upload that can never become an avatar is announced as rejected, with the contract's reason.
 * Safe to repeat for the same record: the keys derive from the upload key and rendering is
 * deterministic, so a re-delivered event rewrites the same bytes and announces the same message; a
 * re-delivery after the delete finds no original and is `skipped`.
 *
 * @example
 * const outcome = await processAvatarUpload(record, { s3, config, publisher, logger });
 */
export async function processAvatarUpload(record: S3EventRecord, deps: AvatarProcessorDeps): Promise<RecordOutcome> {
  const { s3, config, logger } = deps;
  const rawKey = record.s3.object.key;
  let key = rawKey;
  // Set once the key is a user's upload: from then on a rejection is announced to them.
  let known: AvatarUpload | undefined;
  try {
    key = decodeS3EventKey(rawKey);
    const upload = parseAvatarUploadKey(key);
    known = upload;
    if (record.s3.object.size > config.maxUploadBytes) {
      throw new RejectedUploadError(`upload is ${record.s3.object.size} bytes, over the ${config.maxUploadBytes} byte cap`, { reason: 'too-large' });
    }
    if (record.s3.object.size === 0) throw new RejectedUploadError('upload is empty', { reason: 'unsupported-type' });

    const sizes = deps.sizes ?? DEFAULT_AVATAR_SIZES;
    const refs = avatarRenditionRefs(upload, sizes);
    const phases = phaseClock();
    const { bytes, metadata } = await readOriginal(s3, record.s3.bucket.name, key, config.maxUploadBytes);
    phases.lap('get');
    const crop = cropOf(metadata, key, logger);
    const { renditions: encoding, placeholder, framing } = await startAvatarRendering(bytes, {
      sizes,
      ...(crop === undefined ? {} : { crop }),
      ...(deps.findFaces === undefined ? {} : { findFaces: deps.findFaces }),
    });
    phases.lap('decode');
    // Awaited after the uploads; a rejection meanwhile must not go unhandled (it fails the record there).
    placeholder.catch(() => undefined);
    // Each rendition is uploaded as soon as it is encoded, while the others are still encoding.
    let lastEncoded = 0;
    await Promise.all(
      encoding.map(async (pending) => {
        const rendition = await pending;
        lastEncoded = performance.now();
        await s3.send(
          new PutObjectCommand({
            Bucket: config.assetsBucket,
            Key: renditionKey(upload, rendition),
            Body: rendition.body,
            ContentType: rendition.contentType,
            CacheControl: RENDITION_CACHE_CONTROL,
          }),
        );
      }),
    );
    phases.lapAt('encode', lastEncoded);
    phases.lap('put');

    const message = avatarProcessedMessage(upload, refs, outcomeTimes(record, deps), await placeholder);
    await publishOutcome(deps, message);
    phases.lap('announce');
    // Only now: if rendering or publishing failed, the retry (or a redrive) still needs the original.
    await s3.send(new DeleteObjectCommand({ Bucket: record.s3.bucket.name, Key: key }));
    phases.lap('delete');
    logger.info('avatar processed', { key, version: message.version, renditions: refs.length, framing, phasesMs: phases.done() });
    return { status: 'processed', key, message };
  } catch (error) {
    if (error instanceof OriginalGoneError) {
      logger.warn('original already gone; nothing to process', { key, reason: error.message });
      return { status: 'skipped', key, error };
    }
    const rejection = asRejectedUpload(error);
    if (!rejection) throw error;
    logger.error('upload rejected', {
      key,
      errorName: rejection.cause instanceof Error ? rejection.cause.name : rejection.name,
      reason: rejection.reason,
      detail: rejection.message,
    });
    if (known === undefined) return { status: 'rejected', key, error: rejection };
    // A failed publish fails the record, so the retry announces the rejection again.
    const message = avatarRejectedMessage(known, rejection.reason, outcomeTimes(record, deps));
    await publishOutcome(deps, message);
    return { status: 'rejected', key, error: rejection, message };
  }
}

/**
 * Where one record's time went, as consecutive pieces that add up to the whole (ms, rounded to
 * 0.1): `get` the original, `decode` it to the square, `encode` until the last rendition is
 * encoded (the PUTs of the earlier ones overlap it), `put` the rest of the uploads, `announce` (the
 * placeholder, computed meanwhile, then the publish), `delete` the original. Logged with "avatar processed", for the bench and for a Logs Insights query.
 */
export type ProcessingPhases = Record<(typeof PROCESSING_PHASES)[number], number>;

/** The keys of {@link ProcessingPhases}, in the order they happen (the total last). */
export const PROCESSING_PHASES = Object.freeze(['get', 'decode', 'encode', 'put', 'announce', 'delete', 'total'] as const);

function phaseClock() {
  const started = performance.now();
  let last = started;
  const phases: Partial<ProcessingPhases> = {};
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const lapAt = (name: Exclude<keyof ProcessingPhases, 'total'>, at: number) => {
    // An end before the previous one (no rendition at all) counts as zero.
    const end = Math.max(last, at);
    phases[name] = round(end - last);
    last = end;
  };
  return {
    lapAt,
    lap: (name: Exclude<keyof ProcessingPhases, 'total'>) => lapAt(name, performance.now()),
    done: (): ProcessingPhases => ({ ...(phases as ProcessingPhases), total: round(last - started) }),
  };
}

function outcomeTimes(record: S3EventRecord, deps: AvatarProcessorDeps) {
  return { uploadedAt: record.eventTime, decidedAt: (deps.now ?? (() => new Date()))() };
}

async function publishOutcome(deps: AvatarProcessorDeps, message: AvatarUploadOutcomeMessage): Promise<void> {
  if (deps.publisher) await deps.publisher.publish(message);
  else deps.logger.info('no topic configured; upload outcome not published', { type: message.type, version: message.version });
}

/**
 * The crop the upload was signed with, if any. A malformed value is logged and the photo framed by
 * content instead: the signature means only our presign wrote it, so it is our bug, not the user's photo.
 */
function cropOf(metadata: Record<string, string> | undefined, key: string, logger: ProcessorLogger): AvatarCrop | undefined {
  const text = metadata?.[CROP_METADATA_KEY];
  if (text === undefined) return undefined;
  const crop = parseAvatarCrop(text);
  if (crop === undefined) logger.warn('malformed crop metadata; framing the photo by content', { key, crop: text.slice(0, 80) });
  return crop;
}

async function readOriginal(
  s3: S3Client,
  bucket: string,
  key: string,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; metadata: Record<string, string> | undefined }> {
  let response;
  try {
    response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  } catch (error) {
    // Deleted after an earlier delivery's success, or by the lifecycle rule: nothing to process, ever.
    if (isNotFound(error)) throw new OriginalGoneError('upload no longer exists', { cause: error });
    throw error;
  }
  if ((response.ContentLength ?? 0) > maxBytes) {
    await response.Body?.transformToWebStream().cancel();
    throw new RejectedUploadError(`upload is ${response.ContentLength} bytes, over the ${maxBytes} byte cap`, { reason: 'too-large' });
  }
  if (!response.Body) throw new RejectedUploadError('upload has no body', { reason: 'unsupported-type' });
  return { bytes: await response.Body.transformToByteArray(), metadata: response.Metadata };
}
