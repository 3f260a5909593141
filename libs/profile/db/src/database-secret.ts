import type { PoolConfig } from 'pg';
import type { DatabaseEnv } from './database-target';
import { DatabaseConfigError } from './errors';

/** The fields of the secret RDS and Aurora generate for a database user. */
interface RdsSecret {
  host: string;
  port?: number | string;
  username: string;
  password: string;
  dbname?: string;
}

/**
 * TLS settings from `PGSSLMODE`: verified TLS unless told otherwise. On Lambda the RDS certificate
 * authorities come from `NODE_EXTRA_CA_CERTS=/var/runtime/ca-cert.pem`.
 */
export function sslFromEnv(env: DatabaseEnv): PoolConfig['ssl'] {
  const mode = env['PGSSLMODE']?.trim();
  if (mode === 'disable') return false;
  if (mode === 'no-verify') return { rejectUnauthorized: false };
  return { rejectUnauthorized: true };
}

/**
 * Pool settings from the JSON of an RDS database secret.
 *
 * @example
 * databaseSecretConfig('{"host":"db.example","username":"app","password":"…","dbname":"cruddur"}', process.env);
 */
export function databaseSecretConfig(secretString: string, env: DatabaseEnv): PoolConfig {
  let secret: Partial<RdsSecret>;
  try {
    secret = JSON.parse(secretString) as Partial<RdsSecret>;
  } catch (cause) {
    throw new DatabaseConfigError('database secret is not JSON', { cause });
  }
  if (typeof secret !== 'object' || secret === null) throw new DatabaseConfigError('database secret is not a JSON object');
  const { host, username, password } = secret;
  if (typeof host !== 'string' || typeof username !== 'string' || typeof password !== 'string') {
    throw new DatabaseConfigError('database secret needs host, username and password');
  }
  const port = Number(secret.port ?? 5432);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new DatabaseConfigError('database secret has an invalid port');
  return {
    host,
    port,
    user: username,
    password,
    database: secret.dbname ?? env['PGDATABASE'] ?? 'postgres',
    ssl: sslFromEnv(env),
  };
}

/** Reads an RDS database secret through the AWS SDK (loaded only when a secret is configured). */
export async function readDatabaseSecret(secretArn: string): Promise<string> {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({});
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    if (!SecretString) throw new DatabaseConfigError('database secret has no string value');
    return SecretString;
  } finally {
    client.destroy();
  }
}
