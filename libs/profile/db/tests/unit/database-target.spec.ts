import path from 'node:path';
import { DatabaseConfigError } from '../../src';
import { databaseTarget } from '../../src/database-target';

describe('databaseTarget', () => {
  it.each([
    ['pglite://memory', { kind: 'pglite', dataDir: undefined }],
    ['pglite://.local/pgdata', { kind: 'pglite', dataDir: path.resolve('.local/pgdata') }],
    ['pglite:///var/tmp/pg', { kind: 'pglite', dataDir: '/var/tmp/pg' }],
    ['postgres://app:pw@db.example:5432/cruddur', { kind: 'postgres', connectionString: 'postgres://app:pw@db.example:5432/cruddur' }],
    ['postgresql://db.example/cruddur?sslmode=require', { kind: 'postgres', connectionString: 'postgresql://db.example/cruddur?sslmode=require' }],
  ])('reads DATABASE_URL=%s', (url, expected) => {
    expect(databaseTarget({ DATABASE_URL: url })).toEqual(expected);
  });

  it('prefers DATABASE_URL, then the secret, then the PG* variables', () => {
    const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:cruddur-db-AbCdEf';
    expect(databaseTarget({ DATABASE_URL: 'pglite://memory', DATABASE_SECRET_ARN: arn }).kind).toBe('pglite');
    expect(databaseTarget({ DATABASE_SECRET_ARN: arn, PGHOST: 'db' })).toEqual({ kind: 'secret', secretArn: arn });
    expect(databaseTarget({ PGHOST: 'db.example' })).toEqual({ kind: 'pg-env' });
  });

  it('reads IAM database authentication from DATABASE_HOST, _PORT, _NAME and _USER (after the secret, before PG*)', () => {
    const iam = { DATABASE_HOST: 'db.cluster-x.eu-west-1.rds.amazonaws.com', DATABASE_PORT: '5432', DATABASE_NAME: 'cruddur', DATABASE_USER: 'cruddur_app' };
    expect(databaseTarget({ ...iam, PGHOST: 'other' })).toEqual({
      kind: 'iam',
      host: 'db.cluster-x.eu-west-1.rds.amazonaws.com',
      port: 5432,
      database: 'cruddur',
      user: 'cruddur_app',
    });
    const withoutPort: NodeJS.ProcessEnv = { ...iam };
    delete withoutPort['DATABASE_PORT'];
    expect(databaseTarget(withoutPort)).toMatchObject({ kind: 'iam', port: 5432 });
    expect(databaseTarget({ ...iam, DATABASE_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf' }).kind).toBe('secret');
  });

  it.each([
    ['nothing configured', {}],
    ['DATABASE_HOST without a user', { DATABASE_HOST: 'db', DATABASE_NAME: 'cruddur' }],
    ['DATABASE_HOST without a database name', { DATABASE_HOST: 'db', DATABASE_USER: 'app' }],
    ['a DATABASE_PORT that is no port', { DATABASE_HOST: 'db', DATABASE_USER: 'app', DATABASE_NAME: 'cruddur', DATABASE_PORT: '99999' }],
    ['an unknown scheme', { DATABASE_URL: 'mysql://db/x' }],
    ['pglite without a folder', { DATABASE_URL: 'pglite://' }],
    ['a secret name instead of an ARN', { DATABASE_SECRET_ARN: 'cruddur-db' }],
  ])('refuses %s', (_, env) => {
    expect(() => databaseTarget(env)).toThrow(DatabaseConfigError);
  });
});
