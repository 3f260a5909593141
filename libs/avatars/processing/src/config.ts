import { ProcessingConfigError } from './errors';

export interface ProcessingConfig {
  assetsBucket: string;
  /** Originals above this size are rejected without being read. */
  maxUploadBytes: number;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * Reads `ASSETS_BUCKET` (required) and `UPLOAD_MAX_BYTES` (default 10 MiB).
 *
 * @example
 * const config = processingConfigFromEnv(process.env);
 */
export function processingConfigFromEnv(env: NodeJS.ProcessEnv): ProcessingConfig {
  const assetsBucket = env['ASSETS_BUCKET'];
  if (!assetsBucket) throw new ProcessingConfigError('ASSETS_BUCKET is not set');
  const raw = env['UPLOAD_MAX_BYTES'];
  const maxUploadBytes = raw === undefined || raw === '' ? DEFAULT_MAX_UPLOAD_BYTES : Number(raw);
  if (!Number.isSafeInteger(maxUploadBytes) || maxUploadBytes <= 0) {
    throw new ProcessingConfigError('UPLOAD_MAX_BYTES must be a positive whole number');
  }
  return { assetsBucket, maxUploadBytes };
}
