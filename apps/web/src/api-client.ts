import {
  API_ROUTES,
  isRetryableAnswer,
  retryDelayMs,
  type AvatarCrop,
  type AvatarUploadTicket,
  AvatarUploadTicketSchema,
  type ProfileUpdateRequest,
  type UploadStatusJson,
  UploadStatusJsonSchema,
  routePath,
} from '@cruddur/shared/contract';
import { ApiError, NetworkError, ProfileNotFoundError, SessionExpiredError } from './errors';
import type { FetchLike } from './fetch-like';
import { type Profile, parseProfile } from './profile';

/** What `POST /avatars/key_upload` answers: where and how to PUT the file (the contract's shape). */
export type { AvatarUploadTicket };

export type ProfileUpdate = ProfileUpdateRequest;

export interface ApiClientOptions {
  apiUrl: string;
  fetch: FetchLike;
  /** The current access token, refreshed if needed; `null` when signed out. */
  accessToken: () => Promise<string | null>;
  /** Told before each wait for a retry of a busy answer (429, a read's 503): the page says "busy, retrying". */
  onRetry?: (retry: ApiRetry) => void;
  /** Told when a call ends after retries (answered or not): the page clears what `onRetry` showed. */
  onRetried?: () => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

/** One wait before a retry: the call, the busy status it got, which retry comes and after how long. */
export interface ApiRetry {
  method: string;
  path: string;
  status: number;
  retry: number;
  delayMs: number;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * What the page says while it waits to retry a busy API, rather than showing a failure.
 *
 * @example
 * busyMessage(2300); // 'The server is busy. Trying again in 3 s…'
 */
export function busyMessage(delayMs: number): string {
  return delayMs < 1_000 ? 'The server is busy. Trying again…' : `The server is busy. Trying again in ${Math.ceil(delayMs / 1_000)} s…`;
}

/** Fallback messages by status, for answers without a usable `{ message }`. */
const STATUS_MESSAGES: Readonly<Record<number, string>> = Object.freeze({
  400: 'The server did not accept that.',
  413: 'That file is too large.',
  415: 'That file type is not supported.',
  429: 'Too many requests. Wait a moment and try again.',
});

/**
 * Maps an error answer of the API to a typed error: 401 on a signed-in call means the session is
 * over. A 403 is the authorizer saying no to a token this page keeps fresh, which in practice is the
 * server failing to check it (JWKS out of reach): the session is kept and the user told to retry,
 * or an outage would sign everyone out. Otherwise the API's `{ message }` is shown as is (it is written for people), or a message
 * by status when the body has none (API Gateway's own answers, proxies' HTML pages).
 *
 * @example
 * throw apiErrorFrom(400, '{"message":"bio must be at most 160 characters"}', true);
 */
export function apiErrorFrom(status: number, bodyText: string, authenticated: boolean): ApiError | SessionExpiredError {
  if (authenticated && status === 401) return new SessionExpiredError();
  if (authenticated && status === 403) {
    return new ApiError(403, 'The server could not check your sign-in just now. Please try again in a moment.');
  }
  let message: string | undefined;
  try {
    const body = JSON.parse(bodyText) as unknown;
    const candidate = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['message'] : undefined;
    if (typeof candidate === 'string' && candidate.trim() !== '' && status < 500) message = candidate.trim();
  } catch {
    message = undefined;
  }
  const fallback =
    STATUS_MESSAGES[status] ?? (status >= 500 ? 'The server had a problem. Please try again.' : `The server answered ${status}.`);
  return new ApiError(status, message ?? fallback);
}

/** The upload ticket, checked with the contract's schema: a page cannot send what it does not understand. */
function ticketFrom(raw: unknown): AvatarUploadTicket {
  const ticket = AvatarUploadTicketSchema.safeParse(raw);
  if (!ticket.success) throw new ApiError(502, 'The server sent an upload link this page cannot use.');
  return ticket.data;
}

/** The profile and avatar API; every method throws `WebError`s with messages fit for the page. */
export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  /** Your own profile (`GET /api/profile`), created by the API on first use. */
  async ownProfile(): Promise<Profile> {
    return parseProfile(await this.call(API_ROUTES.getOwnProfile, {}));
  }

  /** Anyone's public profile (`GET /api/profiles/{handle}`); `ProfileNotFoundError` when unknown. */
  async profile(handle: string): Promise<Profile> {
    // No handle names no profile; the route has no path without one.
    if (handle === '') throw new ProfileNotFoundError(handle);
    try {
      return parseProfile(await this.call(API_ROUTES.getProfile, { params: { handle } }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) throw new ProfileNotFoundError(handle, { cause: error });
      throw error;
    }
  }

  /** `PUT /api/profile/update`; a 400 carries the server's validation message. */
  async updateProfile(update: ProfileUpdate): Promise<Profile> {
    return parseProfile(await this.call(API_ROUTES.updateProfile, { body: update }));
  }

  /** `POST /avatars/key_upload`: a presigned PUT for a file of this type and size, bound to the crop if one is given. */
  async avatarUploadTicket(contentType: string, contentLength: number, crop?: AvatarCrop): Promise<AvatarUploadTicket> {
    const body = { contentType, contentLength, ...(crop === undefined ? {} : { crop }) };
    return ticketFrom(await this.call(API_ROUTES.presignAvatarUpload, { body }));
  }

  /** `GET /avatars/uploads/{uploadId}`: where one of your uploads stands. */
  async uploadStatus(uploadId: string): Promise<UploadStatusJson> {
    const answer = UploadStatusJsonSchema.safeParse(await this.call(API_ROUTES.getAvatarUploadStatus, { params: { uploadId } }));
    if (!answer.success) throw new ApiError(502, 'The server sent an upload status this page cannot read.');
    return answer.data;
  }

  /** `DELETE /api/profile/avatar`: removes your avatar and its images (204); a 503 means removed, images not deleted yet. */
  async removeAvatar(): Promise<void> {
    await this.call(API_ROUTES.removeAvatar, {});
  }

  /** Calls a route of the contract: its method and path, a token when it is behind the authorizer. */
  private call(route: (typeof API_ROUTES)[keyof typeof API_ROUTES], options: { params?: Record<string, string>; body?: object }) {
    return this.request(route.method, routePath(route, options.params), { auth: route.auth === 'user', body: options.body });
  }

  private async request(method: string, path: string, options: { auth: boolean; body?: object }): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.auth) {
      const token = await this.options.accessToken();
      if (!token) throw new SessionExpiredError('Please sign in first.');
      headers['Authorization'] = `Bearer ${token}`;
    }
    if (options.body) headers['Content-Type'] = 'application/json';
    const send = () =>
      this.options.fetch(`${this.options.apiUrl}${path}`, {
        method,
        headers,
        cache: 'no-store',
        ...(options.body ? { body: JSON.stringify(options.body) } : {}),
      });
    let response: Response;
    try {
      response = await this.withRetries(method, path, send);
    } catch (error) {
      throw new NetworkError('Could not reach the server. Check your connection and try again.', { cause: error });
    }
    const text = await response.text();
    if (!response.ok) throw apiErrorFrom(response.status, text, options.auth);
    // A route of the contract that answers without a body (`z.undefined()`): nothing to read.
    if (response.status === 204) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new ApiError(502, 'The server sent an unreadable answer.', { cause: error });
    }
  }

  /**
   * Sends, and sends again while the API answers busy (the contract's `API_RETRY`): after the
   * server's `Retry-After`, else after an exponential, fully jittered wait, so that many pages
   * throttled at once do not come back at once. The last answer is returned, whatever it is.
   */
  private async withRetries(method: string, path: string, send: () => Promise<Response>): Promise<Response> {
    const sleep = this.options.sleep ?? wait;
    const now = this.options.now ?? Date.now;
    let retried = false;
    try {
      for (let retry = 1; ; retry += 1) {
        const response = await send();
        if (!isRetryableAnswer(method, response.status)) return response;
        const delayMs = retryDelayMs(retry, response.headers.get('Retry-After'), now(), this.options.random);
        if (delayMs === undefined) return response;
        // The busy answer is dropped unread (not awaited: a teed body settles its cancel only with its twin).
        void response.body?.cancel().catch(() => undefined);
        retried = true;
        this.options.onRetry?.({ method, path, status: response.status, retry, delayMs });
        await sleep(delayMs);
      }
    } finally {
      if (retried) this.options.onRetried?.();
    }
  }
}
