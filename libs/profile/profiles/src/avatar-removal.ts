import type { Logger } from '@aws-lambda-powertools/logger';
import type { Queryable } from '@cruddur/profile/db';
import { type AvatarRemoval, markAvatarPurged, removeAvatar } from './avatar-removal-store';
import { AvatarRemovalIncompleteError } from './errors';
import type { ProfileOwner } from './profile-store';
import type { SupersededRenditions } from './superseded-renditions';

export interface AvatarRemovalDeps {
  db: Queryable;
  logger: Pick<Logger, 'error'>;
  renditions?: SupersededRenditions;
}

/**
 * Removes the caller's avatar, then deletes every rendition older than the removal's floor (the
 * removed version and anything superseded before it); in AWS each deletion then invalidates its
 * version on the CDN (`renditionsDeletedHandler`).
 * The removal is committed first: a failed cleanup never brings the avatar back. It leaves the user
 * marked as not purged and throws `AvatarRemovalIncompleteError`, so the client repeats the removal
 * (which repeats the cleanup), and the subscriber's next prune of that user deletes them too.
 *
 * @example
 * const { removedVersion, deleted } = await removeAvatarAndRenditions(deps, callerIdentity(event), new Date());
 */
export async function removeAvatarAndRenditions(
  deps: AvatarRemovalDeps,
  owner: ProfileOwner,
  now: Date,
): Promise<AvatarRemoval & { deleted: readonly string[] }> {
  const removal = await removeAvatar(deps.db, owner, now);
  let deleted: string[] = [];
  try {
    // Without a bucket to delete from (a route-only deployment) the removal is never marked purged.
    if (deps.renditions) {
      deleted = await deps.renditions.prune(owner.sub, removal.removedBefore);
      await markAvatarPurged(deps.db, owner.sub, removal.removedBefore);
    }
  } catch (cause) {
    deps.logger.error('avatar removed but its renditions are not purged', { sub: owner.sub, removedBefore: removal.removedBefore, error: cause });
    throw new AvatarRemovalIncompleteError(undefined, { cause });
  }
  return { ...removal, deleted };
}
