-- The profile form's bio. The original rollback of this column was broken SQL; this one is tested.
-- migrate:up
ALTER TABLE users ADD COLUMN bio text NOT NULL DEFAULT '';

-- migrate:down
ALTER TABLE users DROP COLUMN bio;
