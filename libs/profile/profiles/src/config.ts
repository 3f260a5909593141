import { FUNCTION_ENV } from '@cruddur/shared/contract';
import { ProfileConfigError } from './errors';

export interface ProfileConfig {
  /** Origin (and path) the avatar keys are served under, without a trailing slash. */
  assetsBaseUrl: string;
}

/** The environment variables the profile functions read (the contract's names, which infra sets). */
export const PROFILE_ENV = FUNCTION_ENV.profile;

/**
 * The profile functions' settings from the environment (`ASSETS_BASE_URL`).
 *
 * @example
 * profileConfigFromEnv({ ASSETS_BASE_URL: 'https://assets.example.com/' }); // { assetsBaseUrl: 'https://assets.example.com' }
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
  return { assetsBaseUrl: raw.replace(/\/+$/, '') };
}
