import { DatabaseConfigError } from '../../src';
import { databaseSecretConfig } from '../../src/database-secret';

const secret = { engine: 'postgres', host: 'cruddur.cluster-abc.us-east-1.rds.amazonaws.com', port: 5432, username: 'cruddur', password: 'p@ss word', dbname: 'cruddur' };

describe('databaseSecretConfig', () => {
  it('maps an RDS secret to pool settings with verified TLS', () => {
    expect(databaseSecretConfig(JSON.stringify(secret), {})).toEqual({
      host: secret.host,
      port: 5432,
      user: 'cruddur',
      password: 'p@ss word',
      database: 'cruddur',
      ssl: { rejectUnauthorized: true },
    });
  });

  it('takes the database name from PGDATABASE when the secret has none, and TLS from PGSSLMODE', () => {
    const config = databaseSecretConfig(JSON.stringify({ ...secret, dbname: undefined, port: '6543' }), { PGDATABASE: 'app', PGSSLMODE: 'disable' });
    expect(config).toMatchObject({ database: 'app', port: 6543, ssl: false });
  });

  it.each([
    ['not JSON', 'host=db'],
    ['JSON null', 'null'],
    ['no password', JSON.stringify({ host: 'db', username: 'u' })],
    ['a bad port', JSON.stringify({ ...secret, port: 'x' })],
  ])('refuses a secret with %s', (_, text) => {
    expect(() => databaseSecretConfig(text, {})).toThrow(DatabaseConfigError);
  });
});
