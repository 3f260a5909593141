import * as z from 'zod/mini';
import { AvatarUploadRequestSchema, AvatarUploadTicketSchema } from './avatar-upload';
import { ProfileJsonSchema, ProfileUpdateRequestSchema } from './profile';
import { UploadStatusJsonSchema } from './upload-status';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One route of the HTTP API. */
export interface ApiRoute {
  readonly method: HttpMethod;
  /** As in the route key: `/api/profiles/{handle}`. */
  readonly path: string;
  /** `user`: behind the Lambda authorizer (a Cognito access token); `public`: anyone. */
  readonly auth: 'user' | 'public';
  /** The JSON body it takes, if any. */
  readonly request?: z.ZodMiniType;
  /** What a 200 answer holds; `z.undefined()` for a route that answers 204 without a body. */
  readonly response: z.ZodMiniType;
}

/**
 * Every route of the HTTP API. Infra's route table, the local stack's router and the page's API
 * client are built from this; `OPTIONS` preflights are answered by the API itself, never routed.
 *
 * @example
 * routeKey(API_ROUTES.updateProfile); // 'PUT /api/profile/update'
 */
export const API_ROUTES = Object.freeze({
  /** A presigned S3 upload for a new avatar of the caller. */
  presignAvatarUpload: {
    method: 'POST',
    path: '/avatars/key_upload',
    auth: 'user',
    request: AvatarUploadRequestSchema,
    response: AvatarUploadTicketSchema,
  },
  /** Where one of the caller's uploads stands (the ticket's `uploadId`); someone else's is a 404. */
  getAvatarUploadStatus: { method: 'GET', path: '/avatars/uploads/{uploadId}', auth: 'user', response: UploadStatusJsonSchema },
  /** A profile by handle, any case. */
  getProfile: { method: 'GET', path: '/api/profiles/{handle}', auth: 'public', response: ProfileJsonSchema },
  /** The caller's own profile, created on first use. */
  getOwnProfile: { method: 'GET', path: '/api/profile', auth: 'user', response: ProfileJsonSchema },
  /** Replaces the caller's display name and bio. */
  updateProfile: { method: 'PUT', path: '/api/profile/update', auth: 'user', request: ProfileUpdateRequestSchema, response: ProfileJsonSchema },
  /**
   * Removes the caller's avatar: 204 without a body, also when there is none. The profile's avatar
   * becomes null, its renditions are deleted, and uploads issued before the removal never bring it back.
   */
  removeAvatar: { method: 'DELETE', path: '/api/profile/avatar', auth: 'user', response: z.undefined() },
} as const satisfies Record<string, ApiRoute>);

/**
 * API Gateway's route key of a route: method, a space, the path template.
 *
 * @example
 * routeKey(API_ROUTES.getProfile); // 'GET /api/profiles/{handle}'
 */
export function routeKey(route: Pick<ApiRoute, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

/** The names of a path template's parameters: `['handle']` for `/api/profiles/{handle}`. */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\+?\}/g)].map((match) => match[1] ?? '');
}

/**
 * The request path of a route with its parameters filled in, each one percent-encoded as one segment.
 *
 * @throws TypeError when a parameter is missing or empty
 *
 * @example
 * routePath(API_ROUTES.getProfile, { handle: 'andrew brown' }); // '/api/profiles/andrew%20brown'
 */
export function routePath(route: Pick<ApiRoute, 'path'>, params: Readonly<Record<string, string>> = {}): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === '') throw new TypeError(`route ${route.path} needs a non-empty ${name}`);
    return encodeURIComponent(value);
  });
}
