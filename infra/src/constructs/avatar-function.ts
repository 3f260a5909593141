import { ArnFormat, Duration, Stack, type RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { STAGE_ENV } from '@cruddur/shared/metrics';
import type { FunctionSizing } from '../config';
import { suppress, wildcardResourceFinding } from '../nag';
import { alarmAbove } from './alarm-action';

/** A p99 duration above this share of the timeout alarms: the function is about to time out. */
const DURATION_ALARM_SHARE_OF_TIMEOUT = 0.8;

/** Where a function attaches to a VPC, e.g. ids read from SSM parameters at deploy time. */
export interface FunctionNetwork {
  readonly subnetIds: readonly string[];
  readonly securityGroupId: string;
  /** Groups only this function joins besides `securityGroupId` (e.g. one more egress). */
  readonly additionalSecurityGroupIds?: readonly string[];
}

export interface AvatarFunctionProps {
  /** Stable name: the API targets the function by it. */
  readonly functionName: string;
  readonly description: string;
  /** Nx build output holding `index.js` (+ source map, + node_modules for the thumbnail). */
  readonly assetDir: string;
  /** `<file>.<export>`; default `index.handler`. One bundle may serve several functions. */
  readonly handler?: string;
  /** Absent: the function runs outside any VPC. */
  readonly network?: FunctionNetwork;
  /** `POWERTOOLS_SERVICE_NAME` */
  readonly serviceName: string;
  /** `CRUDDUR_STAGE`: the stage its custom metrics name (their `stage` dimension). */
  readonly stage: string;
  readonly logLevel: string;
  readonly sizing: FunctionSizing;
  readonly environment?: Readonly<Record<string, string>>;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  readonly reservedConcurrentExecutions?: number;
  /** Async invocations only: retries before `onFailure`. */
  readonly retryAttempts?: number;
  readonly onFailure?: lambda.IDestination;
  /** Where the function's Errors and Throttles alarms (and the duration alarm) notify. */
  readonly alarmAction: cloudwatch.IAlarmAction;
  /** Also alarm when the p99 duration nears the timeout (functions whose work grows with input). */
  readonly alarmOnDurationNearTimeout?: boolean;
}

/**
 * A Node.js 22 arm64 function built by Nx, with its own log group and a role that may only write
 * to that log group (and, in a VPC, manage its network interfaces there). Every other permission
 * is granted explicitly by the owning stack.
 */
export class AvatarFunction extends Construct {
  public readonly function: lambda.Function;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;
  public readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: AvatarFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: `/aws/lambda/${props.functionName}`,
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });

    // No AWSLambdaBasicExecutionRole: it grants logs:* on every log group.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.functionName}`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteOwnLogGroup',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new lambda.Function(this, 'Function', {
      functionName: props.functionName,
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      handler: props.handler ?? 'index.handler',
      code: lambda.Code.fromAsset(props.assetDir),
      memorySize: props.sizing.memorySize,
      timeout: props.sizing.timeout,
      role: this.role,
      logGroup: this.logGroup,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      retryAttempts: props.retryAttempts,
      onFailure: props.onFailure,
      // Active X-Ray tracing: Lambda samples and records each invocation; CDK grants the role
      // xray:PutTraceSegments/PutTelemetryRecords, which support no resource-level permissions.
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        [STAGE_ENV]: props.stage,
        POWERTOOLS_LOG_LEVEL: props.logLevel,
        ...props.environment,
      },
    });

    const fiveMinutes = { period: Duration.minutes(5) };
    this.alarms = [
      alarmAbove(this, 'ErrorsAlarm', this.function.metricErrors({ ...fiveMinutes, statistic: cloudwatch.Stats.SUM }), {
        alarmName: `${props.functionName}-errors`,
        description: `${props.functionName} failed invocations (its log group has the errors)`,
        threshold: 0,
        action: props.alarmAction,
      }),
      alarmAbove(this, 'ThrottlesAlarm', this.function.metricThrottles({ ...fiveMinutes, statistic: cloudwatch.Stats.SUM }), {
        alarmName: `${props.functionName}-throttles`,
        description: `${props.functionName} was throttled: account concurrency or its reservation is exhausted`,
        threshold: 0,
        action: props.alarmAction,
      }),
    ];
    if (props.alarmOnDurationNearTimeout) {
      const limitMs = props.sizing.timeout.toMilliseconds() * DURATION_ALARM_SHARE_OF_TIMEOUT;
      this.alarms.push(
        alarmAbove(this, 'DurationAlarm', this.function.metricDuration({ ...fiveMinutes, statistic: cloudwatch.Stats.p(99) }), {
          alarmName: `${props.functionName}-duration-near-timeout`,
          description: `${props.functionName} p99 duration is above ${DURATION_ALARM_SHARE_OF_TIMEOUT * 100}% of its ${props.sizing.timeout.toSeconds()} s timeout`,
          threshold: limitMs,
          evaluationPeriods: 3,
          action: props.alarmAction,
        }),
      );
    }

    if (props.network) {
      // Set on the L1: the L2 wants an IVpc object whose id the template never uses (an unused
      // deploy-time parameter); a function's VpcConfig is only its subnets and security groups.
      (this.function.node.defaultChild as lambda.CfnFunction).vpcConfig = {
        subnetIds: [...props.network.subnetIds],
        securityGroupIds: [props.network.securityGroupId, ...(props.network.additionalSecurityGroupIds ?? [])],
      };
      this.allowNetworkInterfaces(props.network);
    }

    suppress(this.role, [
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) support no resource-level permissions.',
      },
    ]);
    const runtimeReason =
      'nodejs22.x is the runtime the apps are built for (esbuild target node22); the build target and the runtime move to 24 together.';
    suppress(this.function, [
      { id: 'AwsSolutions-L1', reason: runtimeReason },
      { id: 'Serverless-LambdaLatestVersion', reason: runtimeReason },
      {
        id: 'Serverless-LambdaDLQ',
        reason: props.onFailure
          ? 'Failed asynchronous invocations go to an on-failure destination, which keeps the whole request payload that tools/redrive replays; a DeadLetterConfig keeps less.'
          : 'Invoked synchronously (by API Gateway or as a deploy-time custom resource): the caller gets the error, and a dead-letter queue only applies to asynchronous invocations.',
      },
    ]);
  }

  /**
   * What Lambda needs, in the execution role, to attach the function to its subnets. Written out
   * instead of AWSLambdaVPCAccessExecutionRole (Resource "*" on every action): creation is limited
   * to the function's own subnets and security group, the rest to network interfaces.
   */
  private allowNetworkInterfaces(network: FunctionNetwork): void {
    const stack = Stack.of(this);
    const ec2Arn = (resource: string, resourceName: string) =>
      stack.formatArn({ service: 'ec2', resource, resourceName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
    const anyNetworkInterface = ec2Arn('network-interface', '*');
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'DescribeNetworkInterfaces',
        // Describe* calls support no resource-level permissions.
        actions: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'],
        resources: ['*'],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'CreateNetworkInterfacesInOwnSubnets',
        actions: ['ec2:CreateNetworkInterface'],
        resources: [
          anyNetworkInterface,
          ...network.subnetIds.map((subnetId) => ec2Arn('subnet', subnetId)),
          ...[network.securityGroupId, ...(network.additionalSecurityGroupIds ?? [])].map((id) => ec2Arn('security-group', id)),
        ],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ManageNetworkInterfaces',
        actions: ['ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
        resources: [anyNetworkInterface],
      }),
    );
    suppress(this.role, [
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'ec2:DescribeNetworkInterfaces and ec2:DescribeSubnets (to attach the function to its VPC) and the X-Ray tracing actions support no resource-level permissions.',
      },
      {
        id: wildcardResourceFinding(this, anyNetworkInterface),
        reason: 'Lambda creates and deletes the function\'s network interfaces under ids unknown in advance; creation is limited to its own subnets and security group.',
      },
    ]);
  }
}
