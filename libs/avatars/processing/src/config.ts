import { FUNCTION_ENV, MAX_UPLOAD_BYTES, parseUploadMaxBytes } from '@cruddur/shared/contract';
import { ProcessingConfigError } from './errors';

export interface ProcessingConfig {
  assetsBucket: string;
  /** Originals above this size are rejected without being read. */
  maxUploadBytes: number;
}

/** The environment variables the thumbnail function reads (the contract's names, which infra sets). */
export const PROCESSING_ENV = FUNCTION_ENV.thumbnail;

export const DEFAULT_MAX_UPLOAD_BYTES = MAX_UPLOAD_BYTES;

/**
 * Reads `ASSETS_BUCKET` (required) and `UPLOAD_MAX_BYTES` (the contract's `parseUploadMaxBytes`:
 * default 10 MiB, else digits from 1 to 5 GiB).
 *
 * @throws {ProcessingConfigError} either is missing or malformed.
 * @example
 * const config = processingConfigFromEnv(process.env);
 */
export function processingConfigFromEnv(env: NodeJS.ProcessEnv): ProcessingConfig {
  const assetsBucket = env[PROCESSING_ENV.assetsBucket];
  if (!assetsBucket) throw new ProcessingConfigError(`${PROCESSING_ENV.assetsBucket} is not set`);
  let maxUploadBytes: number;
  try {
    maxUploadBytes = parseUploadMaxBytes(env[PROCESSING_ENV.uploadMaxBytes], PROCESSING_ENV.uploadMaxBytes);
  } catch (cause) {
    throw new ProcessingConfigError((cause as Error).message, { cause });
  }
  return { assetsBucket, maxUploadBytes };
}

/**
 * Reads `FACE_FRAMING`: `on` (the default) frames uploads without a crop on their faces, `off` by
 * content alone, without loading the face detector.
 *
 * @throws {ProcessingConfigError} any other value.
 * @example
 * faceFramingFromEnv({ FACE_FRAMING: 'off' }); // false
 */
export function faceFramingFromEnv(env: NodeJS.ProcessEnv): boolean {
  const value = env[PROCESSING_ENV.faceFraming] || 'on';
  if (value !== 'on' && value !== 'off') {
    throw new ProcessingConfigError(`${PROCESSING_ENV.faceFraming} must be on or off, not ${JSON.stringify(value.slice(0, 20))}`);
  }
  return value === 'on';
}
