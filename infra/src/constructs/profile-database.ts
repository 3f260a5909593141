import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export const POSTGRES_PORT = 5432;

export interface ProfileDatabaseProps {
  readonly vpc: ec2.IVpc;
  /** Lowercase, unique per account and region; also names the PostgreSQL log group. */
  readonly clusterIdentifier: string;
  readonly databaseName: string;
  readonly username: string;
  /** Aurora Serverless v2 ACUs; a minimum of 0 pauses an idle writer (it resumes in about 15 s). */
  readonly minCapacity: number;
  readonly maxCapacity: number;
  /** Interface endpoints the clients reach on 443 (Secrets Manager, to read the credentials). */
  readonly endpoints: readonly ec2.IConnectable[];
  /** Dev stage: destroyed with the stack, no deletion protection, 1 day of backups. */
  readonly devStage: boolean;
  readonly logRetention: logs.RetentionDays;
}

/**
 * The profile database: Aurora Serverless v2 PostgreSQL 17 (the major version PGlite runs locally),
 * encrypted, in isolated subnets, TLS forced, credentials generated into Secrets Manager. Reachable
 * on 5432 only from the "database clients" security group, which any stack can attach a function
 * to without touching this one.
 */
export class ProfileDatabase extends Construct {
  public readonly cluster: rds.DatabaseCluster;
  /** The credentials as clients address them (the secret attached to the cluster: host, port, dbname included). */
  public readonly secret: secretsmanager.ISecret;
  /** The generated secret resource itself. */
  public readonly generatedSecret: secretsmanager.Secret;
  /** The cluster's own group: ingress 5432 from `clientsSecurityGroup`, nothing else. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** Members may reach the database (5432) and the given endpoints (443), and nothing else. */
  public readonly clientsSecurityGroup: ec2.SecurityGroup;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ProfileDatabaseProps) {
    super(scope, id);
    // RetainExceptOnCreate: a rolled-back create must free the fixed log group name for the retry.
    const removalPolicy = props.devStage ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE;

    this.clientsSecurityGroup = new ec2.SecurityGroup(this, 'ClientsSecurityGroup', {
      vpc: props.vpc,
      description: 'Database clients: may reach the profile database on 5432 and Secrets Manager on 443',
      allowAllOutbound: false,
    });
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Profile database: PostgreSQL from the database clients group only',
      allowAllOutbound: false,
    });
    // Ingress on the database group and the matching egress on the clients group.
    this.securityGroup.connections.allowFrom(this.clientsSecurityGroup, ec2.Port.tcp(POSTGRES_PORT), 'PostgreSQL from database clients');
    for (const endpoint of props.endpoints) {
      endpoint.connections.allowFrom(this.clientsSecurityGroup, ec2.Port.tcp(443), 'HTTPS from database clients');
    }
    // Rules towards other groups are separate resources, so CDK drops its inline "no traffic"
    // placeholder; keep it, so the group never holds EC2's default allow-all egress rule.
    (this.clientsSecurityGroup.node.defaultChild as ec2.CfnSecurityGroup).addPropertyOverride('SecurityGroupEgress', [
      { CidrIp: '255.255.255.255/32', Description: 'Disallow all other traffic', IpProtocol: 'icmp', FromPort: 252, ToPort: 86 },
    ]);

    // Created up front so it has a retention; Aurora writes into it by this name.
    this.logGroup = new logs.LogGroup(this, 'PostgresqlLogs', {
      logGroupName: `/aws/rds/cluster/${props.clusterIdentifier}/postgresql`,
      retention: props.logRetention,
      removalPolicy,
    });

    const engine = rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_17_6 });
    this.cluster = new rds.DatabaseCluster(this, 'Cluster', {
      engine,
      clusterIdentifier: props.clusterIdentifier,
      credentials: rds.Credentials.fromGeneratedSecret(props.username),
      defaultDatabaseName: props.databaseName,
      writer: rds.ClusterInstance.serverlessV2('Writer', { publiclyAccessible: false, autoMinorVersionUpgrade: true }),
      serverlessV2MinCapacity: props.minCapacity,
      serverlessV2MaxCapacity: props.maxCapacity,
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [this.securityGroup],
      port: POSTGRES_PORT,
      storageEncrypted: true,
      // The app's functions sign in as the application role with IAM tokens; only migrate uses the secret.
      iamAuthentication: true,
      parameters: { 'rds.force_ssl': '1' },
      cloudwatchLogsExports: ['postgresql'],
      backup: { retention: Duration.days(props.devStage ? 1 : 7) },
      copyTagsToSnapshot: true,
      deletionProtection: !props.devStage,
      removalPolicy: props.devStage ? RemovalPolicy.DESTROY : RemovalPolicy.SNAPSHOT,
    });
    this.cluster.node.addDependency(this.logGroup);

    const secret = this.cluster.secret;
    if (!secret) throw new Error('a cluster with generated credentials always has a secret');
    this.secret = secret;
    // Outside a dev stage the credentials outlive the stack, like the final snapshot they open.
    this.generatedSecret = this.cluster.node.findChild('Secret') as secretsmanager.Secret;
    this.generatedSecret.applyRemovalPolicy(removalPolicy);
  }
}
