-- The outcome of each avatar upload, keyed by its upload id ("<13-digit ms>-<16 hex>", from the key),
-- so the page can learn a rejection as soon as the thumbnail decides. A row is written only when
-- the outcome is known; no row means pending (or, past the upload URL's expiry, expired).
-- `avatar_keys` are the renditions of a ready upload, kept even after a newer avatar replaces it.
-- migrate:up
CREATE TABLE avatar_uploads (
  upload_id text COLLATE "C" PRIMARY KEY,
  cognito_user_id text NOT NULL,
  status text NOT NULL,
  reason text,
  avatar_keys jsonb,
  uploaded_at timestamptz,
  decided_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT avatar_uploads_upload_id_format CHECK (upload_id ~ '^[0-9]{13}-[0-9a-f]{16}$'),
  CONSTRAINT avatar_uploads_status CHECK (status IN ('ready', 'rejected')),
  CONSTRAINT avatar_uploads_outcome_complete CHECK (
    (status <> 'ready' OR (avatar_keys IS NOT NULL AND reason IS NULL))
    AND (status <> 'rejected' OR (reason IS NOT NULL AND avatar_keys IS NULL))
  )
);

-- migrate:down
DROP TABLE avatar_uploads;
