import path from 'node:path';
import { DatabaseConfigError, databaseTarget } from '../../src';

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

  it.each([
    ['nothing configured', {}],
    ['an unknown scheme', { DATABASE_URL: 'mysql://db/x' }],
    ['pglite without a folder', { DATABASE_URL: 'pglite://' }],
    ['a secret name instead of an ARN', { DATABASE_SECRET_ARN: 'cruddur-db' }],
  ])('refuses %s', (_, env) => {
    expect(() => databaseTarget(env)).toThrow(DatabaseConfigError);
  });
});
