import type { SignerConfig } from '@aws-sdk/rds-signer';
import type { DatabaseTarget } from './database-target';

/** What `pg` calls for the password of each new connection. */
export type PasswordProvider = () => Promise<string>;

export interface IamAuthOptions {
  /** Default: `AWS_REGION` (set on Lambda). */
  region?: string;
  /** Default: the SDK's credential chain (the function's role on Lambda). */
  credentials?: SignerConfig['credentials'];
}

/**
 * The password provider of IAM database authentication: each call signs a fresh token (a SigV4
 * presigned `connect` request, valid 15 minutes, made locally with no network call) for `user`.
 * Given to the pool as its password, every new connection gets one, so a long-lived pool never
 * reuses an expired token.
 *
 * @example
 * const password = rdsIamAuthToken({ kind: 'iam', host, port: 5432, database: 'cruddur', user: 'cruddur_app' });
 * new Pool({ host, port: 5432, user: 'cruddur_app', database: 'cruddur', password, ssl: { rejectUnauthorized: true } });
 */
export function rdsIamAuthToken(target: Extract<DatabaseTarget, { kind: 'iam' }>, options: IamAuthOptions = {}): PasswordProvider {
  let signer: Promise<{ getAuthToken(): Promise<string> }> | undefined;
  return async () => {
    // Loaded on first connection: only IAM-authenticated functions carry the signer's cost.
    signer ??= import('@aws-sdk/rds-signer').then(
      ({ Signer }) =>
        new Signer({
          hostname: target.host,
          port: target.port,
          username: target.user,
          region: options.region ?? process.env['AWS_REGION'],
          credentials: options.credentials,
        }),
    );
    return (await signer).getAuthToken();
  };
}
