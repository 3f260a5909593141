import { CfnOutput, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { DATABASE_AZ_COUNT, DATABASE_NAME, DATABASE_USERNAME, DATABASE_VPC_CIDR } from '../config';
import { alarmAbove, alarmAction } from '../constructs/alarm-action';
import { IsolatedNetwork } from '../constructs/isolated-network';
import { ProfileDatabase } from '../constructs/profile-database';
import { publishSharedParameter } from '../constructs/shared-parameters';
import { PROJECT_NAME } from '../names';
import { suppress } from '../nag';
import { removalPolicyOf, type AvatarsStackProps } from './avatars-stack-props';

/** Share of the capacity or connection limit that alarms. */
const DATABASE_ALARM_SHARE = 0.8;

/** Aurora PostgreSQL's default max_connections at a capacity: LEAST(memory / 9531392, 5000), 2 GiB per ACU. */
function maxConnections(acu: number): number {
  return Math.min(Math.floor((acu * 2 * 1024 ** 3) / 9_531_392), 5000);
}

/**
 * Shared: the isolated VPC and the profile database. What a client stack needs (VPC, subnets, the
 * "database clients" security group, the credentials secret) is published as SSM parameters, so
 * the profile stack deploys alone and this stack never references it.
 */
export class DatabaseStack extends Stack {
  public readonly network: IsolatedNetwork;
  public readonly database: ProfileDatabase;
  public readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: AvatarsStackProps) {
    const { config } = props;
    super(scope, id, {
      ...props,
      description: `cruddur avatars (${config.stage}): isolated VPC, Aurora Serverless v2 PostgreSQL for profiles`,
    });

    this.network = new IsolatedNetwork(this, 'Network', {
      cidr: DATABASE_VPC_CIDR,
      maxAzs: DATABASE_AZ_COUNT,
      logRetention: config.logRetention,
      removalPolicy: removalPolicyOf(config),
    });
    this.database = new ProfileDatabase(this, 'Database', {
      vpc: this.network.vpc,
      clusterIdentifier: `${PROJECT_NAME}-${config.stage}-profile`,
      databaseName: DATABASE_NAME,
      username: DATABASE_USERNAME,
      minCapacity: config.database.minCapacity,
      maxCapacity: config.database.maxCapacity,
      endpoints: [this.network.secretsManagerEndpoint],
      devStage: config.devStage,
      logRetention: config.logRetention,
    });

    const subnetIds = this.network.vpc.isolatedSubnets.map((subnet) => subnet.subnetId);
    publishSharedParameter(this, config.stage, 'vpcId', this.network.vpc.vpcId);
    publishSharedParameter(this, config.stage, 'databaseSubnetIds', Fn.join(',', subnetIds));
    publishSharedParameter(
      this,
      config.stage,
      'databaseClientsSecurityGroupId',
      this.database.clientsSecurityGroup.securityGroupId,
    );
    publishSharedParameter(this, config.stage, 'databaseSecretArn', this.database.secret.secretArn);
    // IAM database authentication: the app's functions connect by address and sign a token for the
    // cluster's resource id (rds-db:connect), without the secret.
    publishSharedParameter(this, config.stage, 'databaseEndpointAddress', this.database.cluster.clusterEndpoint.hostname);
    publishSharedParameter(this, config.stage, 'databaseClusterResourceId', this.database.cluster.clusterResourceIdentifier);
    publishSharedParameter(this, config.stage, 's3ClientsSecurityGroupId', this.network.s3ClientsSecurityGroup.securityGroupId);

    const action = alarmAction(this, config);
    const period = Duration.minutes(5);
    const { maxCapacity } = config.database;
    this.alarms = [
      alarmAbove(this, 'CapacityAlarm', this.database.cluster.metricServerlessDatabaseCapacity({ period, statistic: cloudwatch.Stats.MAXIMUM }), {
        alarmName: `${id}-capacity-near-max`,
        description: `Aurora runs above ${DATABASE_ALARM_SHARE * 100}% of its ${maxCapacity} ACU maximum for 15 minutes: raise databaseMaxCapacity`,
        threshold: maxCapacity * DATABASE_ALARM_SHARE,
        evaluationPeriods: 3,
        action,
      }),
      alarmAbove(this, 'ConnectionsAlarm', this.database.cluster.metricDatabaseConnections({ period, statistic: cloudwatch.Stats.MAXIMUM }), {
        alarmName: `${id}-connections-near-max`,
        description: `Aurora connections above ${DATABASE_ALARM_SHARE * 100}% of max_connections at ${maxCapacity} ACU`,
        threshold: Math.floor(maxConnections(maxCapacity) * DATABASE_ALARM_SHARE),
        action,
      }),
    ];

    new CfnOutput(this, 'ClusterEndpoint', { value: this.database.cluster.clusterEndpoint.hostname });
    new CfnOutput(this, 'DatabaseSecretArn', { value: this.database.secret.secretArn });
    new CfnOutput(this, 'ClientsSecurityGroupId', { value: this.database.clientsSecurityGroup.securityGroupId });

    suppress(this.database.cluster, [
      {
        id: 'AwsSolutions-RDS11',
        reason:
          'The default port is not a control here: the cluster is in isolated subnets and its security group admits only the database clients group.',
      },
      ...(config.devStage
        ? [
            {
              id: 'AwsSolutions-RDS10',
              reason: 'A dev stage (devStage=true) is disposable and destroyed with its stack; every other stage has deletion protection.',
            },
          ]
        : []),
    ]);
    suppress(this.database.generatedSecret, [
      {
        id: 'AwsSolutions-SMG4',
        reason:
          'Only the migrate function reads the master credentials, once per deploy (the app signs in with IAM tokens as its own role); rotating them needs a rotation function in the isolated VPC, a follow-up.',
      },
    ]);
  }

  /**
   * Fn::GetAZs tokens even for a concrete account and region: the default looks the zones up,
   * which needs credentials and fails `cdk synth --no-lookups`. Deploy time picks the first two.
   */
  public override get availabilityZones(): string[] {
    return Array.from({ length: DATABASE_AZ_COUNT }, (_, i) => Fn.select(i, Fn.getAzs()));
  }
}
