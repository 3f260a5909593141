import { type AvatarProcessedDeps, avatarProcessedHandler } from './avatar-processed-handler';
import { type ProfileRouteDeps, getOwnProfileRoute, getProfileRoute, updateProfileRoute } from './profile-routes';

/**
 * Every handler of the profile app around one set of dependencies: what `handler.ts` exports for
 * Lambda, and what the local stack builds around its own PGlite database.
 *
 * @example
 * const { getProfile, getOwnProfile, updateProfile, avatarProcessed } = profileHandlers({ db, logger, assetsBaseUrl, origins });
 */
export function profileHandlers(deps: ProfileRouteDeps & AvatarProcessedDeps) {
  return {
    getProfile: getProfileRoute(deps),
    getOwnProfile: getOwnProfileRoute(deps),
    updateProfile: updateProfileRoute(deps),
    avatarProcessed: avatarProcessedHandler(deps),
  };
}

export * from './profile-routes';
export * from './avatar-processed-handler';
