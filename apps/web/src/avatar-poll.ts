import { UPLOAD_STATUS_POLL, type AvatarJson, type UploadStatusJson } from '@cruddur/shared/contract';
import { AvatarUploadError, NetworkError, type WebError } from './errors';
import { STILL_PROCESSING_MESSAGE, UPLOAD_EXPIRED_MESSAGE, uploadRejectionMessage } from './upload-rejection';

export interface UploadOutcomePollOptions {
  /** Reads the upload's status (`GET /avatars/uploads/{uploadId}`). */
  loadStatus: () => Promise<UploadStatusJson>;
  /** The wait before the first poll; each later wait is `backoff` times longer, up to `maxDelayMs`. */
  firstDelayMs?: number;
  backoff?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

// The schedule is the contract's (UPLOAD_STATUS_POLL): what sizes the API's throttles counts these polls.
const AVATAR_POLL_FIRST_DELAY_MS = UPLOAD_STATUS_POLL.firstDelayMs;
const AVATAR_POLL_BACKOFF = UPLOAD_STATUS_POLL.factor;
export const AVATAR_POLL_MAX_DELAY_MS = UPLOAD_STATUS_POLL.maxDelayMs;
const AVATAR_POLL_TIMEOUT_MS = UPLOAD_STATUS_POLL.timeoutMs;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls an upload's status while it is pending, waiting longer each time up to a cap: the thumbnail
 * function works asynchronously after the upload. A failed poll (network, 5xx, or 429 after the API
 * client's own retries) is retried until the deadline; an expired session ends the wait at once.
 *
 * @returns the avatar the upload became (when the server sent it)
 * @throws AvatarUploadError `not-processed` with the reason's message when the server refused the file,
 *   `expired` when it never arrived, `still-processing` when the page's deadline passes first
 *
 * @example
 * await waitForUploadOutcome({ loadStatus: () => api.uploadStatus(ticket.uploadId) });
 */
export async function waitForUploadOutcome(options: UploadOutcomePollOptions): Promise<AvatarJson | undefined> {
  const {
    loadStatus,
    firstDelayMs = AVATAR_POLL_FIRST_DELAY_MS,
    backoff = AVATAR_POLL_BACKOFF,
    maxDelayMs = AVATAR_POLL_MAX_DELAY_MS,
    timeoutMs = AVATAR_POLL_TIMEOUT_MS,
  } = options;
  const sleep = options.sleep ?? wait;
  const now = options.now ?? Date.now;
  const deadline = now() + timeoutMs;
  for (let delay = firstDelayMs; ; delay = Math.min(maxDelayMs, delay * backoff)) {
    await sleep(delay);
    try {
      const answer = await loadStatus();
      if (answer.status === 'ready') return answer.avatar;
      if (answer.status === 'rejected') throw new AvatarUploadError('not-processed', uploadRejectionMessage(answer.reason));
      if (answer.status === 'expired') throw new AvatarUploadError('expired', UPLOAD_EXPIRED_MESSAGE);
    } catch (error) {
      if (!isRetryable(error)) throw error;
    }
    if (now() >= deadline) throw new AvatarUploadError('still-processing', STILL_PROCESSING_MESSAGE);
  }
}

function isRetryable(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  const status = (error as Partial<WebError & { status: number }>)?.status;
  return typeof status === 'number' && (status >= 500 || status === 429);
}
