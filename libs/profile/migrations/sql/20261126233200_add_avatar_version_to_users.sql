-- The user's current avatar: its version (the upload id, "<13-digit ms>-<16 hex>", which sorts by
-- upload time) and the asset keys of its renditions. The "C" collation makes `<` compare the id
-- byte by byte, whatever the database's default collation is.
-- migrate:up
ALTER TABLE users
  ADD COLUMN avatar_version text COLLATE "C",
  ADD COLUMN avatar_keys jsonb,
  ADD COLUMN avatar_updated_at timestamptz,
  ADD CONSTRAINT users_avatar_version_format CHECK (avatar_version ~ '^[0-9]{13}-[0-9a-f]{16}$'),
  ADD CONSTRAINT users_avatar_complete CHECK ((avatar_version IS NULL) = (avatar_keys IS NULL));

-- migrate:down
ALTER TABLE users
  DROP COLUMN avatar_updated_at,
  DROP COLUMN avatar_keys,
  DROP COLUMN avatar_version;
