import type { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionSizing } from '../config';
import { suppress } from '../nag';

export interface AvatarFunctionProps {
  /** Stable name: the API targets the function by it. */
  readonly functionName: string;
  readonly description: string;
  /** Nx build output holding `index.js` (+ source map, + node_modules for the thumbnail). */
  readonly assetDir: string;
  /** `POWERTOOLS_SERVICE_NAME` */
  readonly serviceName: string;
  readonly logLevel: string;
  readonly sizing: FunctionSizing;
  readonly environment?: Readonly<Record<string, string>>;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  readonly reservedConcurrentExecutions?: number;
  /** Async invocations only: retries before `onFailure`. */
  readonly retryAttempts?: number;
  readonly onFailure?: lambda.IDestination;
}

/**
 * A Node.js 22 arm64 function built by Nx, with its own log group and a role that may only write
 * to that log group. Every other permission is granted explicitly by the owning stack.
 */
export class AvatarFunction extends Construct {
  public readonly function: lambda.Function;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;

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
      handler: 'index.handler',
      code: lambda.Code.fromAsset(props.assetDir),
      memorySize: props.sizing.memorySize,
      timeout: props.sizing.timeout,
      role: this.role,
      logGroup: this.logGroup,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      retryAttempts: props.retryAttempts,
      onFailure: props.onFailure,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_LOG_LEVEL: props.logLevel,
        ...props.environment,
      },
    });

    suppress(this.function, [
      {
        id: 'AwsSolutions-L1',
        reason:
          'nodejs22.x is the runtime the apps are built for (esbuild target node22); the build target and the runtime move to 24 together.',
      },
    ]);
  }
}
