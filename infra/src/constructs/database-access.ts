import { Fn } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DATABASE_AZ_COUNT } from '../config';
import type { FunctionNetwork } from './avatar-function';
import { readSharedParameter } from './shared-parameters';

export interface DatabaseAccessProps {
  readonly stage: string;
}

/**
 * What a function needs to reach the profile database, read from the database stack's SSM
 * parameters when the reading stack deploys: the isolated subnets, the "database clients" security
 * group to join, and the ARN of the credentials secret. (`Vpc.fromLookup` would need an account at
 * synth time and freeze the ids into the template; these resolve at deploy time and keep the
 * synth offline and the two stacks independent.)
 */
export class DatabaseAccess extends Construct {
  public readonly network: FunctionNetwork;
  /** Full ARN (with its random suffix) of the RDS-format secret: host, port, username, password, dbname. */
  public readonly secretArn: string;
  /** The cluster's writer endpoint host name (IAM authentication connects by it). */
  public readonly endpointAddress: string;
  /** `cluster-…`: the resource id `rds-db:connect` ARNs name. */
  public readonly clusterResourceId: string;

  constructor(scope: Construct, id: string, props: DatabaseAccessProps) {
    super(scope, id);
    const read = (parameter: Parameters<typeof readSharedParameter>[2]) => readSharedParameter(this, props.stage, parameter);
    this.network = {
      // The parameter always lists DATABASE_AZ_COUNT comma-separated subnet ids, one per zone.
      subnetIds: Fn.split(',', read('databaseSubnetIds'), DATABASE_AZ_COUNT),
      securityGroupId: read('databaseClientsSecurityGroupId'),
    };
    this.secretArn = read('databaseSecretArn');
    this.endpointAddress = read('databaseEndpointAddress');
    this.clusterResourceId = read('databaseClusterResourceId');
  }
}
