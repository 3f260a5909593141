import type { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface IsolatedNetworkProps {
  /** e.g. `10.40.0.0/16` */
  readonly cidr: string;
  readonly maxAzs: number;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * A VPC with private isolated subnets only: no internet gateway, no NAT gateway (about $32/month
 * each plus data), nothing inside can reach the internet or be reached from it. The profile
 * functions need three things there: the database; Secrets Manager (the migrate step's master
 * credentials), which an interface endpoint serves privately; and S3, where the avatar-processed
 * subscriber deletes superseded renditions, through a gateway endpoint (free: a route, no network
 * interface). Rejected traffic is logged (VPC flow logs).
 */
export class IsolatedNetwork extends Construct {
  public readonly vpc: ec2.Vpc;
  public readonly secretsManagerEndpoint: ec2.InterfaceVpcEndpoint;
  public readonly s3Endpoint: ec2.GatewayVpcEndpoint;
  /** Members may send HTTPS out of the VPC, whose only route out is the S3 gateway endpoint. */
  public readonly s3ClientsSecurityGroup: ec2.SecurityGroup;
  public readonly flowLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: IsolatedNetworkProps) {
    super(scope, id);
    this.flowLogGroup = new logs.LogGroup(this, 'RejectedFlowLogs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.cidr),
      maxAzs: props.maxAzs,
      natGateways: 0,
      subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 22 }],
      // Private DNS of the interface endpoint needs both.
      enableDnsHostnames: true,
      enableDnsSupport: true,
      flowLogs: {
        rejected: {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup),
          trafficType: ec2.FlowLogTrafficType.REJECT,
        },
      },
    });
    // Closed by default: whoever needs it is allowed in on 443 by security group.
    this.secretsManagerEndpoint = this.vpc.addInterfaceEndpoint('SecretsManagerEndpoint', {
      service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
      privateDnsEnabled: true,
      open: false,
      subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
    this.s3Endpoint = this.vpc.addGatewayEndpoint('S3Endpoint', {
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: [{ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    // A gateway endpoint's prefix-list id has no CloudFormation attribute, so the rule cannot name
    // it; in isolated subnets the S3 endpoint's route is the only way out, and that is the limit.
    this.s3ClientsSecurityGroup = new ec2.SecurityGroup(this, 'S3ClientsSecurityGroup', {
      vpc: this.vpc,
      description: 'S3 clients: HTTPS out, which only the S3 gateway endpoint routes; no ingress',
      allowAllOutbound: false,
    });
    this.s3ClientsSecurityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'S3 through the gateway endpoint (no other route out)');
  }
}
