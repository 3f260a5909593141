import { AvatarUploadError, NetworkError, type WebError } from './errors';
import type { Profile } from './profile';

export interface AvatarPollOptions {
  /** Reads your own profile (`GET /api/profile`). */
  loadProfile: () => Promise<Profile>;
  /** The avatar version before the upload; `null` when there was none. */
  previousVersion: string | null;
  intervalMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export const AVATAR_POLL_INTERVAL_MS = 500;
export const AVATAR_POLL_TIMEOUT_MS = 20_000;

/** Shown when the upload went through but no new avatar appeared: the thumbnail refused the file. */
export const NOT_PROCESSED_MESSAGE =
  "We couldn't process that image. The upload went through, but the file does not look like a photo we can read. Try another JPEG, PNG, WebP, AVIF, GIF or TIFF.";

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls your profile until its avatar version differs from `previousVersion`: the thumbnail
 * function works asynchronously after the upload. A failed poll (network, 5xx) is retried until
 * the deadline; an expired session ends the wait at once.
 *
 * @throws AvatarUploadError with reason `not-processed` when the deadline passes
 *
 * @example
 * const updated = await waitForNewAvatar({ loadProfile: () => api.ownProfile(), previousVersion: me.avatar?.version ?? null });
 */
export async function waitForNewAvatar(options: AvatarPollOptions): Promise<Profile> {
  const { loadProfile, previousVersion, intervalMs = AVATAR_POLL_INTERVAL_MS, timeoutMs = AVATAR_POLL_TIMEOUT_MS } = options;
  const sleep = options.sleep ?? wait;
  const now = options.now ?? Date.now;
  const deadline = now() + timeoutMs;
  for (;;) {
    await sleep(intervalMs);
    try {
      const profile = await loadProfile();
      if (profile.avatar !== null && profile.avatar.version !== previousVersion) return profile;
    } catch (error) {
      if (!isRetryable(error)) throw error;
    }
    if (now() >= deadline) throw new AvatarUploadError('not-processed', NOT_PROCESSED_MESSAGE);
  }
}

function isRetryable(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  const status = (error as Partial<WebError & { status: number }>)?.status;
  return typeof status === 'number' && status >= 500;
}
