-- The application's own role. The profile functions sign in as cruddur_app with IAM database
-- authentication (membership of rds_iam), never as the master user, and may only read, create and
-- change rows: no DELETE, no DDL, nothing of the migrator's tables. Roles are cluster-wide, so it is
-- created only when missing; rds_iam exists on RDS and Aurora only (PGlite has none), so it is
-- granted only where it exists. Tables later migrations create get the same rights by default.
-- migrate:up
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'cruddur_app') THEN
    CREATE ROLE cruddur_app LOGIN;
  END IF;
  IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'rds_iam') THEN
    GRANT rds_iam TO cruddur_app;
  END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO cruddur_app;
GRANT SELECT, INSERT, UPDATE ON TABLE users TO cruddur_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE ON TABLES TO cruddur_app;

-- migrate:down
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE ON TABLES FROM cruddur_app;
REVOKE ALL ON TABLE users FROM cruddur_app;
REVOKE USAGE ON SCHEMA public FROM cruddur_app;
DROP ROLE cruddur_app;
