-- What a user's "remove avatar" left behind. `avatar_removed_before`: every upload id that sorts
-- before it was issued before the last removal (or is the removed avatar itself), so its late "avatar
-- processed" message never brings an avatar back. `avatar_purged_before`: up to where the renditions
-- have been deleted; a removal whose purge failed has it behind `avatar_removed_before` until a retry.
-- Both compare byte by byte with upload ids ("C" collation, like avatar_version).
-- migrate:up
ALTER TABLE users
  ADD COLUMN avatar_removed_before text COLLATE "C",
  ADD COLUMN avatar_purged_before text COLLATE "C";

-- migrate:down
ALTER TABLE users
  DROP COLUMN avatar_purged_before,
  DROP COLUMN avatar_removed_before;
