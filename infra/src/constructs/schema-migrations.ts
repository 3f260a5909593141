import { CustomResource, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { suppress, wildcardResourceFinding } from '../nag';

export interface SchemaMigrationsProps {
  /** The function that applies pending migrations (the profile bundle's `migrate` export). */
  readonly migrateFunction: lambda.IFunction;
  /**
   * Changes whenever the bundle (code or `sql/` migrations) changes: CloudFormation calls the
   * function again only when a property of the resource changes.
   */
  readonly bundleFingerprint: string;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * Runs the database migrations during `cdk deploy`, as a custom resource: CDK's provider framework
 * invokes the migrate function and reports its outcome to CloudFormation, so a failed migration
 * fails (and rolls back) the deployment. Everything that must see the new schema should depend on
 * `resource`.
 */
export class SchemaMigrations extends Construct {
  public readonly resource: CustomResource;
  public readonly provider: cr.Provider;

  constructor(scope: Construct, id: string, props: SchemaMigrationsProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'ProviderLogs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    // Our own role instead of the framework's default, which carries AWSLambdaBasicExecutionRole (logs:* on every group).
    const role = new iam.Role(this, 'ProviderRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Provider framework of the schema migrations custom resource',
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteOwnLogGroup',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );

    this.provider = new cr.Provider(this, 'Provider', {
      onEventHandler: props.migrateFunction,
      frameworkOnEventRole: role,
      logGroup,
    });
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: this.provider.serviceToken,
      resourceType: 'Custom::SchemaMigrations',
      properties: { BundleFingerprint: props.bundleFingerprint },
    });

    suppress(this.provider, [
      {
        id: 'Serverless-LambdaDLQ',
        reason: "CDK's provider framework function is invoked by CloudFormation during deploys; a failure fails the deploy, there is nothing to park.",
      },
      { id: 'Serverless-LambdaDefaultMemorySize', reason: "CDK's provider framework function only relays one event to the migrate function; its size is CDK's." },
      { id: 'Serverless-LambdaTracing', reason: "CDK's provider framework function offers no tracing setting; the migrate function it calls is traced." },
    ]);
    suppress(role, [
      {
        id: wildcardResourceFinding(this, `${props.migrateFunction.functionArn}:*`),
        reason:
          "The provider framework's grantInvoke covers the migrate function's versions and aliases (ARN + ':*'); it is that one function.",
      },
    ]);
  }
}
