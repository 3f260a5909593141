import middy from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import { API_ERRORS, API_ROUTES, type ProfileUpdateRequest, ProfileUpdateRequestSchema, routeKey } from '@cruddur/shared/contract';
import type { Queryable } from '@cruddur/profile/db';
import { type ErrorStatus, MalformedBodyError, bodySchema, callerIdentity, httpApi, jsonResponse } from '@cruddur/http/middleware';
import { uploadIdIssuedAt } from '@cruddur/storage/s3-keys';
import { type Tracer, traceLambdaHandler } from '@cruddur/shared/observability';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { removeAvatarAndRenditions } from './avatar-removal';
import { AvatarRemovalIncompleteError, HandleUnavailableError, InvalidProfileUpdateError, InvalidUploadIdError, ProfileNotFoundError, UploadNotFoundError } from './errors';
import { profileJson } from './profile';
import { ensureUser, findProfileByHandle, updateOwnProfile } from './profile-store';
import { profileUpdateFromRequest } from './profile-update';
import { DEFAULT_UPLOAD_STATUS_TIMING, type UploadStatusTiming, uploadStatusAnswer } from './upload-status';
import { findUploadOutcome } from './upload-status-store';
import type { SupersededRenditions } from './superseded-renditions';

export interface ProfileRouteDeps {
  db: Queryable;
  logger: Logger;
  /** Where avatar keys are served, e.g. `https://assets.example.com`. */
  assetsBaseUrl: string;
  origins: readonly string[];
  /** How long an undecided upload is pending (default: the contract's URL lifetime and window). */
  uploadStatusTiming?: UploadStatusTiming;
  now?: () => Date;
  /** X-Ray: each invocation a subsegment; in Lambda only (see `lambdaTracer`). */
  tracer?: Tracer;
  /** Where a removal deletes the user's renditions (the assets bucket); omitted, they stay. */
  renditions?: SupersededRenditions;
}

const PROFILE_ERROR_STATUSES: readonly ErrorStatus[] = [
  [InvalidProfileUpdateError, API_ERRORS['invalid-request'].status],
  [ProfileNotFoundError, API_ERRORS['not-found'].status],
  [InvalidUploadIdError, API_ERRORS['invalid-request'].status],
  [UploadNotFoundError, API_ERRORS['not-found'].status],
  // Lost every race for a handle: a retry a moment later finds one.
  [HandleUnavailableError, API_ERRORS['handle-unavailable'].status],
  // The removal stands; repeating it repeats the cleanup.
  [AvatarRemovalIncompleteError, API_ERRORS['removal-incomplete'].status],
];

// Room for 160 emoji sequences, JSON-escaped; far more than a valid update needs.
const UPDATE_MAX_BYTES = 16 * 1024;

function route(deps: ProfileRouteDeps, jsonBodyMaxBytes?: number) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(traceLambdaHandler(deps.tracer))
    .use(httpApi({ logger: deps.logger, origins: deps.origins, errorStatuses: PROFILE_ERROR_STATUSES, jsonBodyMaxBytes }));
}

/** `GET /api/profiles/{handle}` (public): a profile by handle, any case. */
export function getProfileRoute(deps: ProfileRouteDeps) {
  return route(deps).handler(async (event) => {
    const profile = await findProfileByHandle(deps.db, event.pathParameters?.['handle'] ?? '');
    if (!profile) throw new ProfileNotFoundError();
    return jsonResponse(200, profileJson(profile, deps.assetsBaseUrl));
  });
}

/** `GET /api/profile` (auth): the caller's own profile, created on first use. */
export function getOwnProfileRoute(deps: ProfileRouteDeps) {
  return route(deps).handler(async (event) => {
    const profile = await ensureUser(deps.db, callerIdentity(event));
    return jsonResponse(200, profileJson(profile, deps.assetsBaseUrl));
  });
}

/** `PUT /api/profile/update` (auth): replaces the caller's display name and bio. */
export function updateProfileRoute(deps: ProfileRouteDeps) {
  return route(deps, UPDATE_MAX_BYTES)
    .use(bodySchema(ProfileUpdateRequestSchema))
    .handler(async (event) => {
    const owner = callerIdentity(event);
    const body: ProfileUpdateRequest = event.body;
    const update = profileUpdateFromRequest(body);
    const profile = await updateOwnProfile(deps.db, owner, update);
    deps.logger.info('profile updated', { handle: profile.handle });
    return jsonResponse(200, profileJson(profile, deps.assetsBaseUrl));
  });
}

/**
 * `GET /avatars/uploads/{uploadId}` (auth): where one of the caller's uploads stands, so the page
 * learns a rejection as soon as the thumbnail decides it. A malformed id is a 400, someone else's a 404.
 */
export function getUploadStatusRoute(deps: ProfileRouteDeps) {
  const timing = deps.uploadStatusTiming ?? DEFAULT_UPLOAD_STATUS_TIMING;
  return route(deps).handler(async (event) => {
    const { sub } = callerIdentity(event);
    const uploadId = event.pathParameters?.['uploadId'] ?? '';
    // Checked before the database is asked anything.
    if (uploadIdIssuedAt(uploadId) === undefined) throw new InvalidUploadIdError();
    const outcome = await findUploadOutcome(deps.db, uploadId);
    const now = (deps.now ?? (() => new Date()))();
    return jsonResponse(200, uploadStatusAnswer({ sub, uploadId, outcome, now, assetsBaseUrl: deps.assetsBaseUrl, timing }));
  });
}

/**
 * `DELETE /api/profile/avatar` (auth): removes the caller's avatar and deletes its renditions; 204
 * without a body, also when there was none. A body is refused (400): this route takes none, and a
 * client sending one expects something this route does not do.
 */
export function removeAvatarRoute(deps: ProfileRouteDeps) {
  return route(deps).handler(async (event) => {
    const owner = callerIdentity(event);
    if (event.body !== undefined && event.body !== '') throw new MalformedBodyError(`${routeKey(API_ROUTES.removeAvatar)} takes no body`);
    const removal = await removeAvatarAndRenditions(deps, owner, (deps.now ?? (() => new Date()))());
    deps.logger.info('avatar removed', { sub: owner.sub, removedVersion: removal.removedVersion, renditionsDeleted: removal.deleted.length });
    return { statusCode: 204, headers: { 'Cache-Control': 'no-store' } };
  });
}
