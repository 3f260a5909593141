-- Users, keyed by their Cognito sub. A row without a handle is a user we have only heard of from an
-- avatar upload; it gets its handle (and becomes a public profile) on first authenticated use.
-- migrate:up
CREATE TABLE users (
  uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  cognito_user_id text NOT NULL,
  handle text,
  display_name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_cognito_user_id_key UNIQUE (cognito_user_id),
  CONSTRAINT users_handle_format CHECK (handle ~ '^[a-z0-9_]{3,30}$'),
  CONSTRAINT users_profile_complete CHECK ((handle IS NULL) = (display_name IS NULL))
);
-- Handles are stored lower-case (see the format check), so this also makes them unique ignoring case.
CREATE UNIQUE INDEX users_handle_key ON users (handle);

-- migrate:down
DROP TABLE users;
