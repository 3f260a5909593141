import { FUNCTION_ENV, MAX_UPLOAD_BYTES } from '@cruddur/shared/contract';
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
 * Reads `ASSETS_BUCKET` (required) and `UPLOAD_MAX_BYTES` (default: the contract's 10 MiB).
 *
 * @example
 * const config = processingConfigFromEnv(process.env);
 */
export function processingConfigFromEnv(env: NodeJS.ProcessEnv): ProcessingConfig {
  const assetsBucket = env[PROCESSING_ENV.assetsBucket];
  if (!assetsBucket) throw new ProcessingConfigError(`${PROCESSING_ENV.assetsBucket} is not set`);
  const raw = env[PROCESSING_ENV.uploadMaxBytes];
  const maxUploadBytes = raw === undefined || raw === '' ? DEFAULT_MAX_UPLOAD_BYTES : Number(raw);
  if (!Number.isSafeInteger(maxUploadBytes) || maxUploadBytes <= 0) {
    throw new ProcessingConfigError(`${PROCESSING_ENV.uploadMaxBytes} must be a positive whole number`);
  }
  return { assetsBucket, maxUploadBytes };
}
