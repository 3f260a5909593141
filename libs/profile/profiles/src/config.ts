import { FUNCTION_ENV, MAX_UPLOAD_URL_EXPIRES_SECONDS, UPLOAD_URL_EXPIRES_SECONDS } from '@cruddur/shared/contract';
import { ProfileConfigError } from './errors';

export interface ProfileConfig {
  /** Origin (and path) the avatar keys are served under, without a trailing slash. */
  assetsBaseUrl: string;
  /** How long the presign function's upload URLs live: an undecided upload is pending until then (and a window). */
  uploadUrlExpiresSeconds: number;
}

/** The environment variables the profile functions read (the contract's names, which infra sets). */
export const PROFILE_ENV = FUNCTION_ENV.profile;

/**
 * The profile functions' settings from the environment (`ASSETS_BASE_URL`, and optionally the
 * presign function's `UPLOAD_URL_EXPIRES_SECONDS`, by default the contract's).
 *
 * @example
 * profileConfigFromEnv({ ASSETS_BASE_URL: 'https://assets.example.com/' }); // { assetsBaseUrl: 'https://assets.example.com', uploadUrlExpiresSeconds: 300 }
 */
export function profileConfigFromEnv(env: Readonly<Record<string, string | undefined>>): ProfileConfig {
  const raw = env[PROFILE_ENV.assetsBaseUrl]?.trim();
  if (!raw) throw new ProfileConfigError('ASSETS_BASE_URL is required');
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new ProfileConfigError('ASSETS_BASE_URL must be an absolute URL', { cause });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ProfileConfigError('ASSETS_BASE_URL must be http(s)');
  if (url.search || url.hash) throw new ProfileConfigError('ASSETS_BASE_URL must not have a query or fragment');
  return { assetsBaseUrl: raw.replace(/\/+$/, ''), uploadUrlExpiresSeconds: uploadUrlExpiresSeconds(env[PROFILE_ENV.uploadUrlExpiresSeconds]) };
}

function uploadUrlExpiresSeconds(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return UPLOAD_URL_EXPIRES_SECONDS;
  const seconds = Number(raw);
  if (!Number.isSafeInteger(seconds) || seconds <= 0 || seconds > MAX_UPLOAD_URL_EXPIRES_SECONDS) {
    throw new ProfileConfigError(`${PROFILE_ENV.uploadUrlExpiresSeconds} must be a whole number of seconds from 1 to ${MAX_UPLOAD_URL_EXPIRES_SECONDS}`);
  }
  return seconds;
}
