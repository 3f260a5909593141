import { databasePoolConfig } from '../../src/open-database';
import { databaseTarget } from '../../src/database-target';
import { rdsIamAuthToken } from '../../src/iam-auth-token';

const HOST = 'cruddur-avatars-prod-profile.cluster-abc.eu-west-1.rds.amazonaws.com';
const ENV = { DATABASE_HOST: HOST, DATABASE_PORT: '5432', DATABASE_NAME: 'cruddur', DATABASE_USER: 'cruddur_app', AWS_REGION: 'eu-west-1' };
// AWS's documented example key pair: the signer is a pure presign, no request leaves the process.
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

function tokenParams(token: string): URLSearchParams {
  expect(token.startsWith(`${HOST}:5432/?`)).toBe(true);
  return new URL(`https://${token}`).searchParams;
}

describe('IAM database authentication', () => {
  const target = databaseTarget(ENV);
  if (target.kind !== 'iam') throw new Error('expected an iam target');

  it('signs a connect token for the application user, in the region, with the given credentials', async () => {
    const params = tokenParams(await rdsIamAuthToken(target, { region: 'eu-west-1', credentials: CREDENTIALS })());
    expect(params.get('Action')).toBe('connect');
    expect(params.get('DBUser')).toBe('cruddur_app');
    expect(params.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(params.get('X-Amz-Credential')).toMatch(/^AKIDEXAMPLE\/\d{8}\/eu-west-1\/rds-db\/aws4_request$/);
    expect(params.get('X-Amz-Expires')).toBe('900');
    expect(params.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the pool password: a provider pg calls for each new connection, with TLS verified', async () => {
    const config = await databasePoolConfig(target, ENV, { credentials: CREDENTIALS });
    expect(config).toMatchObject({ host: HOST, port: 5432, user: 'cruddur_app', database: 'cruddur', ssl: { rejectUnauthorized: true } });
    expect(typeof config.password).toBe('function');
    const password = config.password as () => Promise<string>;
    const first = tokenParams(await password());
    const second = tokenParams(await password());
    expect(first.get('DBUser')).toBe('cruddur_app');
    expect(second.get('X-Amz-Credential')).toBe(first.get('X-Amz-Credential'));
  });

  it('takes the credentials from the SDK chain when none are given (the role on Lambda)', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDFROMENV', AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey });
    delete process.env['AWS_PROFILE'];
    try {
      const params = tokenParams(await rdsIamAuthToken(target, { region: 'eu-west-1' })());
      expect(params.get('X-Amz-Credential')).toMatch(/^AKIDFROMENV\//);
    } finally {
      process.env = saved;
    }
  });

  it('keeps a password URL as it is (local Postgres): no provider, no signer', async () => {
    const target = databaseTarget({ DATABASE_URL: 'postgres://app:pw@localhost:5432/cruddur' });
    if (target.kind === 'pglite') throw new Error('a postgres:// URL must not open PGlite');
    const config = await databasePoolConfig(target, {});
    expect(config.connectionString).toBe('postgres://app:pw@localhost:5432/cruddur');
    expect(config.password).toBeUndefined();
  });
});
