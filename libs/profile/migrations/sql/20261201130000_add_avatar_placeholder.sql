-- The avatar's placeholder: its ThumbHash in standard base64 (at most 25 bytes, so 36 characters),
-- painted by the page until a rendition loads. Nullable: avatars recorded before the thumbnail
-- computed one have none, and an older thumbnail may still announce avatars without it.
-- The same for each ready upload, so the upload status answers the avatar it became in full.
-- migrate:up
ALTER TABLE users
  ADD COLUMN avatar_placeholder text,
  ADD CONSTRAINT users_avatar_placeholder_format CHECK (avatar_placeholder ~ '^[A-Za-z0-9+/]{6,34}={0,2}$');
ALTER TABLE avatar_uploads
  ADD COLUMN avatar_placeholder text,
  ADD CONSTRAINT avatar_uploads_avatar_placeholder_format CHECK (avatar_placeholder ~ '^[A-Za-z0-9+/]{6,34}={0,2}$');

-- migrate:down
ALTER TABLE avatar_uploads DROP COLUMN avatar_placeholder;
ALTER TABLE users DROP COLUMN avatar_placeholder;
